import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import * as tfn from 'tfjs-noise';
import { afterAll, describe, expect, it } from 'vitest';
import { saveTo } from '../support/models/file_io';
import { buildFourComponents } from '../support/models/four_components';
import { runNode } from '../support/process/run_node';

// Resume across processes on cpu: train k epochs with every component (gradient noise too) and
// an annealing schedule, save the model with its optimizer, continue in a new Node process, and compare with
// a run that never stopped, bit for bit.
const testDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const K = 3;
const N = 4;
const schedule = 'tfn.schedules.exponential({ initial: 0.2, rate: 0.5, steps: 8 })';

const DATA = `
  const x = tf.tidy(() => tf.div(tf.reshape(tf.range(0, 96), [24, 4]), 96));
  const y = tf.tidy(() => tf.sin(tf.sum(x, 1, true)));
`;

describe('resume in a new process', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tfjs-noise-resume-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('continues bit-identically to an uninterrupted run (cpu)', async () => {
    await tf.setBackend('cpu');
    const { x, y } = new Function('tf', `${DATA}; return { x, y };`)(tf);
    const train = (model: tf.LayersModel, epochs: number, initialEpoch = 0) =>
      model.fit(x, y, {
        epochs: initialEpoch + epochs,
        initialEpoch,
        batchSize: 8,
        shuffle: false,
        verbose: 0,
        callbacks: [
          tfn.callbacks.noiseSchedule({ schedule: new Function('tfn', `return ${schedule}`)(tfn) }),
        ],
      });
    const straight = buildFourComponents();
    await train(straight, K + N);
    const first = buildFourComponents();
    await train(first, K);
    await first.save(saveTo(dir), { includeOptimizer: true });

    const out = await runNode(
      [
        '--input-type=module',
        '-e',
        `
        import * as tf from '@tensorflow/tfjs';
        import * as tfn from 'tfjs-noise';
        import { loadFrom } from './support/models/file_io.ts';
        await tf.setBackend('cpu');
        ${DATA}
        const model = await tf.loadLayersModel(loadFrom(${JSON.stringify(dir)}));
        const cb = tfn.callbacks.noiseSchedule({ schedule: ${schedule} });
        await model.fit(x, y, { epochs: ${K + N}, initialEpoch: ${K}, batchSize: 8, shuffle: false, verbose: 0,
          callbacks: [cb] });
        console.log(JSON.stringify({ step: model.layers[0].step, stddev: cb.value,
          optimizer: model.optimizer.getClassName(), t: model.optimizer.iterations,
          weights: model.getWeights().map((w) => Array.from(w.dataSync())) }));
      `,
      ],
      testDir,
    );
    const resumed = JSON.parse(out) as {
      step: number;
      stddev: number;
      optimizer: string;
      t: number;
      weights: number[][];
    };
    expect(resumed.optimizer).toBe('AnnealedGradientNoise');
    expect(resumed.t).toBe((K + N) * 3);
    const expected = straight.getWeights().map((w) => Array.from(w.dataSync()));
    expect(resumed.weights.length).toBe(expected.length);
    expect(resumed.weights).toEqual(expected);
    // The reloaded layers continued the step count and the schedule: 3 batches per epoch.
    expect(resumed.step).toBe((K + N) * 3);
    expect(resumed.stddev).toBe(0.2 * 0.5 ** (((K + N) * 3 - 1) / 8));
  });
});
