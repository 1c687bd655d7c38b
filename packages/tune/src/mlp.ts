/**
 * `@tfjs-noise/tune/mlp`: the built-in MLP builder function, `buildMlp`, the module that
 * `MLP_BUILDER` (exported by the root, `@tfjs-noise/tune`, with `MlpOptions`) points each worker
 * thread to. Import it to build the search's model yourself, e.g. to inspect it; a search takes
 * `MLP_BUILDER`. The kinds it understands are the registry of `@tfjs-noise/tune/kinds`.
 *
 * @example
 * ```ts
 * import { buildMlp } from '@tfjs-noise/tune/mlp';
 *
 * const context = {
 *   inputDim: 2, outputUnits: 1, task: 'classification', numClasses: 2,
 *   seed: 1, fold: -1, repeat: 0, options: {},
 * } as const;
 * buildMlp({ kind: 'input', amount: 0.1 }, context).summary();
 * ```
 *
 * @module @tfjs-noise/tune/mlp
 */
export { buildMlp } from './model/mlp';
