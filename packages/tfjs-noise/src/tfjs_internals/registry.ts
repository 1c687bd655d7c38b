/**
 * tfjs's class registry (`serialization.SerializationMap`, filled by `registerClass`), read to
 * build a nested object from its config: the layer a WeightNoise wraps, the optimizer a
 * WrappingOptimizer wraps. tfjs exports the map but documents no lookup by name.
 */
import { serialization } from '@tensorflow/tfjs-core';

/** A registered class and the `fromConfig` tfjs calls to build it. */
export type RegisteredClass = readonly [
  serialization.SerializableConstructor<serialization.Serializable>,
  serialization.FromConfigMethod<serialization.Serializable>,
];

/**
 * The class registered under `className`, or undefined: own keys of the registry only, so
 * 'constructor', 'toString' or '__proto__' are never taken for registered classes.
 */
export function registeredClass(className: unknown): RegisteredClass | undefined {
  const classes = serialization.SerializationMap.getMap().classNameMap;
  return typeof className === 'string' && Object.hasOwn(classes, className)
    ? (classes[className] as RegisteredClass)
    : undefined;
}

/** Builds an object of a registered class from `config`, as tfjs's own deserialization does. */
export function fromRegisteredConfig(
  entry: RegisteredClass,
  config: serialization.ConfigDict,
): serialization.Serializable {
  const [cls, fromConfig] = entry;
  return fromConfig(cls, config);
}
