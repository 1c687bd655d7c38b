/**
 * The contract of a noise component: what `noiseSchedule` and `stripNoise` need to know about a
 * layer that adds noise in training. tfjs-noise's layers declare it on their class
 * (`static readonly noise`); tfjs's own noise and dropout layers get theirs from one table,
 * {@link TFJS_NOISE_LAYERS}. A new noise layer that declares `noise` and is registered with
 * `tf.serialization.registerClass` is scheduled and stripped like the others, with no change
 * elsewhere.
 */
import type { serialization } from '@tensorflow/tfjs-core';
import type { layers } from '@tensorflow/tfjs-layers';
import { registeredClass } from './tfjs_internals';
import { fail, show } from './validate';

/**
 * A layer as it appears in a model's config: its class name and its config.
 *
 * @example
 * ```ts
 * import { type LayerSpec } from 'tfjs-noise/extend';
 * const dense = tf.layers.dense({ units: 2 });
 * const spec: LayerSpec = { className: dense.getClassName(), config: dense.getConfig() };
 * ```
 */
export interface LayerSpec {
  /** The registered class name, e.g. `'Dense'`. */
  className: string;
  /** The layer's config (`layer.getConfig()`). */
  config: serialization.ConfigDict;
}

/**
 * What `stripNoise` makes of a noise layer, decided from its config:
 * - `drop`: the layer is the identity at inference; the copy leaves it out.
 * - `unwrap`: the layer wraps another (`inner`); the copy has the inner layer, with the clean
 *   weights of the instance's {@link NoiseComponent.wrapped} layer.
 * - `replace`: the copy has the plain tfjs layer `by` in its place (same name, no weights).
 * - `keep`: the layer is kept as it is (deterministic at inference, but the copy still needs
 *   tfjs-noise to load).
 *
 * @example
 * ```ts
 * import { noiseComponentOf, type StripAction } from 'tfjs-noise/extend';
 * const jitter = tfn.layers.gaussianJitter({ stddev: 0.1 });
 * const action: StripAction | undefined = noiseComponentOf(jitter)
 *   ?.strip(jitter.getConfig());
 * console.log(action); // prints: { kind: 'drop' }
 * ```
 */
export type StripAction =
  | { kind: 'drop' }
  | { kind: 'unwrap'; inner: LayerSpec }
  | { kind: 'replace'; by: LayerSpec }
  | { kind: 'keep' };

/**
 * A noise component's declaration. `strip` is required; the rest is optional.
 *
 * @example
 * ```ts
 * import { type NoiseComponent } from 'tfjs-noise/extend';
 * class MyNoise extends tf.layers.Layer {
 *   static className = 'MyNoise';
 *   static readonly noise: NoiseComponent<MyNoise> = {
 *     strip: () => ({ kind: 'drop' }),
 *     amount: (layer) => layer.stddev,
 *     setAmount: (layer, value) => { layer.stddev = value; },
 *   };
 *   stddev = 0.1;
 * }
 * tf.serialization.registerClass(MyNoise);
 * ```
 */
export interface NoiseComponent<L extends layers.Layer = layers.Layer> {
  /**
   * What `stripNoise` makes of a layer of this class with this config: one of the
   * {@link StripAction}s (anything else is an error naming the layer).
   */
  strip(config: serialization.ConfigDict): StripAction;
  /**
   * The layer an `unwrap` component wraps (its weights go to the stripped copy). Required when
   * `strip` returns `unwrap`: without it stripNoise throws rather than give the copy an inner
   * layer with fresh weights.
   */
  wrapped?(layer: L): layers.Layer;
  /**
   * The amount (a std) that `noiseSchedule` may set on this layer, or undefined when this
   * instance's amount is not one number (a per-feature std, a learnable scale, a fixed mode).
   * Components without `amount` are never scheduled.
   */
  amount?(layer: L): number | undefined;
  /** Sets the amount; called by `noiseSchedule` between batches or epochs. */
  setAmount?(layer: L, value: number): void;
  /** Training steps (noise draws) the layer has made, saved with it; resumes a schedule. */
  step?(layer: L): number;
}

const drop: NoiseComponent = { strip: () => ({ kind: 'drop' }) };

/** tfjs's GaussianNoise: its `stddev` is read-only in tfjs's types, a plain field at run time. */
type WithStddev = layers.Layer & { stddev: number };

/**
 * tfjs's own noise layers, which cannot declare `noise` themselves: all are the identity at
 * inference and are dropped by `stripNoise`; GaussianNoise's `stddev` can be scheduled.
 *
 * @example
 * ```ts
 * import { TFJS_NOISE_LAYERS } from 'tfjs-noise/extend';
 * console.log([...TFJS_NOISE_LAYERS.keys()]); // prints: ['GaussianNoise', 'GaussianDropout',
 * //   'AlphaDropout', 'Dropout', 'SpatialDropout1D']
 * ```
 */
