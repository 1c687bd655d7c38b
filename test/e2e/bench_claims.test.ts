import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runNode } from '../support/process/run_node';

// The claims suite (pnpm bench:claims) in its --quick mode: every study runs end to end and
// writes its table and results. No number is asserted: the quick sizes measure nothing.
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const STUDIES = ['sequences', 'sequences-long', 'depth', 'noisy-activations', 'denoising'];

describe('bench:claims', () => {
  it('--quick runs every study and writes <study>.json and <study>.md', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bench-claims-test-'));
    try {
      const out = await runNode(['bench/claims/main.ts', '--quick', '--out', dir], root);
      expect(readdirSync(dir).sort()).toEqual(
        STUDIES.flatMap((s) => [`${s}.json`, `${s}.md`]).sort(),
      );
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
