/**
 * The check of `--save DIR` before the search (light: no tfjs), so that a folder the save could
 * not write, or should not replace, stops the CLI at once.
 */
import { accessSync, constants, existsSync, lstatSync, readdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { UsageError } from './usage_error';

/**
 * The entries a `--save` folder may hold: this version's (`model/`, `plain/`) and an earlier
 * version's (`standardizer.json`, `target.json`). A folder with anything else is not replaced.
 */
const SAVE_ENTRIES = new Set(['model', 'plain', 'standardizer.json', 'target.json']);

/**
 * Fails before the search if `--save path` could not be written: a symlink, a file, a folder
 * that holds anything but an earlier save (it would be replaced whole), the same folder as
 * `--out` or one that holds it, or a parent where the new folder cannot be created.
 */
export function checkSaveTarget(path: string, out: string): void {
  const p = resolve(path);
  const o = resolve(out);
  if (o === p || o.startsWith(`${p}/`)) {
    throw new UsageError(
      `--save ${path} would replace the report folder --out ${out}: give them different folders.`,
    );
  }
  let stat: ReturnType<typeof lstatSync> | null = null;
  try {
    stat = lstatSync(p);
  } catch {
    // Not there yet: created by the save.
  }
  if (stat?.isSymbolicLink()) {
    throw new UsageError(`--save ${path} is a symbolic link; give the folder it points to.`);
  }
  if (stat && !stat.isDirectory()) throw new UsageError(`--save ${path} is a file, not a folder.`);
  if (stat) {
    const foreign = readdirSync(p).filter((e) => !SAVE_ENTRIES.has(e));
    if (foreign.length > 0) {
      throw new UsageError(
        `--save ${path} is a folder that holds more than a saved model (${foreign.slice(0, 3).join(', ')}${foreign.length > 3 ? ', ...' : ''}); it would be replaced whole: give a new folder or an earlier --save folder.`,
      );
    }
  }
  let parent = dirname(p);
  while (!existsSync(parent)) parent = dirname(parent);
  if (!lstatSync(parent).isDirectory()) {
    throw new UsageError(`--save ${path} cannot be created: ${parent} is a file.`);
  }
  // The folder is written beside DIR, then renamed: the parent must take new entries.
  try {
    accessSync(parent, constants.W_OK);
  } catch {
    throw new UsageError(`--save ${path} cannot be written (no permission on ${parent}).`);
  }
}
