/**
 * A 1-D classification task with realistic nuisance (examples/signals and bench/claims' signals
 * study): traces of LENGTH samples of one of four waveform shapes (sine, square, triangle,
 * sawtooth), each with a random phase, a frequency jittered around 3 cycles per trace (2 to 4),
 * an amplitude from 0.3 to 2, an offset from -1 to 1, a slow drift (a sine of 0.2 to 0.6 cycles
 * per trace, amplitude up to 0.3) and white background noise of std 0.05. The class is the
 * shape. Every number comes from tfjs-noise's seeded source (seed, stream).
 */
import * as tf from '@tensorflow/tfjs';
import { random } from 'tfjs-noise';

/** Samples per trace. */
export const LENGTH = 128;
/** The waveform shapes, in class order. */
export const SHAPES = ['sine', 'square', 'triangle', 'sawtooth'] as const;

/** The shape's value at phase `p` (in cycles), in [-1, 1]. */
function wave(shape: number, p: number): number {
  const f = p - Math.floor(p);
  if (shape === 0) return Math.sin(2 * Math.PI * p);
  if (shape === 1) return f < 0.5 ? 1 : -1;
  if (shape === 2) return f < 0.5 ? 4 * f - 1 : 3 - 4 * f;
  return 2 * f - 1;
}

/** A split of traces: `[n, LENGTH, 1]` and one-hot labels `[n, 4]`. */
export interface Waveforms {
  x: tf.Tensor3D;
  y: tf.Tensor2D;
  labels: number[];
}

/** `perClass` traces of every shape from stream `stream` of `seed` (class by class). */
export function makeWaveforms(perClass: number, seed: number, stream: number): Waveforms {
  const n = perClass * SHAPES.length;
  const u = random.fillUniform(new Float32Array(n * 7), { seed, stream, step: 0 });
  const noise = random.fillNormal(new Float32Array(n * LENGTH), { seed, stream, step: 1 }, 0, 0.05);
  const x = new Float32Array(n * LENGTH);
  const labels: number[] = [];
  for (let i = 0; i < n; i++) {
    const shape = Math.floor(i / perClass);
    const r = (k: number) => u[i * 7 + k] as number;
    const cycles = 2 + 2 * r(0);
    const phase = r(1);
    const amplitude = 0.3 + 1.7 * r(2);
    const offset = 2 * r(3) - 1;
    const driftCycles = 0.2 + 0.4 * r(4);
    const driftAmp = 0.3 * r(5);
    const driftPhase = r(6);
    for (let t = 0; t < LENGTH; t++) {
      const s = t / LENGTH;
      x[i * LENGTH + t] =
        amplitude * wave(shape, cycles * s + phase) +
        offset +
        driftAmp * Math.sin(2 * Math.PI * (driftCycles * s + driftPhase)) +
        (noise[i * LENGTH + t] as number);
    }
    labels.push(shape);
  }
  const y = tf.tidy(() => tf.oneHot(tf.tensor1d(labels, 'int32'), SHAPES.length).toFloat());
  return { x: tf.tensor3d(x, [n, LENGTH, 1]), y: y as tf.Tensor2D, labels };
}

/** Disposes a split's tensors. */
export function disposeWaveforms(w: Waveforms): void {
  tf.dispose([w.x, w.y]);
}
