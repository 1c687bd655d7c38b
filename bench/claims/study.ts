/**
 * What a claim study is: the arms it trains on every seed (each from the same data, initial
 * weights and noise seed), the numbers it scores each arm by, and the rows of its table (an arm
 * against the arm it is paired with).
 */

/** One number an arm is scored by, and how a paired gain over another arm is computed. */
export interface Metric {
  /** Key in the per-seed results. */
  key: string;
  /** Column label (the arm's own mean). */
  label: string;
  /** Digits of the arm's mean in the table. */
  digits: number;
  /** Gain of `value` over `base` (the paired arm), positive when `value` is better. */
  gain: (value: number, base: number) => number;
  /** Unit of the gain, e.g. `% lower MSE`, `accuracy points`, `epochs fewer`. */
  gainUnit: string;
}

/** Test MSE (lower is better); the gain is the percent lower MSE than the paired arm's. */
export const MSE: Metric = {
  key: 'mse',
  label: 'test MSE',
  digits: 4,
  gain: (v, b) => (100 * (b - v)) / b,
  gainUnit: '% lower MSE',
};

/** Test accuracy in [0, 1]; the gain is in accuracy points (percent). */
export const ACCURACY: Metric = {
  key: 'accuracy',
  label: 'test acc.',
  digits: 3,
  gain: (v, b) => 100 * (v - b),
  gainUnit: 'accuracy points',
};

/** A row of a study's table: `arm` paired with `vs` (no `vs`: a reference arm, no gain). */
export interface Row {
  arm: string;
  vs?: string;
}

/** The scores of every arm on one seed: arm name -> metric key -> value. */
export type SeedScores = Record<string, Record<string, number>>;

/** One study of the suite. */
export interface Study {
  /** Name on the command line (`--studies`) and of the results file. */
  name: string;
  /** The claim under test, with its source, in one line. */
  claim: string;
  /** Arm name -> label in the table. */
  arms: Record<string, string>;
  /** The rows of the table, in order. */
  rows: Row[];
  /** The rows the claim is about (their verdict line is printed under the table). */
  claimRows: Row[];
  /** The metrics; the first is the test score the verdict is about. */
  metrics: Metric[];
  /** The setup in one or two sentences (sizes, epochs, amounts). */
  describe: (quick: boolean) => string;
  /** Trains every arm on `seed` and returns their scores. */
  runSeed: (seed: number, quick: boolean) => Promise<SeedScores>;
  /** The study's picture as SVG from every seed's scores (written to `<study>.svg`), if any. */
  plot?: (perSeed: SeedScores[]) => Promise<string>;
}
