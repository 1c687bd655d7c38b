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

/** Marks tfjs-noise's own classes (an own static property: a subclass does not inherit it). */
const BUILT_IN = Symbol.for('tfjs-noise.builtInClass');

/** Whether `cls` is one of tfjs-noise's own classes (of this copy of tfjs-noise or another). */
function isBuiltIn(cls: unknown): boolean {
  return typeof cls === 'function' && Object.hasOwn(cls, BUILT_IN);
}

/**
 * Registers tfjs-noise's class `cls` with `tf.serialization.registerClass`, and keeps its name
 * for it: registering another class under the same `className` later (a user's layer named
 * `GaussianJitter`, or a subclass that inherits the name) throws an `Error` naming the class
 * name instead of silently taking over every saved layer of that name (which would then load
 * into the other class and lose what it does not read, e.g. GaussianJitter's `mode`). Another
 * copy of tfjs-noise may register its own class of the name. A class registered under the name
 * before tfjs-noise was imported is replaced, with a `console.warn`.
 */
export function registerBuiltIn(
  cls: serialization.SerializableConstructor<serialization.Serializable>,
): void {
  Object.defineProperty(cls, BUILT_IN, { value: true });
  const name = cls.className;
  const classes = serialization.SerializationMap.getMap().classNameMap;
  const earlier = registeredClass(name)?.[0];
  if (earlier !== undefined && !isBuiltIn(earlier)) {
    console.warn(
      `tfjs-noise: the class ${earlier.name} registered as ${JSON.stringify(name)} is replaced by ` +
        `tfjs-noise's ${name}; give your class another static className.`,
    );
  }
  serialization.registerClass(cls);
  let entry = classes[name] as RegisteredClass;
  Object.defineProperty(classes, name, {
    configurable: true,
    enumerable: true,
    get: () => entry,
    set: (value: RegisteredClass) => {
      const next = value?.[0];
      if (!isBuiltIn(next)) {
        throw new Error(
          'tfjs-noise: `className` of a class registered with tf.serialization.registerClass ' +
            `must not be the name of a tfjs-noise class, but got ${JSON.stringify(name)} (class ` +
            `${next?.name}): saved ${name} layers would load into it. Give your class another ` +
            'static className.',
        );
      }
      entry = value;
    },
  });
}
