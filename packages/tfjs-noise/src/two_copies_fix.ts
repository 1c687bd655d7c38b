/**
 * What the two-copies errors of `one_tfjs.ts` tell the user: the two versions found and the
 * command that installs one copy. The common case: `npm i tfjs-noise @tensorflow/tfjs@4.10.0`
 * installs the newest tfjs-core and tfjs-layers for tfjs-noise's peer dependencies, beside the
 * 4.10.0 copies inside `@tensorflow/tfjs`; installing tfjs-core and tfjs-layers at 4.10.0 fixes
 * it.
 */

/** Node's `createRequire`, as far as this file uses it. */
type CreateRequire = (from: string) => (id: string) => unknown;

/**
 * The version of the `@tensorflow/tfjs` that the folder `from` (by default the program's working
 * directory) resolves: the user's own tfjs, read from its package.json in Node; `undefined` in a
 * browser, in a bundle, or when it is not installed. Only called to word an error.
 */
export function yourTfjsVersion(from?: string): string | undefined {
  try {
    const proc = (
      globalThis as {
        process?: { cwd?: () => string; getBuiltinModule?: (id: string) => unknown };
      }
    ).process;
    const moduleApi = proc?.getBuiltinModule?.('module') as
      | { createRequire?: CreateRequire }
      | undefined;
    const dir = from ?? proc?.cwd?.();
    if (typeof moduleApi?.createRequire !== 'function' || dir === undefined) return undefined;
    const req = moduleApi.createRequire(`${dir}/`);
    const version = (req('@tensorflow/tfjs/package.json') as { version?: unknown }).version;
    return typeof version === 'string' ? version : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The end of every two-copies error: the versions found (`ours`, the copy tfjs-noise imports;
 * `theirs`, the user's `@tensorflow/tfjs`, if known and different) and the exact command that
 * leaves one copy.
 *
 * @param pkg the package found twice (`tfjs-core` or `tfjs-layers`).
 * @param ours the version of `pkg` that tfjs-noise imports.
 * @param theirs the version of the user's `@tensorflow/tfjs`, or `undefined` if unknown.
 */
export function twoCopiesFix(pkg: string, ours: string, theirs: string | undefined): string {
  const check =
    'then check with `npm ls @tensorflow/tfjs-core @tensorflow/tfjs-layers` that each is listed ' +
    'once (deduped).';
  if (theirs !== undefined && theirs !== ours) {
    return (
      `Found @tensorflow/${pkg} ${ours} (the copy tfjs-noise imports) and ${theirs} (the copy ` +
      `inside your @tensorflow/tfjs ${theirs}). Install one copy, at your tfjs version: ` +
      `\`npm i @tensorflow/tfjs-core@${theirs} @tensorflow/tfjs-layers@${theirs}\`, ${check}`
    );
  }
  return (
    `Found @tensorflow/${pkg} ${ours} (the copy tfjs-noise imports) and another copy of another ` +
    'version. Install one copy, at the version of your @tensorflow/tfjs (`npm ls @tensorflow/tfjs`): ' +
    '`npm i @tensorflow/tfjs-core@<version> @tensorflow/tfjs-layers@<version>` (and every other ' +
    `@tensorflow/* package at that version), ${check}`
  );
}
