/**
 * Toy data sets for the playground, drawn from tfjs-noise's seeded noise source
 * (`random.fillUniform` / `random.fillNormal` with explicit keys): a seed fixes every point, in
 * every browser, so a saved model can be shown again on exactly its data.
 */
import { circlePoint, moonPoint, spiralPoint } from '@tfjs-noise/support/toy';
import { random } from 'tfjs-noise';

export const DATASETS = ['circles', 'moons', 'spiral', 'xor', 'regression'] as const;
export type DatasetName = (typeof DATASETS)[number];
export type Task = 'classification' | 'regression';

/** Points as rows (`[x1, x2]`, or `[x]` for regression) and targets (0/1, or real). */
export interface Dataset {
  name: DatasetName;
  task: Task;
  inputDim: 1 | 2;
  x: number[][];
  y: number[];
}

export interface DataArgs {
  name: DatasetName;
  /** Number of points. */
  n: number;
  /** Classification: the probability that a label is flipped. Regression: the std of the target noise. */
  labelNoise: number;
  seed: number;
  /** 'train' and 'test' draw from different streams of the same seed. */
  part: 'train' | 'test';
}

/** The square every 2-D data set lives in, and the x range of the regression task. */
export const DOMAIN = 1.6;

/** Std of the noise on the coordinates of each 2-D data set (fixed; label noise is the knob). */
const POINT_NOISE: Record<DatasetName, number> = {
  circles: 0.08,
  moons: 0.1,
  spiral: 0.04,
  xor: 0,
  regression: 0,
};

/** The noise-free regression target. */
export function regressionTarget(x: number): number {
  return Math.sin(2.5 * x) * 0.8 + 0.2 * x;
}

export function taskOf(name: DatasetName): Task {
  return name === 'regression' ? 'regression' : 'classification';
}

/** Draws `n` points of data set `name`; the same arguments always give the same points. */
export function makeDataset({ name, n, labelNoise, seed, part }: DataArgs): Dataset {
  const index = part === 'train' ? 0 : 1;
  const key = (what: string) => ({
    seed,
    stream: random.streamId(`playground/${what}`, index),
    step: 0,
  });
  const u = random.fillUniform(new Float64Array(2 * n), key(`${name}/position`));
  const eps = random.fillNormal(
    new Float64Array(2 * n),
    key(`${name}/jitter`),
    0,
    POINT_NOISE[name],
  );
  const x: number[][] = [];
  const y: number[] = [];

  if (name === 'regression') {
    const noise = random.fillNormal(new Float64Array(n), key('regression/target'), 0, labelNoise);
    for (let i = 0; i < n; i++) {
      const xi = (2 * (u[2 * i] as number) - 1) * (DOMAIN - 0.1);
      x.push([xi]);
      y.push(regressionTarget(xi) + (noise[i] as number));
    }
    return { name, task: 'regression', inputDim: 1, x, y };
  }

  for (let i = 0; i < n; i++) {
    const label = i % 2;
    const a = u[2 * i] as number;
    const b = u[2 * i + 1] as number;
    let p: [number, number];
    switch (name) {
      case 'circles': {
        p = circlePoint(2 * Math.PI * a, label === 0 ? 1.1 : 0.55);
        break;
      }
      case 'moons': {
        const [mx, my] = moonPoint(label, a);
        p = [mx - 0.5, my - 0.25];
        break;
      }
      case 'spiral': {
        p = spiralPoint(label, a, { turns: 1.5, r0: 0.1, growth: 1.3 });
        break;
      }
      case 'xor': {
        // Uniform in the square; the label is the sign of x1 * x2 (recomputed below).
        p = [(2 * a - 1) * 1.4, (2 * b - 1) * 1.4];
        break;
      }
    }
    const point: [number, number] = [
      p[0] + (eps[2 * i] as number),
      p[1] + (eps[2 * i + 1] as number),
    ];
    x.push(point);
    y.push(name === 'xor' ? (point[0] * point[1] > 0 ? 1 : 0) : label);
  }
  if (labelNoise > 0) {
    const flip = random.fillUniform(new Float64Array(n), key(`${name}/flip`));
    for (let i = 0; i < n; i++) if ((flip[i] as number) < labelNoise) y[i] = 1 - (y[i] as number);
  }
  return { name, task: 'classification', inputDim: 2, x, y };
}

/** Grid points for a boundary (2-D, `size` x `size`, row-major from the top) or a curve (1-D). */
export function gridPoints(inputDim: 1 | 2, size: number): number[][] {
  const pts: number[][] = [];
  const at = (i: number) => -DOMAIN + ((i + 0.5) * 2 * DOMAIN) / size;
  if (inputDim === 1) {
    for (let i = 0; i < size; i++) pts.push([at(i)]);
    return pts;
  }
  for (let r = 0; r < size; r++) {
    for (let c = 0; c < size; c++) pts.push([at(c), -at(r)]);
  }
  return pts;
}
