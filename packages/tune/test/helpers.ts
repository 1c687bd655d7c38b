/**
 * Small data sets for the tests, generated from tfjs-noise's seeded noise source.
 */
import { random } from 'tfjs-noise';

/** Two noisy concentric circles (labels 0 outer, 1 inner), as scikit-learn's make_circles. */
export function circles(n: number, seed: number, noise = 0.1): { x: number[][]; y: number[] } {
  const eps = random.fillNormal(new Float64Array(2 * n), { seed, stream: 1, step: 0 }, 0, noise);
  const x: number[][] = [];
  const y: number[] = [];
  for (let i = 0; i < n; i++) {
    const label = i % 2;
    const r = label === 0 ? 1 : 0.6;
    const a = (2 * Math.PI * i) / n;
    x.push([r * Math.cos(a) + eps[2 * i]!, r * Math.sin(a) + eps[2 * i + 1]!]);
    y.push(label);
  }
  return { x, y };
}
