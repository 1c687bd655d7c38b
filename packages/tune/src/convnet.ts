/**
 * `@tfjs-noise/tune/convnet`: the built-in convnet builder function, `buildConvnet`, for images
 * (`[h, w, c]` examples) and signals (`[t, c]`): the module that `CONVNET_BUILDER` (exported by
 * the root, `@tfjs-noise/tune`, with `CONVNET_KINDS`, `CONVNET_DEFAULT_PEERS` and
 * `ConvnetOptions`) points each worker thread to. Import it to build the search's model
 * yourself; a search takes `CONVNET_BUILDER`.
 *
 * @example
 * ```ts
 * import { buildConvnet } from '@tfjs-noise/tune/convnet';
 *
 * const context = {
 *   inputDim: 64, inputShape: [8, 8, 1], outputUnits: 1, task: 'classification',
 *   numClasses: 2, seed: 1, fold: -1, repeat: 0, options: {},
 * } as const;
 * buildConvnet({ kind: 'input', amount: 0.1 }, context).summary();
 * ```
 *
 * @module @tfjs-noise/tune/convnet
 */
export { buildConvnet } from './model/convnet';
