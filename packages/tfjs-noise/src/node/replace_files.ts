/**
 * Replacing a set of files in a folder so that a failure part-way (disk full, a file-size limit,
 * a write error) leaves the old files, not a mix: each new file is written in full to a
 * temporary file in the same folder, then renamed over the old one, in the order given.
 */
import { randomBytes } from 'node:crypto';
import {
  closeSync,
  fsyncSync,
  linkSync,
  lstatSync,
  openSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { show } from '../validate';

/**
 * One file for {@link replaceFiles} to write: its name in the folder and its contents.
 *
 * @example
 * ```ts
 * import type { NewFile } from 'tfjs-noise/node';
 *
 * const file: NewFile = { name: 'notes.json', data: '{"epochs": 10}' };
 * ```
 */
export interface NewFile {
  name: string;
  data: Uint8Array | string;
}

/**
 * A fresh name in `dir` for a temporary copy of `name`: hidden, never `name` itself, unique to
 * this process and call (an older leftover is never reused).
 */
function tempPath(dir: string, name: string, role: string): string {
  return join(dir, `.${name}.${process.pid}.${randomBytes(6).toString('hex')}.${role}`);
}

/** Writes `data` to the new file `path` (refusing an existing file or link there) and syncs it. */
function writeNew(path: string, data: Uint8Array | string): void {
  const fd = openSync(path, 'wx', 0o644);
  try {
    writeFileSync(fd, data);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Whether `path` exists (a symlink counts, wherever it points). */
function exists(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

/** Syncs the folder's entries (the renames) where the platform allows it. */
function syncFolder(dir: string): void {
  try {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Not supported here (e.g. on Windows): the renames are still done.
  }
}

/** What a file's old version left to restore it: none (it did not exist), a link, or nothing. */
type Old = { existed: false } | { existed: true; link: string | null };

/** A hard link to the file `name` of `dir` (listed in `leftovers`), if it exists and links work. */
function backUp(dir: string, name: string, leftovers: string[]): Old {
  const target = join(dir, name);
  if (!exists(target)) return { existed: false };
  const link = tempPath(dir, name, 'old');
  try {
    linkSync(target, link);
  } catch {
    return { existed: true, link: null }; // no hard links here: no way back, as a plain rename
  }
  leftovers.push(link);
  return { existed: true, link };
}

/** Puts `target`'s old version back after a failed replace (best effort: never throws). */
function restore(target: string, old: Old | undefined): void {
  try {
    if (old?.existed === false) rmSync(target, { force: true });
    else if (old?.link) renameSync(old.link, target);
  } catch {
    // The rename's own error is the one reported.
  }
}

/**
 * Replaces `files` in the existing folder `dir` for `owner`: each is written in full to a
 * temporary file in `dir`, then the temporary files are renamed over the old ones in the order
 * given. A failure while writing (nothing renamed yet) leaves every old file as it was; a
 * failure of a later rename puts the files already renamed back (from hard links to the old
 * ones, where the file system allows them). A symlink in place of a file is replaced, never
 * written through; a folder in place of a file is refused before anything is written. The
 * temporary files are removed in every case.
 *
 * The order matters to readers: give last the file that refers to the others (`model.json`), so
 * that a reader who finds the new one finds the files it refers to. A process killed between
 * two renames can still leave the first files new and the last one old. Errors name `owner`.
 *
 * @example
 * ```ts
 * import { replaceFiles } from 'tfjs-noise/node';
 *
 * replaceFiles('myTool', 'out', [
 *   { name: 'data.bin', data: new Uint8Array([1, 2, 3]) },
 *   { name: 'index.json', data: '{"files": ["data.bin"]}' },
 * ]);
 * ```
 */
export function replaceFiles(owner: string, dir: string, files: NewFile[]): void {
  for (const { name } of files) {
    const target = join(dir, name);
    if (exists(target) && lstatSync(target).isDirectory()) {
      throw new Error(
        `${owner}: \`${name}\` must be a file (or absent) in ${show(dir)}, but got a folder.`,
      );
    }
  }
  const leftovers: string[] = [];
  try {
    const temps = files.map(({ name, data }) => {
      const temp = tempPath(dir, name, 'tmp');
      leftovers.push(temp);
      writeNew(temp, data);
      return temp;
    });
    // Hard links to the old files, to put them back if a later rename fails.
    const olds = files.map(({ name }) => backUp(dir, name, leftovers));
    files.forEach(({ name }, i) => {
      try {
        renameSync(temps[i] as string, join(dir, name));
      } catch (e) {
        for (let j = i - 1; j >= 0; j--) restore(join(dir, (files[j] as NewFile).name), olds[j]);
        throw e;
      }
    });
    syncFolder(dir);
  } finally {
    for (const path of leftovers) rmSync(path, { force: true });
  }
}
