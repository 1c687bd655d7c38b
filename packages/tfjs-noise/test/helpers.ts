/** Helpers shared by the layer tests. */
import * as tf from '@tensorflow/tfjs-core';
import {
  type LayersModel,
  layers,
  loadLayersModel,
  type Sequential,
} from '@tensorflow/tfjs-layers';
import { streamId, uniform } from '../src/random/index';

/** Saves `model` to memory (weights, topology, optimizer) and loads it back. */
export async function roundTrip(model: LayersModel): Promise<LayersModel> {
  let saved: tf.io.ModelArtifacts | undefined;
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      saved = artifacts;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
    { includeOptimizer: true },
  );
  if (!saved) throw new Error('nothing saved');
  return loadLayersModel(tf.io.fromMemory(saved));
}

/** What `model.save` writes (to memory), with the optimizer's weights. */
export async function saveArtifacts(model: LayersModel): Promise<tf.io.ModelArtifacts> {
  let saved: tf.io.ModelArtifacts | undefined;
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      saved = artifacts;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
    { includeOptimizer: true },
  );
  if (!saved) throw new Error('nothing saved');
  return saved;
}

/**
 * A copy of saved artifacts in which the weight `name` (of the model or of the optimizer) holds
 * `value` instead, with `value`'s dtype and shape, as an edited weights file would.
 */
export async function withWeight(
  artifacts: tf.io.ModelArtifacts,
  name: string,
  value: tf.Tensor,
): Promise<tf.io.ModelArtifacts> {
  const specs = artifacts.weightSpecs ?? [];
  if (!specs.some((s) => s.name === name)) throw new Error(`no saved weight ${name}`);
  const decoded = tf.io.decodeWeights(artifacts.weightData as ArrayBuffer, specs);
  const parts: ArrayBuffer[] = [];
  const newSpecs: tf.io.WeightsManifestEntry[] = [];
  for (const spec of specs) {
    const tensor = spec.name === name ? value : (decoded[spec.name] as tf.Tensor);
    const {
      data,
      specs: [entry],
    } = await tf.io.encodeWeights([{ name: spec.name, tensor }], spec.group);
    parts.push(data);
    newSpecs.push(entry as tf.io.WeightsManifestEntry);
  }
  tf.dispose(Object.values(decoded));
  return {
    ...artifacts,
    weightSpecs: newSpecs,
    weightData: tf.io.concatenateArrayBuffers(parts),
  };
}

/** All weights of a model as plain arrays (for exact comparisons). */
export function weightValues(model: LayersModel | Sequential): number[][] {
  return model.getWeights().map((w) => Array.from(w.dataSync()));
}

/**
 * An identity layer that records the tensors it sees while training, to look at what a noise
 * layer passed on during `model.fit`.
 */
export class Probe extends layers.Layer {
  static className = 'TestProbe';
  readonly seen: Float32Array[] = [];
  override call(inputs: tf.Tensor | tf.Tensor[], kwargs: { training?: boolean }): tf.Tensor {
    const x = Array.isArray(inputs) ? (inputs[0] as tf.Tensor) : inputs;
    if (kwargs.training === true) this.seen.push(x.dataSync() as Float32Array);
    return x.clone();
  }
}

/** Deterministic inputs in [-1, 1): n rows of d features from the library's noise source. */
export function fixedInputs(n: number, d: number, seed = 1): tf.Tensor2D {
  return uniform([n, d], { seed, stream: streamId('test-inputs'), step: 0 }, -1, 1) as tf.Tensor2D;
}
