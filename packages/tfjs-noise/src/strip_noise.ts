/**
 * stripNoise: a copy of a model without its noise components, as a plain tfjs model that needs
 * no plugin to load.
 */
import type { serialization } from '@tensorflow/tfjs-core';
import { LayersModel, type layers, Sequential } from '@tensorflow/tfjs-layers';
import { fail } from './validate';

/**
 * Layers that are the identity at inference and are dropped by {@link stripNoise}: this plugin's
 * GaussianJitter and tfjs's own noise and dropout layers.
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
/** A layer entry of a functional model's config. */
interface LayerEntry {
  name: string;
  className: string;
  config: Config;
  inboundNodes: unknown[][][];
}
/** A reference to a layer output: [layerName, nodeIndex, tensorIndex, ...kwargs]. */
type Ref = [string, number, number, ...unknown[]];

/** The config of the layer a WeightNoise wraps. */
function innerOf(config: Config): { className: string; config: Config } {
  return config.layer as unknown as { className: string; config: Config };
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
 * Works for Sequential and functional models. The original model is left unchanged; the copy
 * is not compiled.
 *
 * ```ts
 * await tfn.stripNoise(model).save('file://./plain');
 * ```
 */
export function stripNoise(model: LayersModel): LayersModel {
  if (!(model instanceof LayersModel)) {
    fail('stripNoise', 'model', 'a tf.LayersModel (tf.sequential() or tf.model())', model);
  }
  const copy = model instanceof Sequential ? stripSequential(model) : stripFunctional(model);
  copyWeights(model, copy);
  return copy;
}

function stripSequential(model: Sequential): LayersModel {
  const config = model.getConfig() as unknown as {
    name: string;
    layers: { className: string; config: Config }[];
  };
  const kept: { className: string; config: Config }[] = [];
  let pendingInput: Config = {};
  for (const entry of config.layers) {
    const input: Config = {};
    for (const field of ['batchInputShape', 'dtype'] as const) {
      if (entry.config[field] != null)
        input[field] = entry.config[field] as serialization.ConfigDictValue;
    }
    if (STRIPPED_LAYERS.has(entry.className)) {
      if (kept.length === 0) pendingInput = { ...input, ...pendingInput };
      continue;
    }
    const layer = UNWRAPPED_LAYERS.has(entry.className)
      ? innerOf(entry.config)
      : (replacement(entry.className, entry.config) ?? entry);
    const layerConfig = { ...layer.config };
    if (kept.length === 0) Object.assign(layerConfig, input, pendingInput);
    kept.push({ className: layer.className, config: layerConfig });
  }
  if (kept.length === 0)
    fail('stripNoise', 'model', 'a model with layers besides noise', model.name);
  return Sequential.fromConfig(Sequential, {
    name: `${config.name}_stripped`,
    layers: kept,
  } as unknown as Config) as Sequential;
}

function stripFunctional(model: LayersModel): LayersModel {
  const config = model.getConfig() as unknown as {
    name: string;
    layers: LayerEntry[];
    inputLayers: Ref[];
    outputLayers: Ref[];
  };
  const dropped = new Map<string, LayerEntry>();
  const renamed = new Map<string, string>();
  const layerEntries: LayerEntry[] = [];
  for (const entry of config.layers) {
    if (STRIPPED_LAYERS.has(entry.className)) {
      dropped.set(entry.name, entry);
    } else if (UNWRAPPED_LAYERS.has(entry.className)) {
      const inner = innerOf(entry.config);
      const name = inner.config.name as string;
      renamed.set(entry.name, name);
      layerEntries.push({ ...entry, name, className: inner.className, config: inner.config });
    } else {
      layerEntries.push({ ...entry, ...replacement(entry.className, entry.config) });
    }
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
  const stripped = {
    name: `${config.name}_stripped`,
    layers: layerEntries,
    inputLayers: config.inputLayers,
    outputLayers: config.outputLayers.map(resolve),
  };
  return LayersModel.fromConfig(LayersModel, stripped as unknown as Config) as LayersModel;
}

/** Copies weights from the original layers to their copies (matched by layer name). */
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
    if (source && layer.weights.length > 0) {
      layer.setWeights(source.getWeights());
    }
  }
}
