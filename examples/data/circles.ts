/**
 * Two concentric circles, as scikit-learn's `make_circles`: half the points on the unit circle
 * (label 0), half on a circle of radius `factor` (label 1), plus Gaussian noise, shuffled.
 * Generated from tfjs-noise's seeded noise source, so a seed fixes the data set.
 */
import { circlePoint } from '@tfjs-noise/support/toy';
import { random } from 'tfjs-noise';

/** Arguments of {@link makeCircles}. */
export interface CirclesArgs {
  /** Number of points (half on each circle). */
  n: number;
  /** Std of the Gaussian noise added to every coordinate. */
  noise: number;
  /** Radius of the inner circle relative to the outer one. Default 0.8. */
  factor?: number;
  /** Seed of the noise and the shuffle. */
  seed: number;
}

/** Points as rows `[x, y]` and labels 0/1. */
export interface Dataset {
  x: number[][];
  y: number[];
}

export function makeCircles({ n, noise, factor = 0.8, seed }: CirclesArgs): Dataset {
  const nOut = Math.floor(n / 2);
  const nIn = n - nOut;
  const eps = random.fillNormal(new Float64Array(2 * n), { seed, stream: 1, step: 0 }, 0, noise);
  const points: { p: number[]; label: number }[] = [];
  for (let i = 0; i < nOut; i++) {
    const a = (2 * Math.PI * i) / nOut;
    points.push({ p: circlePoint(a, 1), label: 0 });
  }
  for (let i = 0; i < nIn; i++) {
    const a = (2 * Math.PI * i) / nIn;
    points.push({ p: circlePoint(a, factor), label: 1 });
  }
  points.forEach(({ p }, i) => {
    p[0] = (p[0] as number) + (eps[2 * i] as number);
    p[1] = (p[1] as number) + (eps[2 * i + 1] as number);
  });
  // Fisher-Yates shuffle driven by the same noise source.
  const u = random.fillUniform(new Float64Array(n), { seed, stream: 2, step: 0 });
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor((u[i] as number) * (i + 1));
    [points[i], points[j]] = [points[j] as (typeof points)[0], points[i] as (typeof points)[0]];
  }
  return { x: points.map((q) => q.p), y: points.map((q) => q.label) };
}

/** Splits a data set: the first `nTrain` points for training, the rest for testing. */
export function split(data: Dataset, nTrain: number): { train: Dataset; test: Dataset } {
  return {
    train: { x: data.x.slice(0, nTrain), y: data.y.slice(0, nTrain) },
    test: { x: data.x.slice(nTrain), y: data.y.slice(nTrain) },
  };
}
