/**
 * The kinds of noise the benchmarks compare, and how their tables name them. No imports: the
 * browser benchmark's Node runner formats its tables with these names without loading tfjs.
 */

export type Placement = 'none' | 'jitter' | 'tfjs' | 'weight' | 'factorized' | 'gradient';

/** How the tables name each placement. */
export const LABELS: Record<Placement, string> = {
  none: 'clean',
  jitter: 'GaussianJitter',
  tfjs: 'tf.layers.gaussianNoise',
  weight: 'WeightNoise',
  factorized: 'WeightNoise factorized',
  gradient: 'AnnealedGradientNoise',
};
