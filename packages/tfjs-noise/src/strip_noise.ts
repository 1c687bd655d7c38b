/**
 * stripNoise: a copy of a model without its noise components, as a plain tfjs model that needs
 * no plugin to load.
 */
import type { serialization } from '@tensorflow/tfjs-core';
import { LayersModel, type layers, Sequential } from '@tensorflow/tfjs-layers';
import { checkSavedWeightNames, checkUniqueWeightSpecs } from './layers/weight_names';
import { everyLayer, innerLayers, innerSpec } from './layers/wrapped_layers';
import {
  type LayerSpec as Entry,
  noiseComponentOf,
  noiseComponentOfClass,
  type StripAction,
  stripActionOf,
} from './noise_component';
import { fail } from './validate';

/** tfjs's model classes: a model used as a layer of another is stripped in turn. */
const MODEL_CLASSES: ReadonlySet<string> = new Set(['Sequential', 'Model', 'Functional']);

type Config = serialization.ConfigDict;
/** A layer entry of a functional model's config. */
interface LayerEntry extends Entry {
  name: string;
  inboundNodes: unknown[][][];
}
/** A reference to a layer output: [layerName, nodeIndex, tensorIndex, ...kwargs]. */
type Ref = [string, number, number, ...unknown[]];

/**
 * The plugin-free version of one layer entry, or null when the layer is dropped, as the layer's
 * noise declaration says (see `NoiseComponent.strip`). A nested model is stripped in turn, at
 * any depth, and keeps its name; so is the layer a tfjs wrapper holds (TimeDistributed,
 * Bidirectional).
 */
function stripEntry(entry: Entry): Entry | null {
  if (entry.className === 'Sequential') {
    return { className: entry.className, config: stripSequentialConfig(entry.config) };
  }
  if (MODEL_CLASSES.has(entry.className)) {
    return { className: entry.className, config: stripFunctionalConfig(entry.config) };
  }
  const noise = noiseComponentOfClass(entry.className);
  const action: StripAction = noise ? stripActionOf(noise, entry) : { kind: 'keep' };
  switch (action.kind) {
    case 'drop':
      return null;
    case 'unwrap':
      return stripEntry(action.inner);
    case 'replace':
      return action.by;
    case 'keep': {
      const inner = noise ? null : innerSpec(entry.config);
      return inner ? stripWrapper(entry, inner) : entry;
    }
  }
}

/**
 * A tfjs wrapper whose inner layer is stripped in turn. A TimeDistributed of a dropped layer is
 * the identity at every time step, and is dropped too; any other wrapper of a dropped layer is
 * an error naming it.
 */
function stripWrapper(entry: Entry, inner: Entry): Entry | null {
  const stripped = stripEntry(inner);
  if (stripped === null) {
    if (entry.className === 'TimeDistributed') return null;
    fail(
      'stripNoise',
      'model',
      `a model whose ${entry.className} layers wrap a layer that is kept (its ${inner.className} would be dropped)`,
      entry.config.name,
    );
  }
  const layer = stripped as unknown as serialization.ConfigDict;
  return { className: entry.className, config: { ...entry.config, layer } };
}

/** Whether `layer` would be dropped or unwrapped by stripNoise (so may not be left in a copy). */
function removable(layer: layers.Layer): boolean {
  const kind = actionOf(layer)?.kind;
  return kind === 'drop' || kind === 'unwrap';
}

/** What stripNoise makes of a layer instance (checked), or undefined for a layer without noise. */
function actionOf(layer: layers.Layer): StripAction | undefined {
  const noise = noiseComponentOf(layer);
  const spec = { className: layer.getClassName(), config: layer.getConfig() };
  return noise ? stripActionOf(noise, spec) : undefined;
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
 * in turn, at any depth; they keep their names). The layer a tfjs wrapper holds is stripped in
 * turn too (`timeDistributed(weightNoise(dense))` becomes `timeDistributed(dense)`,
 * `bidirectional(weightNoise(lstm))` becomes `bidirectional(lstm)` with the weights of both
 * directions; a `timeDistributed` of a dropped layer is dropped). If a noise layer would be
 * left in the copy anywhere (e.g. inside a model class this function does not know), it throws
 * instead of returning it. It throws too if two weights of the copy would be saved under the
 * same name (layers of the same name at different nesting levels: tfjs saves such a file but
 * cannot load it). A malformed noise declaration (see `NoiseComponent.strip`) throws, naming
 * the layer. The original model is left unchanged; the copy is not compiled.
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
  try {
    // A clash tfjs saves but cannot load, also without any noise layer (e.g. across nesting).
    checkUniqueWeightSpecs(
      'stripNoise',
      copy.weights.map((w) => ({ name: w.originalName })),
    );
  } catch (e) {
    copy.dispose();
    throw e;
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
 * The name and class of a layer that stripNoise drops or unwraps, left in `model` at any depth
 * (in nested models and inside wrappers, as "outer/inner/layer (Class)"), or null if there is
 * none.
 */
function noiseLeftIn(model: LayersModel): string | null {
  for (const { layer, path } of everyLayer(model)) {
    if (removable(layer)) return `${path}${layer.name} (${layer.getClassName()})`;
  }
  return null;
}

/**
 * The layer whose weights the copy of `layer` takes: the layer itself, or the layer an
 * `unwrap` component wraps (in turn); null for a dropped layer.
 */
function weightSource(layer: layers.Layer): layers.Layer | null {
  const action = actionOf(layer);
  if (action?.kind === 'drop') return null;
  const wrapped = action?.kind === 'unwrap' ? noiseComponentOf(layer)?.wrapped?.(layer) : null;
  return wrapped ? weightSource(wrapped) : layer;
}

/**
 * Copies weights from the original layers to their copies (matched by layer name), into nested
 * models too.
 */
function copyWeights(from: LayersModel, to: LayersModel): void {
  const sources = new Map<string, layers.Layer>();
  for (const layer of from.layers) {
    const source = weightSource(layer);
    if (source) sources.set(source.name, source);
  }
  for (const layer of to.layers) {
    const source = sources.get(layer.name);
    if (source) copyLayerWeights(source, layer);
  }
}

/**
 * Copies the weights of `source` to its copy `target`: nested models by layer name, wrappers
 * layer by layer (both directions of a Bidirectional), other layers whole.
 */
function copyLayerWeights(source: layers.Layer, target: layers.Layer): void {
  if (source instanceof LayersModel && target instanceof LayersModel) {
    copyWeights(source, target);
    return;
  }
  const [from, to] = [innerLayers(source), innerLayers(target)];
  if (to.length > 0 && from.length === to.length) {
    from.forEach((inner, i) => {
      const innerSource = weightSource(inner);
      if (innerSource) copyLayerWeights(innerSource, to[i] as layers.Layer);
    });
  } else if (target.weights.length > 0) {
    target.setWeights(source.getWeights());
  }
}
