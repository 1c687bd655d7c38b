/**
 * stripNoise: a copy of a model without its noise components, as a plain tfjs model that needs
 * no plugin to load.
 */
import type { serialization } from '@tensorflow/tfjs-core';
import { LayersModel, type layers, Sequential } from '@tensorflow/tfjs-layers';
import { checkSavedWeightNames } from './layers/weight_names';
import { fail } from './validate';

/**
 * Layers that are the identity at inference and are dropped by {@link stripNoise}: this plugin's
 * GaussianJitter and tfjs's own noise and dropout layers.
 *
 * @example
 * ```ts
 * const dropped = model.layers.filter((l) => tfn.STRIPPED_LAYERS.has(l.getClassName()));
 * console.log(dropped.map((l) => l.name)); // the layers stripNoise leaves out
 * ```
 */
export const STRIPPED_LAYERS: ReadonlySet<string> = new Set([
  'GaussianJitter',
  'GaussianNoise',
  'GaussianDropout',
  'AlphaDropout',
  'Dropout',
  'SpatialDropout1D',
]);

/** Wrappers replaced by the layer they wrap (with its weights). */
const UNWRAPPED_LAYERS: ReadonlySet<string> = new Set(['WeightNoise']);

/** tfjs's model classes: a model used as a layer of another is stripped in turn. */
const MODEL_CLASSES: ReadonlySet<string> = new Set(['Sequential', 'Model', 'Functional']);

/**
 * The plugin-free replacement of a layer config, or null to keep it: a plain-mode
 * NoisyActivation becomes tfjs's Activation layer. Gulcehre-mode NoisyActivation (hardTanh,
 * hardSigmoid) has no tfjs equivalent and is kept (its inference is deterministic).
 */
function replacement(
  className: string,
  config: Config,
): { className: string; config: Config } | null {
  if (className === 'NoisyActivation' && config.stddev != null) {
    const { name, trainable, dtype, batchInputShape, activation } = config;
    const plain: Config = { name, trainable, activation };
    if (dtype != null) plain.dtype = dtype;
    if (batchInputShape != null) plain.batchInputShape = batchInputShape;
    return { className: 'Activation', config: plain };
  }
  return null;
}

type Config = serialization.ConfigDict;
/** A layer's class name and config, as in a model's config. */
interface Entry {
  className: string;
  config: Config;
}
/** A layer entry of a functional model's config. */
interface LayerEntry extends Entry {
  name: string;
  inboundNodes: unknown[][][];
}
/** A reference to a layer output: [layerName, nodeIndex, tensorIndex, ...kwargs]. */
type Ref = [string, number, number, ...unknown[]];

/** The config of the layer a WeightNoise wraps. */
function innerOf(config: Config): Entry {
  return config.layer as unknown as Entry;
}

/**
 * The plugin-free version of one layer entry, or null when the layer is dropped. A nested model
 * is stripped in turn, at any depth, and keeps its name.
 */
function stripEntry(entry: Entry): Entry | null {
  if (STRIPPED_LAYERS.has(entry.className)) return null;
  if (UNWRAPPED_LAYERS.has(entry.className)) return innerOf(entry.config);
  if (entry.className === 'Sequential') {
    return { className: entry.className, config: stripSequentialConfig(entry.config) };
  }
  if (MODEL_CLASSES.has(entry.className)) {
    return { className: entry.className, config: stripFunctionalConfig(entry.config) };
  }
  return replacement(entry.className, entry.config) ?? entry;
}

/** The wrapped layer of a wrapper (WeightNoise exposes it as `layer`). */
function unwrap(layer: layers.Layer): layers.Layer {
  return (layer as unknown as { layer: layers.Layer }).layer;
}

/**
 * Returns a new model with every noise component removed: GaussianJitter and tfjs's
 * GaussianNoise, GaussianDropout, AlphaDropout, Dropout and SpatialDropout1D are dropped, each
 * WeightNoise is replaced by the layer it wraps, with the same (clean) weights, and a plain-mode
 * NoisyActivation by tfjs's Activation layer. A NoisyActivation in the Gulcehre et al. mode
 * (hardTanh, hardSigmoid) is kept: tfjs has no equivalent, and it is deterministic at inference;
 * a model with one still needs the plugin to load. Otherwise the result is a plain tfjs model: saved with `model.save`, it loads with `tf.loadLayersModel` in a process
 * that does not import tfjs-noise, and its `predict` equals the original model's.
 *
 * Works for Sequential and functional models, and for models used as layers of others (stripped
 * in turn, at any depth; they keep their names). If a noise layer would be left in the copy
 * anywhere (e.g. inside a model class this function does not know), it throws instead of
 * returning it. The original model is left unchanged; the copy is not compiled.
 *
 * @example
 * ```ts
 * import { saveToDir } from 'tfjs-noise/node';
 *
 * const plain = tfn.stripNoise(model);
 * plain.predict(xs); // the same as model.predict(xs)
 * await plain.save(saveToDir('plain')); // loads with @tensorflow/tfjs alone
 * ```
 */
