/**
 * Small data sets for the tests, generated from tfjs-noise's seeded noise source.
 */
import { circlePoint } from '@tfjs-noise/support/toy';
import { random } from 'tfjs-noise';

/** Two noisy concentric circles (labels 0 outer, 1 inner), as scikit-learn's make_circles. */
export function circles(n: number, seed: number, noise = 0.1): { x: number[][]; y: number[] } {
  const eps = random.fillNormal(new Float64Array(2 * n), { seed, stream: 1, step: 0 }, 0, noise);
  const x: number[][] = [];
  const y: number[] = [];
  for (let i = 0; i < n; i++) {
    const label = i % 2;
    const p = circlePoint((2 * Math.PI * i) / n, label === 0 ? 1 : 0.6);
    x.push([p[0] + eps[2 * i]!, p[1] + eps[2 * i + 1]!]);
    y.push(label);
  }
  return { x, y };
}

/**
 * Tiny images of two classes that differ in a pattern: class 0 has horizontal stripes, class 1
 * vertical ones (every other row / column bright), plus seeded Gaussian noise; rows of shape
 * `[size, size, channels]` (channel k scaled by k + 1 and offset by 10 k, so channels differ
 * in mean and spread).
 */
export function stripes(
  n: number,
  seed: number,
  size = 8,
  channels = 1,
  noise = 0.3,
): { x: number[][][][]; y: number[] } {
  const eps = random.fillNormal(new Float64Array(n * size * size * channels), {
    seed,
    stream: 2,
    step: 0,
  });
  const x: number[][][][] = [];
  const y: number[] = [];
  let e = 0;
  for (let i = 0; i < n; i++) {
    const label = i % 2;
    const image: number[][][] = [];
    for (let r = 0; r < size; r++) {
      const row: number[][] = [];
      for (let c = 0; c < size; c++) {
        const on = (label === 0 ? r : c) % 2 === 0 ? 1 : 0;
        row.push(
          Array.from({ length: channels }, (_, k) => 10 * k + (k + 1) * (on + noise * eps[e++]!)),
        );
      }
      image.push(row);
    }
    x.push(image);
    y.push(label);
  }
  return { x, y };
}

/** Signals `[t][channels]` of two classes: a slow sine (class 0) or a fast one (class 1), noisy. */
export function waves(
  n: number,
  seed: number,
  length = 16,
  channels = 1,
  noise = 0.3,
): { x: number[][][]; y: number[] } {
  const eps = random.fillNormal(new Float64Array(n * length * channels), {
    seed,
    stream: 3,
    step: 0,
  });
  let e = 0;
  const x = Array.from({ length: n }, (_, i) =>
    Array.from({ length }, (_, t) =>
      Array.from(
        { length: channels },
        () => Math.sin(((i % 2 === 0 ? 1 : 4) * 2 * Math.PI * t) / length) + noise * eps[e++]!,
      ),
    ),
  );
  return { x, y: x.map((_, i) => i % 2) };
}
