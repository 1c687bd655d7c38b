/**
 * Optional support for tfjs-noise's annealed gradient noise (`tfn.train.annealedGradientNoise`),
 * detected at run time: builds of tfjs-noise without it still work for the other kinds.
 */
import type { Optimizer } from '@tensorflow/tfjs-core';
import * as tfn from 'tfjs-noise';

/** The wrapper's arguments (Neelakantan et al. 2015: noise variance eta / (1 + t)^gamma). */
export interface GradientNoiseArgs {
  /** Noise scale eta. */
  eta: number;
  /** Annealing exponent gamma (the library's default if omitted). */
  gamma?: number;
  /** Seed of the noise. */
  seed?: number;
}

type Wrap = (optimizer: Optimizer, args: GradientNoiseArgs) => Optimizer;

/** `tfn.train.annealedGradientNoise` if this tfjs-noise build has it, else null. */
export function gradientNoise(): Wrap | null {
  const train = (tfn as unknown as { train?: { annealedGradientNoise?: unknown } }).train;
  return typeof train?.annealedGradientNoise === 'function'
    ? (train.annealedGradientNoise as Wrap)
    : null;
}

/** The message of the error for kind 'gradient' when the build lacks it. */
export const GRADIENT_UNAVAILABLE =
  "noise kind 'gradient' is not available in this tfjs-noise build " +
  '(it has no tfn.train.annealedGradientNoise)';