export function stripNoise(model: LayersModel): LayersModel {
  if (!(model instanceof LayersModel)) {
    fail('stripNoise', 'model', 'a tf.LayersModel (tf.sequential() or tf.model())', model);
  }
  // At every nesting level (the wrapper's own checks see only its level).
  checkSavedWeightNames([model]);
  const sequential = model instanceof Sequential;
  const config = model.getConfig() as unknown as Config;
  const stripped = sequential ? stripSequentialConfig(config) : stripFunctionalConfig(config);
  stripped.name = `${model.name}_stripped`;
  const copy = (sequential
    ? Sequential.fromConfig(Sequential, stripped)
    : LayersModel.fromConfig(LayersModel, stripped)) as unknown as LayersModel;
  const left = noiseLeftIn(copy);
  if (left !== null) {
    copy.dispose();
    fail('stripNoise', 'model', 'a model whose noise layers can all be removed', left);
  }
  copyWeights(model, copy);
  return copy;
}

/** The config of a Sequential without its noise layers (nested models stripped in turn). */
function stripSequentialConfig(config: Config): Config {
  const { name, layers } = config as unknown as { name: string; layers: Entry[] };
  const kept: Entry[] = [];
  let pendingInput: Config = {};
  for (const entry of layers) {
    const input: Config = {};
    for (const field of ['batchInputShape', 'dtype'] as const) {
      if (entry.config[field] != null)
        input[field] = entry.config[field] as serialization.ConfigDictValue;
    }
    const layer = stripEntry(entry);
    if (layer === null) {
      if (kept.length === 0) pendingInput = { ...input, ...pendingInput };
      continue;
    }
    const layerConfig = { ...layer.config };
    // A nested model has its own input; a first plain layer takes that of dropped ones.
    if (kept.length === 0 && !MODEL_CLASSES.has(layer.className)) {
      Object.assign(layerConfig, input, pendingInput);
    }
    kept.push({ className: layer.className, config: layerConfig });
  }
  if (kept.length === 0) fail('stripNoise', 'model', 'a model with layers besides noise', name);
  return { name, layers: kept } as unknown as Config;
}

/** The config of a functional model without its noise layers, rewired around dropped ones. */
function stripFunctionalConfig(config: Config): Config {
  const { name, layers, inputLayers, outputLayers } = config as unknown as {
    name: string;
    layers: LayerEntry[];
    inputLayers: Ref[];
    outputLayers: Ref[];
  };
  const dropped = new Map<string, LayerEntry>();
  const renamed = new Map<string, string>();
  const layerEntries: LayerEntry[] = [];
  for (const entry of layers) {
    const layer = stripEntry(entry);
    if (layer === null) {
      dropped.set(entry.name, entry);
      continue;
    }
    // An unwrapped layer goes by its own name; references to the wrapper follow it.
    const layerName = typeof layer.config.name === 'string' ? layer.config.name : entry.name;
    if (layerName !== entry.name) renamed.set(entry.name, layerName);
    layerEntries.push({ ...entry, name: layerName, ...layer });
  }
  // A reference to a dropped layer's output becomes a reference to that call's input.
  const resolve = (ref: Ref): Ref => {
    let r = ref;
    for (;;) {
      const d = dropped.get(r[0]);
      if (!d) break;
      const source = d.inboundNodes[r[1]]?.[0] as Ref | undefined;
      if (!source) fail('stripNoise', 'model', `a model whose ${d.name} has an input`, r);
      r = [source[0], source[1], source[2], ...r.slice(3)] as Ref;
    }
    const name = renamed.get(r[0]) ?? r[0];
    return [name, ...r.slice(1)] as Ref;
  };
  for (const entry of layerEntries) {
    entry.inboundNodes = entry.inboundNodes.map((node) => node.map((ref) => resolve(ref as Ref)));
  }
  return {
    name,
    layers: layerEntries,
    inputLayers,
    outputLayers: outputLayers.map(resolve),
  } as unknown as Config;
}

/**
 * The name and class of a GaussianJitter, WeightNoise or tfjs noise layer left in `model` at
 * any depth (as "outer/inner/layer (Class)"), or null if there is none.
 */
function noiseLeftIn(model: LayersModel, path = ''): string | null {
  for (const layer of model.layers) {
    const cls = layer.getClassName();
    if (STRIPPED_LAYERS.has(cls) || UNWRAPPED_LAYERS.has(cls)) {
      return `${path}${layer.name} (${cls})`;
    }
    if (layer instanceof LayersModel) {
      const left = noiseLeftIn(layer, `${path}${layer.name}/`);
      if (left !== null) return left;
    }
  }
  return null;
}

/**
 * Copies weights from the original layers to their copies (matched by layer name), into nested
 * models too.
 */
function copyWeights(from: LayersModel, to: LayersModel): void {
  const sources = new Map<string, layers.Layer>();
  for (const layer of from.layers) {
    const cls = layer.getClassName();
    if (STRIPPED_LAYERS.has(cls)) continue;
    const source = UNWRAPPED_LAYERS.has(cls) ? unwrap(layer) : layer;
    sources.set(source.name, source);
  }
  for (const layer of to.layers) {
    const source = sources.get(layer.name);
    if (source instanceof LayersModel && layer instanceof LayersModel) {
      copyWeights(source, layer);
    } else if (source && layer.weights.length > 0) {
      layer.setWeights(source.getWeights());
    }
  }
}
