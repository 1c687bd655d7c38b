import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runNode } from '../support/process/run_node';

// The claims suite (pnpm bench:claims) in its --quick mode: every study runs end to end and
// writes its table and results. No number is asserted: the quick sizes measure nothing.
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const STUDIES = [
  'sequences',
  'sequences-long',
  'depth',
  'noisy-activations',
  'denoising',
  'images',
  'signals',
];
/** The studies that also draw their picture (`<study>.svg`). */
const PLOTS = ['signals'];

describe('bench:claims', () => {
  it('--quick runs every study and writes <study>.json, <study>.md (and its picture)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bench-claims-test-'));
    try {
      const out = await runNode(['bench/claims/main.ts', '--quick', '--out', dir], root);
      expect(readdirSync(dir).sort()).toEqual(
        [
          ...STUDIES.flatMap((s) => [`${s}.json`, `${s}.md`]),
          ...PLOTS.map((s) => `${s}.svg`),
        ].sort(),
      );
      for (const study of PLOTS) {
        const svg = readFileSync(join(dir, `${study}.svg`), 'utf8');
        expect(svg).toMatch(/^<svg[\s\S]*<\/svg>$/);
      }
      // The signals picture: a curve per arm, over the test SNRs from clean to 0 dB.
      const signals = readFileSync(join(dir, 'signals.svg'), 'utf8');
      for (const label of ['clean', '20 dB', '0 dB', 'noise at SNR [0, 20] dB', 'noise std 0.3']) {
        expect(signals).toContain(label);
      }
      for (const study of STUDIES) {
        expect(out).toContain(`## ${study}\n`);
        const md = readFileSync(join(dir, `${study}.md`), 'utf8');
        expect(md).toMatch(/^\| arm\s+\| paired with\s+\|/m);
        expect(md).toMatch(
          /^- .+ vs .+: [+-]\d+\.\d\d \[[+-]\d+\.\d\d, [+-]\d+\.\d\d\] .+ \(2 seeds/m,
        );
        const json = JSON.parse(readFileSync(join(dir, `${study}.json`), 'utf8'));
        expect(json.study).toBe(study);
        expect(json.seeds).toEqual([1, 2]);
        expect(json.perSeed).toHaveLength(2);
        expect(json.rows.length).toBeGreaterThanOrEqual(2);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
