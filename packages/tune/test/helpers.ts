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