export const TFJS_NOISE_LAYERS: ReadonlyMap<string, NoiseComponent> = new Map<
  string,
  NoiseComponent
>([
  [
    'GaussianNoise',
    {
      ...drop,
      amount: (layer) => (layer as WithStddev).stddev,
      setAmount: (layer, value) => {
        (layer as WithStddev).stddev = value;
      },
    },
  ],
  ['GaussianDropout', drop],
  ['AlphaDropout', drop],
  ['Dropout', drop],
  ['SpatialDropout1D', drop],
]);

/** The `noise` declaration of a class, if it has one. */
function declared(cls: unknown): NoiseComponent | undefined {
  const noise = (cls as { noise?: NoiseComponent } | undefined)?.noise;
  return noise != null && typeof noise.strip === 'function' ? noise : undefined;
}

/**
 * The noise declaration of a layer class, by its registered name (as in a model's config): the
 * class's own `noise`, else the entry of {@link TFJS_NOISE_LAYERS}; undefined for a layer that
 * adds no noise.
 *
 * @example
 * ```ts
 * import { noiseComponentOfClass } from 'tfjs-noise/extend';
 * noiseComponentOfClass('WeightNoise')?.strip; // unwraps to the wrapped layer
 * // No noise:
 * console.log(noiseComponentOfClass('Dense')); // prints: undefined
 * ```
 */
export function noiseComponentOfClass(className: string): NoiseComponent | undefined {
  const registered = registeredClass(className)?.[0];
  return declared(registered) ?? TFJS_NOISE_LAYERS.get(className);
}

/**
 * The noise declaration of a layer (see {@link noiseComponentOfClass}).
 *
 * @example
 * ```ts
 * import { noiseComponentOf } from 'tfjs-noise/extend';
 * for (const layer of model.layers) {
 *   const noise = noiseComponentOf(layer);
 *   if (noise?.amount) console.log(layer.name, noise.amount(layer)); // schedulable amounts
 * }
 * ```
 */
export function noiseComponentOf(layer: layers.Layer): NoiseComponent | undefined {
  return declared(layer.constructor) ?? noiseComponentOfClass(layer.getClassName());
}

/** Whether `value` is a {@link LayerSpec}: an object with a string `className` and a `config`. */
function isLayerSpec(value: unknown): value is LayerSpec {
  const spec = value as Partial<LayerSpec> | null;
  return (
    typeof spec === 'object' &&
    spec !== null &&
    typeof spec.className === 'string' &&
    typeof spec.config === 'object' &&
    spec.config !== null &&
    !Array.isArray(spec.config)
  );
}

/**
 * What `stripNoise` makes of the layer `spec` by its declaration `noise`: `noise.strip(config)`,
 * checked. A malformed action (not an object, an unknown `kind`, an `unwrap` without `inner`, a
 * `replace` without `by`) or an `unwrap` whose declaration has no `wrapped` (the copy would get
 * the inner layer with fresh weights) throws an `Error` naming the layer, its class and what was
 * wrong.
 */
export function stripActionOf(noise: NoiseComponent, spec: LayerSpec): StripAction {
  const action: unknown = noise.strip(spec.config);
  const name = spec.config.name;
  const layer =
    typeof name === 'string' ? `layer ${show(name)} (${spec.className})` : `a ${spec.className}`;
  const owner = `the noise declaration of ${layer}`;
  const wrong = (what: string): never =>
    fail('stripNoise', 'strip(config)', `${what}, in ${owner}`, action);
  if (typeof action !== 'object' || action === null) {
    return wrong("an action object {kind: 'drop' | 'unwrap' | 'replace' | 'keep', ...}");
  }
  const { kind, inner, by } = action as { kind?: unknown; inner?: unknown; by?: unknown };
  switch (kind) {
    case 'drop':
    case 'keep':
      return { kind };
    case 'unwrap':
      if (!isLayerSpec(inner))
        return wrong("an 'unwrap' action with `inner`: the wrapped layer as {className, config}");
      if (typeof noise.wrapped !== 'function') {
        fail(
          'stripNoise',
          'wrapped',
          `a function giving the wrapped layer (whose weights the copy takes), in ${owner}, which strips by 'unwrap'`,
          noise.wrapped,
        );
      }
      return { kind, inner };
    case 'replace':
      if (!isLayerSpec(by))
        return wrong("a 'replace' action with `by`: the plain layer as {className, config}");
      return { kind, by };
    default:
      return wrong("an action whose kind is 'drop', 'unwrap', 'replace' or 'keep'");
  }
}
