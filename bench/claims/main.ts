/**
 * Where noise is the right tool (`pnpm bench:claims`): one paired study per claim of the
 * literature that the library's noise is meant to reproduce; see docs/where-noise-helps.md.
 *
 *   pnpm bench:claims                        # every study, 10 seeds (about an hour, one core)
 *   pnpm bench:claims --quick                # tiny sizes, 2 seeds: checks that it runs
 *   options: --studies sequences,sequences-long,depth,noisy-activations,denoising,images,signals
 *            (all), --seeds N (10),
 *            --backend wasm|cpu (wasm), --out DIR (docs/where-noise-helps; --quick: a temp folder)
 *
 * Each study trains every arm on every seed from the same data, initial weights and noise seed,
 * and prints per row the arm's mean score and its paired gain over the arm it is paired with
 * (mean over seeds, 95% Student-t interval). It writes `<study>.json` (every seed's scores and
 * the table's numbers) and `<study>.md` (the table as printed) to the output folder, and a study
 * with a picture its `<study>.svg` (signals: accuracy against test SNR per arm). One process:
 * the studies run one after another on one core.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { useBackend } from '@tfjs-noise/support/backend';
import { BACKEND_FLAG, parseFlags, runScript } from '@tfjs-noise/support/flags';
import { denoisingStudy } from './denoising';
import { depthStudy } from './depth';
import { imagesStudy } from './images';
import { noisyActivationsStudy } from './noisy_activations';
import { lines, results } from './report';
import { sequencesLongStudy, sequencesStudy } from './sequences';
import { signalsStudy } from './signals';
import type { SeedScores, Study } from './study';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');

/** Every study, in the order they run. */
export const STUDIES: readonly Study[] = [
  sequencesStudy,
  sequencesLongStudy,
  depthStudy,
  noisyActivationsStudy,
  denoisingStudy,
  imagesStudy,
  signalsStudy,
];

async function main() {
  const names = STUDIES.map((s) => s.name);
  const flags = parseFlags({
    quick: { type: 'boolean' },
    studies: { type: 'list', default: names, values: names },
    seeds: { type: 'int', default: (s) => (s.quick ? 2 : 10), min: 1 },
    backend: BACKEND_FLAG,
    out: { type: 'folder', default: '' },
  });
  const quick = flags.quick;
  const seeds = flags.seeds;
  const out = resolve(
    flags.out ||
      (quick ? mkdtempSync(join(tmpdir(), 'bench-claims-')) : join(root, 'docs/where-noise-helps')),
  );
  const backend = await useBackend(flags.backend);
  mkdirSync(out, { recursive: true });
  const command = `pnpm bench:claims ${process.argv.slice(2).join(' ')}`.trim();
  for (const study of STUDIES.filter((s) => flags.studies.includes(s.name))) {
    const start = performance.now();
    const perSeed: { seed: number; scores: SeedScores }[] = [];
    for (let seed = 1; seed <= seeds; seed++) {
      const t = performance.now();
      perSeed.push({ seed, scores: await study.runSeed(seed, quick) });
      const s = (performance.now() - t) / 1000;
      process.stderr.write(`${study.name} seed ${seed}/${seeds}: ${s.toFixed(1)} s\n`);
    }
    const seconds = (performance.now() - start) / 1000;
    const r = results(study, perSeed, { setup: study.describe(quick), command, backend, seconds });
    const text = lines(study, r);
    process.stdout.write(`${text.join('\n')}\n\n`);
    writeFileSync(join(out, `${study.name}.json`), `${JSON.stringify(r, null, 2)}\n`);
    writeFileSync(join(out, `${study.name}.md`), `${text.join('\n')}\n`);
    if (study.plot) {
      const svg = await study.plot(perSeed.map((p) => p.scores));
      writeFileSync(join(out, `${study.name}.svg`), svg);
    }
  }
  process.stdout.write(`wrote ${out}\n`);
}

runScript('bench:claims', main);
