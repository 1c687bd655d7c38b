/**
 * Version of the tfjs-noise package.
 *
 * @example
 * ```ts
 * console.log(`tfjs-noise ${tfn.version}, tfjs ${tf.version.tfjs}`);
 * ```
 */
export const version = '0.1.0';
