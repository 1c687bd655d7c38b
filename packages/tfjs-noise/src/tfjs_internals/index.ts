/**
 * Everything tfjs-noise takes from tfjs beyond its documented API, in one place: when tfjs
 * changes version, review these files (and run the tests named); the rest of the library uses
 * tfjs's public API only, and layers and optimizers alike import these from here.
 *
 * - `graph.ts`: `layer.inboundNodes` / `outboundNodes` (`inboundLayers`, `outboundLayer`) and a
 *   nested model's `layers`, to rank the noise layers of one class and seed in a model, which
 *   gives each its own noise stream (`layer_streams.test.ts`).
 * - `tape.ts`: `engine().isTapeOn()` and `engine().state.activeTape`, to tell a training step (a
 *   gradient tape) from inference and one step from the next, so noise is drawn once per batch
 *   (`weight_noise.test.ts`, `failed_step.test.ts`, `saved_steps.test.ts`).
 * - `variable_patches.ts`: an own `read` / `write` on a `LayerVariable`: WeightNoise calls the
 *   wrapped layer with noisy weights; the step counters check what `setWeights` and
 *   `loadLayersModel` write (`weight_noise.test.ts`, `saved_steps.test.ts`).
 * - `registry.ts`: `serialization.SerializationMap.getMap().classNameMap`, to build the layer a
 *   WeightNoise wraps and the optimizer a WrappingOptimizer wraps from their configs, and to find
 *   a class's noise declaration by name (`hostile_model.test.ts`, `config_fuzz.test.ts`,
 *   `annealed_gradient_noise.test.ts`); tfjs-noise's own entries are kept by an accessor that
 *   refuses another class of the same name (`user_noise_layer.test.ts`).
 * - `adam_beta_powers.ts`: Adam's non-public `accBeta1` and `accBeta2`, saved and restored by
 *   the optimizer wrapper because `Adam.setWeights` recomputes them differently (a resumed run
 *   stays bit-identical; `annealed_gradient_noise.test.ts`).
 * - `int32_step.ts`: tfjs saves step counters (`iter`) as int32, and so do the noise layers and
 *   the optimizer wrapper: one limit ({@link MAX_STEP}), one check of a saved step, one error for
 *   a full counter (`saved_steps.test.ts`).
 * - `optimizer_instanceof.ts`: `tf.Optimizer`'s duck-typed `Symbol.hasInstance`, replaced so that
 *   `x instanceof AnnealedGradientNoise` holds for wrappers only (`annealed_gradient_noise.test.ts`).
 * - `tfjs_globals.ts`: tfjs-core's `globalThis._tfGlobals` (key `Tensor`), to detect two copies
 *   of tfjs-core (`one_tfjs.test.ts`).
 * - `types.ts`: types tfjs does not export (`LayerArgs`, `Kwargs`, `NamedTensor`,
 *   `NamedTensorMap`), written out so the published `.d.ts` never imports from
 *   `@tensorflow/*\/dist` (typecheck, `test/consumer`).
 * - `wasm_conv_backprop.ts`: kernels registered for the `wasm` backend where it has none
 *   (`Conv2DBackpropFilter`, `DepthwiseConv2dNativeBackpropFilter` and `...BackpropInput`), built
 *   from the wasm kernels it has, run by name with tfjs's kernel attributes
 *   (`wasm_conv_backprop.test.ts`). Imported for its side effect by the package's entry point. A
 *   tfjs whose wasm backend brings these kernels keeps its own.
 *
 * Not here, with the code it serves: the GPU sampler registers kernels of its own and runs them
 * through the webgl and webgpu backends' program interfaces (`random/gpu_sampler.ts`,
 * `random/gpu/`; `gpu_sampler.test.ts` and the browser tests in `test/e2e`).
 */
export { BETA_POWER_FIELDS, betaPowerVariables } from './adam_beta_powers';
export { connectedLayers } from './graph';
export { checkStep, checkStepLeft, MAX_STEP, readStep, readStepSync } from './int32_step';
export { useOrdinaryInstanceof } from './optimizer_instanceof';
export {
  fromRegisteredConfig,
  type RegisteredClass,
  registerBuiltIn,
  registeredClass,
} from './registry';
export { currentTape, isRecordingGradients } from './tape';
export { firstTensorClass } from './tfjs_globals';
export type { Kwargs, LayerArgs, NamedTensor, NamedTensorMap } from './types';
export { interceptWrites, withReadsAs } from './variable_patches';
