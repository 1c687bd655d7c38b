/**
 * tfjs-noise works with exactly one copy of tfjs. Two copies of `@tensorflow/tfjs-core` or
 * `@tensorflow/tfjs-layers` in one program (for example a `@tensorflow/tfjs` that brought its own
 * nested tfjs-core next to the one tfjs-noise resolves) break in ways that name neither copy:
 * `x.clone is not a function` when a layer of one copy is applied to a model of the other, or
 * `Unknown layer` on load, because each copy keeps its own class registry. These checks turn
 * that into one error that says what to do.
 */
import { Tensor, version_core } from '@tensorflow/tfjs-core';
import { SymbolicTensor, version_layers } from '@tensorflow/tfjs-layers';
import { firstTensorClass } from './tfjs_internals';
import { twoCopiesFix, yourTfjsVersion } from './two_copies_fix';

/**
 * Throws if a tfjs-core other than the one tfjs-noise imports was loaded first in this program
 * (`registered` is that copy's Tensor class, read from tfjs-core's global map by default; `yours`
 * gives the version of the user's `@tensorflow/tfjs` for the error, read only when it throws).
 * Called once when tfjs-noise is imported.
 */
export function checkOneTfjsCore(
  registered: unknown = firstTensorClass(),
  yours: () => string | undefined = yourTfjsVersion,
): void {
  if (registered === undefined || registered === Tensor) return;
  throw new Error(
    `tfjs-noise: two copies of @tensorflow/tfjs-core are loaded in this program: tfjs-noise ` +
      `imports tfjs-core ${version_core}, and another copy was loaded before it. Tensors and ` +
      `models of one copy do not work with the other. ${twoCopiesFix('tfjs-core', version_core, yours())}`,
  );
}

/**
 * Throws if `inputs` hold a symbolic tensor (a model being built) of another copy of
 * tfjs-layers than the one `layerName`'s class extends: tfjs would fail later with
 * `x.clone is not a function`. `yours` gives the version of the user's `@tensorflow/tfjs` for the
 * error, read only when it throws.
 */
export function checkSameTfjsLayers(
  inputs: unknown,
  layerName: string,
  yours: () => string | undefined = yourTfjsVersion,
): void {
  for (const x of Array.isArray(inputs) ? inputs : [inputs]) {
    if (typeof x !== 'object' || x === null || x instanceof SymbolicTensor) continue;
    if (!('sourceLayer' in x) || !('nodeIndex' in x)) continue; // a concrete tensor
    throw new Error(
      `${layerName}: the model it is added to was made with another copy of ` +
        `@tensorflow/tfjs-layers than the one tfjs-noise imports (${version_layers}): two ` +
        `copies of tfjs are installed. ${twoCopiesFix('tfjs-layers', version_layers, yours())}`,
    );
  }
}
