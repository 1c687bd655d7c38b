/**
 * The plain page: only `@tensorflow/tfjs` and its backends, no tfjs-noise (the build checks that
 * the bundle has no file of it). It loads the stripped copies that the matrix page saved to
 * IndexedDB (same origin) and predicts on the same inputs (`window.plain`).
 */
import * as tf from '@tensorflow/tfjs';
import {
  type BackendInfo,
  type BackendName,
  type InputKind,
  idbUrl,
  inputs,
  predictionBits,
  useBackend,
} from '@tfjs-noise/support/browser/pages/common';

/** What loading one saved model gave: predictions, or the error. */
export interface PlainLoad {
  name: string;
  stripped: boolean;
  predictions?: number[];
  classes?: string[];
  error?: string;
}

/** What the test reads as `window.plain`. */
export interface PlainPage {
  init(backend: BackendName): Promise<BackendInfo>;
  /** Loads a case's model (the stripped copy, or the noisy one) and predicts. */
  load(name: string, input: InputKind, stripped: boolean): Promise<PlainLoad>;
  /** Whether any tfjs-noise class is registered with tfjs (it must not be). */
  noiseClassesRegistered(): string[];
}

declare global {
  interface Window {
    plain: PlainPage;
  }
}

window.plain = {
  init: useBackend,
  async load(name, input, stripped) {
    let model: tf.LayersModel;
    try {
      model = await tf.loadLayersModel(idbUrl(name, stripped));
    } catch (e) {
      return { name, stripped, error: e instanceof Error ? e.message : String(e) };
    }
    const x = inputs(input);
    try {
      return {
        name,
        stripped,
        predictions: await predictionBits(model, x),
        classes: model.layers.map((l) => l.getClassName()),
      };
    } finally {
      model.dispose();
      x.dispose();
    }
  },
  noiseClassesRegistered() {
    const map = tf.serialization.SerializationMap.getMap().classNameMap;
    return ['GaussianJitter', 'WeightNoise', 'NoisyActivation', 'AnnealedGradientNoise'].filter(
      (name) => name in map,
    );
  },
};
document.body.dataset.ready = 'true';
