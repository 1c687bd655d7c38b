/**
 * The noise of WeightNoise as pure functions of (key, shapes, scale): independent Gaussian noise
 * per weight (Graves 2011), or NoisyNet's factorized noise (Fortunato et al. 2017), and the
 * perturbed weight. The layer keeps the state (step, cache); these only draw and combine.
 */
import {
  abs,
  add,
  mul,
  outerProduct,
  reshape,
  sign,
  sqrt,
  type Tensor,
  type Tensor1D,
  tidy,
} from '@tensorflow/tfjs-core';
import type { Shape } from '@tensorflow/tfjs-layers';
import { normal } from '../random/noise';
import type { NoiseKey } from '../random/noise_key';
import type { NoiseMode } from './noise_mode';

/** One perturbed weight: its shape, and whether it is a bias (factorized noise treats it apart). */
export interface NoisyWeight {
  shape: number[];
  isBias: boolean;
}

/** The noise key of weight `index` at `step`: the stream is a function of the index. */
export type KeyOf = (index: number) => NoiseKey;

/** Fan-in of a kernel: the product of every dimension but the last (at least 1). */
export function fanIn(shape: Shape): number {
  return shape.slice(0, -1).reduce((a: number, d) => a * (d ?? 1), 1) || 1;
}

/** f(x) = sgn(x) sqrt(|x|) of NoisyNet's factorized noise. */
function signSqrt(x: Tensor): Tensor {
  return mul(sign(x), sqrt(abs(x)));
}

/** Independent N(0, scale^2) noise for each weight, weight i drawn with key `keyOf(i)`. */
export function independentNoise(weights: NoisyWeight[], keyOf: KeyOf, scale: number): Tensor[] {
  return weights.map((w, i) => normal(w.shape, keyOf(i), 0, scale));
}

/**
 * NoisyNet's factorized noise: one output vector f(e_out) (key 0), scaled by `scale` and shared
 * by every weight, and per kernel an input vector f(e_in) (key i + 1) of its fan-in; a kernel
 * gets outer(f(e_in), f(e_out)) reshaped to its shape, a bias gets f(e_out). The scale is
 * applied to the output vector, so every entry is scaled once.
 */
export function factorizedNoise(weights: NoisyWeight[], keyOf: KeyOf, scale: number): Tensor[] {
  const outputs = weights[0]?.shape.at(-1) ?? 1;
  return tidy(() => {
    const fOut = mul(signSqrt(normal([outputs], keyOf(0))), scale) as Tensor1D;
    return weights.map((w, i) => {
      if (w.isBias) return fOut.clone();
      const fIn = signSqrt(normal([fanIn(w.shape)], keyOf(i + 1))) as Tensor1D;
      return reshape(outerProduct(fIn, fOut), w.shape);
    });
  });
}

/**
 * The perturbed weight: `w + delta` (additive) or `w * (1 + delta)` (multiplicative; not
 * `w + w * delta`, so an infinite weight stays infinite).
 */
export function perturb(w: Tensor, delta: Tensor, mode: NoiseMode): Tensor {
  return mode === 'additive' ? add(w, delta) : mul(w, add(1, delta));
}
