/**
 * What a packed tarball must hold: every file its package.json names in `main`, `module`,
 * `types`, `bin` and `exports` (every condition, nested). The consumer test compares this with
 * the tarball's listing, so that a package packed without its build fails with the file's name.
 */

/** The fields of package.json that name files. */
export interface NamingFields {
  main?: string;
  module?: string;
  types?: string;
  typings?: string;
  bin?: string | Record<string, string>;
  exports?: unknown;
}

/** `./dist/a.js` and `dist/a.js` are the same file. */
const normal = (path: string) => path.replace(/^\.\//, '');

/** Every string target under an `exports` value (subpaths and conditions, nested; arrays too). */
function exportTargets(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(exportTargets);
  if (typeof value === 'object' && value !== null) {
    return Object.values(value).flatMap(exportTargets);
  }
  return []; // null: a subpath excluded on purpose
}

/**
 * The files `pkg` names, relative to the package folder, sorted and without duplicates. Targets
 * with a `*` pattern are left out (they name no single file).
 */
export function namedFiles(pkg: NamingFields): string[] {
  const bin = typeof pkg.bin === 'string' ? [pkg.bin] : Object.values(pkg.bin ?? {});
  const all = [
    pkg.main,
    pkg.module,
    pkg.types,
    pkg.typings,
    ...bin,
    ...exportTargets(pkg.exports),
  ].filter((p): p is string => typeof p === 'string' && !p.includes('*'));
  return [...new Set(all.map(normal))].sort();
}

/**
 * The files that `pkg` names and the tarball lacks. `listing` is the tarball's file list as
 * `tar tzf` prints it (`package/dist/index.js`); an empty result means nothing is missing.
 */
export function missingNamedFiles(pkg: NamingFields, listing: string[]): string[] {
  const present = new Set(listing.map((f) => f.replace(/^package\//, '')));
  return namedFiles(pkg).filter((f) => !present.has(f));
}
