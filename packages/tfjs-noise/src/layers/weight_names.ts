/**
 * Saved weight names must be unique in a model: tfjs refuses to load a file that has two weights
 * of the same name. tfjs ensures it for plain models by rejecting duplicate layer names, but a
 * WeightNoise saves the weights of the layer it wraps under that layer's own name, which tfjs does
 * not see. These checks find such clashes while the model is built, trained or saved.
 */
import { LayersModel, type layers } from '@tensorflow/tfjs-layers';
import { noiseComponentOf } from '../noise_component';
import { show } from '../validate';
import { innerLayers } from './wrapped_layers';

/** One saved weight: its name in the file, the layer it belongs to, and the wrapper around it. */
interface SavedWeight {
  name: string;
  layer: layers.Layer;
  /** The WeightNoise wrapping `layer`, or null if the layer is used bare. */
  wrapper: layers.Layer | null;
}

/** The layer a wrapping noise component (WeightNoise) wraps, from its noise declaration. */
function wrappedBy(layer: layers.Layer): layers.Layer | null {
  return noiseComponentOf(layer)?.wrapped?.(layer) ?? null;
}

/**
 * The weights that saving `layers` writes, each with its owner, nested models and the layers
 * inside tfjs wrappers included.
 */
function savedWeights(layers: Iterable<layers.Layer>): SavedWeight[] {
  const saved: SavedWeight[] = [];
  const seen = new Set<layers.Layer>();
  const visit = (layer: layers.Layer): void => {
    if (seen.has(layer)) return;
    seen.add(layer);
    if (layer instanceof LayersModel) {
      for (const inner of layer.layers) visit(inner);
      return;
    }
    // A tfjs wrapper (TimeDistributed, Bidirectional) saves the weights of the layers it holds.
    const held = innerLayers(layer);
    if (held.length > 0) {
      for (const inner of held) visit(inner);
      return;
    }
    const inner = wrappedBy(layer);
    const innerWeights = new Set(inner?.weights ?? []);
    for (const v of inner?.weights ?? []) {
      saved.push({ name: v.originalName, layer: inner as layers.Layer, wrapper: layer });
    }
    for (const v of layer.weights) {
      if (!innerWeights.has(v)) saved.push({ name: v.originalName, layer, wrapper: null });
    }
  };
  for (const layer of layers) visit(layer);
  return saved;
}

/** How an error message names the owner of a saved weight. */
function describe(w: SavedWeight): string {
  const layer = `layer ${show(w.layer.name)} (${w.layer.getClassName()})`;
  return w.wrapper ? `${layer} wrapped by WeightNoise ${show(w.wrapper.name)}` : layer;
}

/**
 * Throws if two different layers among `layers` (and the layers of nested models and of tfjs
 * wrappers) would save a weight under the same name, where at least one of them is wrapped by a
 * WeightNoise; the error names both layers and the weight. The same layer used both bare and wrapped (its weights would
 * be saved twice) is an error too.
 */
export function checkSavedWeightNames(layers: Iterable<layers.Layer>): void {
  const byName = new Map<string, SavedWeight>();
  for (const w of savedWeights(layers)) {
    const other = byName.get(w.name);
    if (!other) {
      byName.set(w.name, w);
      continue;
    }
    if (other.wrapper === null && w.wrapper === null) continue; // plain tfjs: tfjs's own checks
    const [wrapped, second] = w.wrapper ? [w, other] : [other, w];
    const owner = `WeightNoise ${show(wrapped.wrapper?.name)}`;
    let clash: string;
    if (wrapped.layer !== second.layer) {
      clash = `whose weight ${show(w.name)} has the same name as a weight of ${describe(second)}`;
    } else {
      const also = second.wrapper
        ? `wrapped by WeightNoise ${show(second.wrapper.name)}`
        : 'used unwrapped';
      clash = `which is also ${also} in the same model (its weights would be saved twice)`;
    }
    throw new Error(
      `${owner}: \`layer\` must save weight names unique in the model, but got layer ` +
        `${show(wrapped.layer.name)} (${wrapped.layer.getClassName()}), ${clash}. A saved model ` +
        'could not be loaded (duplicate weight name); give one of the layers another name, or ' +
        'wrap a separate layer.',
    );
  }
}

/**
 * Throws if two of the weights an IO handler received (`weightSpecs`) have the same name: tfjs
 * would write the file, but could not load it. This sees what the layer checks above cannot: a
 * clash across nesting levels (a layer of a nested model named like a layer outside it), with or
 * without a WeightNoise. The error names `owner`, the weight and the layer name, then `after`.
 */
export function checkUniqueWeightSpecs(
  owner: string,
  specs: readonly { name: string }[],
  after = '',
): void {
  const seen = new Set<string>();
  for (const { name } of specs) {
    if (!seen.has(name)) {
      seen.add(name);
      continue;
    }
    const layer = name.includes('/') ? name.slice(0, name.lastIndexOf('/')) : name;
    throw new Error(
      `${owner}: the weight names of a saved model must be unique (tfjs cannot load a file with ` +
        `a name twice), but got ${show(name)} twice: two layers named ${show(layer)} (e.g. one ` +
        `inside a nested model, or one wrapped by a WeightNoise); give one another name.${after}`,
    );
  }
}

/**
 * Every layer connected to `start` through the calls that link layers (inputs and outputs, in
 * both directions): the layers of the graph `start` is part of, at its own nesting level.
 */
export function connectedLayers(start: layers.Layer): Set<layers.Layer> {
  const found = new Set<layers.Layer>();
  const stack = [start];
  for (let layer = stack.pop(); layer !== undefined; layer = stack.pop()) {
    if (found.has(layer)) continue;
    found.add(layer);
    for (const node of layer.inboundNodes) stack.push(...node.inboundLayers);
    for (const node of layer.outboundNodes) stack.push(node.outboundLayer);
  }
  return found;
}
