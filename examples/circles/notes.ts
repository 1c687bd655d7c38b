/**
 * The words printed with the circles table: which rows are at chance, and how wide the intervals
 * of a run are (a quick run's 3 seeds give intervals too wide to tell settings apart).
 */
import type { Summary } from './stats';

/** Chance accuracy of the task: make_circles has two classes of equal size. */
export const CHANCE = 0.5;

/** The seeds of the full run (`--full`). */
export const FULL_SEEDS = 20;

/**
 * True if a test accuracy is not above chance: the lower end of its 95% CI (the mean itself
 * with one seed) is at or below 50%.
 */
export function atChance(testAcc: Summary): boolean {
  const half = Number.isNaN(testAcc.ci95) ? 0 : testAcc.ci95;
  return testAcc.mean - half <= CHANCE;
}

/** The note of a table row: `at chance (50%)` or nothing. */
export function chanceNote(testAcc: Summary): string {
  return atChance(testAcc) ? `at chance (${100 * CHANCE}%)` : '';
}

/**
 * The lines under the table: what "at chance" means (if a row is), and how many seeds the
 * intervals come from and how wide they are; below {@link FULL_SEEDS} seeds, that the run is a
 * smoke run and how to make the full one.
 */
export function tableNotes(testAccs: Summary[]): string[] {
  const lines: string[] = [];
  if (testAccs.some(atChance)) {
    lines.push(
      `at chance (${100 * CHANCE}%): the test accuracy's 95% CI reaches ${100 * CHANCE}%, the ` +
        'accuracy of guessing (two classes of equal size).',
    );
  }
  const seeds = Math.max(0, ...testAccs.map((s) => s.n));
  const widths = testAccs.map((s) => s.ci95).filter((w) => !Number.isNaN(w));
  const points = (w: number) => (100 * w).toFixed(0);
  const range =
    widths.length === 0
      ? 'no intervals (one seed)'
      : `test-accuracy intervals of +-${points(Math.min(...widths))} to +-${points(Math.max(...widths))} points`;
  lines.push(
    seeds < FULL_SEEDS
      ? `${seeds} seed${seeds === 1 ? '' : 's'}: ${range}; a smoke run, too few seeds to tell ` +
          `settings apart (--full for ${FULL_SEEDS} seeds).`
      : `${seeds} seeds: ${range}.`,
  );
  return lines;
}
