/**
 * `tfjs-noise/node`: what only Node needs. Saving and loading a model as files without
 * tfjs-node (whose install downloads a native binary): `model.json` and a weights file in one
 * folder, each save replacing the previous one all or nothing (`replaceFiles`, for other
 * files). Import it only in Node (it uses `node:fs`); the main entry stays browser-safe.
 *
 * @example
 * ```ts
 * import { loadFromDir, saveToDir } from 'tfjs-noise/node';
 * await model.save(saveToDir('out/model'));
 * const again = await tf.loadLayersModel(loadFromDir('out/model'));
 * ```
 *
 * @module tfjs-noise/node
 */
export { loadFromDir } from './node/load_from_dir';
export { type NewFile, replaceFiles } from './node/replace_files';
export { saveToDir } from './node/save_to_dir';
