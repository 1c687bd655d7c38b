/**
 * `instanceof` of tfjs optimizers: `tf.Optimizer` answers it by duck typing (any object with the
 * optimizer methods passes), so a subclass would claim every optimizer as its instance.
 */

/**
 * Gives `cls` (and its subclasses, which inherit the static) the ordinary prototype-chain
 * `instanceof`, in place of the duck typing it inherits from `tf.Optimizer`.
 */
export function useOrdinaryInstanceof(cls: abstract new (...args: never[]) => unknown): void {
  Object.defineProperty(cls, Symbol.hasInstance, {
    value(this: abstract new (...args: never[]) => unknown, instance: unknown): boolean {
      return Function.prototype[Symbol.hasInstance].call(this, instance);
    },
  });
}
