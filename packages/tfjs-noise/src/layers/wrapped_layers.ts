/**
 * The layers inside tfjs's wrapper layers. `model.layers` lists a `TimeDistributed` or a
 * `Bidirectional` but not the layers it holds, so anything that looks for noise in a model
 * (stripping, schedules, weight-name checks) looks inside them with these helpers.
 */
import { LayersModel, layers } from '@tensorflow/tfjs-layers';
import { type LayerSpec, noiseComponentOf } from '../noise_component';

/** A Bidirectional's two copies of its layer. */
interface TwoWay {
  forwardLayer: unknown;
  backwardLayer: unknown;
}

/**
 * The layers a tfjs wrapper holds: a Bidirectional's `forwardLayer` and `backwardLayer` (two
 * layers built from one config), a TimeDistributed's (or any wrapper's) `layer`; none for
 * other layers. A noise component that wraps a layer (WeightNoise) is not a tfjs wrapper: its
 * declaration says what it wraps (`NoiseComponent.wrapped`).
 */
export function innerLayers(layer: layers.Layer): layers.Layer[] {
  if (layer instanceof LayersModel || noiseComponentOf(layer) !== undefined) return [];
  const { forwardLayer, backwardLayer } = layer as unknown as TwoWay;
  if (forwardLayer instanceof layers.Layer && backwardLayer instanceof layers.Layer) {
    return [forwardLayer, backwardLayer];
  }
  const inner = (layer as unknown as { layer?: unknown }).layer;
  return inner instanceof layers.Layer ? [inner] : [];
}

/**
 * Every layer of `model` at any depth, each with its path ("outer/inner/"): the layers of
 * nested models (not the nested models themselves) and of wrappers (the wrappers too, before
 * the layers they hold).
 */
export function everyLayer(model: LayersModel, path = ''): { layer: layers.Layer; path: string }[] {
  const found: { layer: layers.Layer; path: string }[] = [];
  const visit = (layer: layers.Layer, at: string): void => {
    if (layer instanceof LayersModel) {
      found.push(...everyLayer(layer, `${at}${layer.name}/`));
      return;
    }
    found.push({ layer, path: at });
    for (const inner of innerLayers(layer)) visit(inner, `${at}${layer.name}/`);
  };
  for (const layer of model.layers) visit(layer, path);
  return found;
}

/**
 * The layer a wrapper's config holds (`config.layer` as {className, config}, as tfjs's
 * wrappers save it), or null if the config holds none.
 */
export function innerSpec(config: Record<string, unknown>): LayerSpec | null {
  const inner = config.layer as Partial<LayerSpec> | null | undefined;
  if (inner === null || typeof inner !== 'object' || typeof inner.className !== 'string') {
    return null;
  }
  const innerConfig = inner.config;
  if (innerConfig === null || typeof innerConfig !== 'object' || Array.isArray(innerConfig)) {
    return null;
  }
  return inner as LayerSpec;
}
