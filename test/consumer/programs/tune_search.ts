/**
 * A consumer program: the tune library from a program (compiled as CommonJS by the consumer
 * test): searchNoise on one worker thread with the package's MLP builder, on the cpu backend.
 * Prints one JSON line.
 */
import { formatTable, MLP_BUILDER, searchNoise } from '@tfjs-noise/tune';

async function main(): Promise<void> {
  const x = Array.from({ length: 24 }, (_, i) => [Math.cos(i), Math.sin(i * 0.7)]);
  const y = x.map(([a]) => (a! > 0 ? 1 : 0));
  const result = await searchNoise(
    { x, y },
    {
      task: 'classification',
      grid: { kinds: ['input'], amounts: [0.1] },
      builder: MLP_BUILDER,
      builderOptions: { hiddenUnits: 4 },
      folds: 2,
      repeats: 1,
      epochs: 3,
      seed: 1,
      workers: 1,
      backend: 'cpu',
      progress: 'none',
    },
  );
  console.log(
    JSON.stringify({
      backend: result.backend,
      workers: result.workers,
      rows: result.rows.map((r) => [r.kind, r.amount, r.scores.length]),
      table: formatTable(result).length,
      sentence: result.recommendation.sentence,
    }),
  );
}

main();
