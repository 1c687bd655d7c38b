/**
 * Opening a file of a model folder so that what is read is the file that was checked: the file
 * is opened first (not following a final symlink, and without waiting on a FIFO), then the
 * opened file itself is checked (a regular file, the same file as a fresh look-up of its real
 * path inside the folder), and only that descriptor is read. A folder of the path swapped for a
 * symlink between the check and the read is caught either way.
 */
import {
  type BigIntStats,
  closeSync,
  constants,
  fstatSync,
  openSync,
  readlinkSync,
  readSync,
  statSync,
} from 'node:fs';
import { show } from '../validate';
import { containedFile, failFile, isInside } from './contained_file';
import { readHooks } from './read_hooks';

/** A file of the model folder, open and checked, with what its errors name. */
export interface OpenedFile {
  /** The open descriptor (close it with {@link closeFiles}). */
  fd: number;
  /** Its size in bytes when it was checked. */
  size: number;
  /** Its device and inode, which tell two names of one file apart from two files. */
  identity: string;
  /** The field that named it, e.g. `weightsManifest[0].paths[0]`. */
  arg: string;
  /** The path the field gave. */
  path: string;
}

/** Opens for reading only, never through a final symlink, never blocking (on a FIFO). */
const FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);

/** What a file that is not a regular one is, for an error message. */
function kindOf(stats: BigIntStats): string {
  if (stats.isDirectory()) return 'a folder';
  if (stats.isFIFO()) return 'a FIFO';
  if (stats.isSocket()) return 'a socket';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  if (stats.isSymbolicLink()) return 'a symlink';
  return 'not a regular file';
}

/** The device and inode of `stats`, as one key. */
const identityOf = (stats: BigIntStats): string => `${stats.dev}:${stats.ino}`;

/**
 * Opens the file `path` of the model folder `realDir` for `owner` and checks the open file: it
 * must resolve inside the folder (see {@link containedFile}), be a regular file (a FIFO, a
 * folder or a device is refused before anything is read from it), and be the file that a fresh
 * look-up of its real path, again inside the folder, finds. Throws an `Error` naming the field
 * `arg` and the path otherwise.
 */
export function openContained(
  owner: string,
  arg: string,
  realDir: string,
  path: string,
): OpenedFile {
  const refuseKind = (stats: BigIntStats): never => {
    throw new Error(
      `${owner}: \`${arg}\` must name a regular file inside the model folder ${show(realDir)}, ` +
        `but got ${show(path)}, ${kindOf(stats)}.`,
    );
  };
  const real = containedFile(owner, arg, realDir, path);
  const checked = statOrFail(owner, arg, realDir, path, () => statSync(real, { bigint: true }));
  if (!checked.isFile()) refuseKind(checked);
  readHooks.afterCheck?.(real);
  let fd: number;
  try {
    fd = openSync(real, FLAGS);
  } catch (e) {
    return failFile(owner, arg, realDir, path, e);
  }
  try {
    readHooks.afterOpen?.(real);
    const opened = fstatSync(fd, { bigint: true });
    if (!opened.isFile()) refuseKind(opened);
    const again = containedFile(owner, arg, realDir, path);
    const now = statOrFail(owner, arg, realDir, path, () => statSync(again, { bigint: true }));
    // The fresh look-up resolves the path again, component by component: a folder swapped for a
    // symlink and back while it runs can show an inside path whose stat lands outside. Where the
    // system names the file a descriptor is open on (Linux: /proc/self/fd), that name decides.
    const where = openedPath(fd);
    if (identityOf(now) !== identityOf(opened) || (where !== null && !isInside(realDir, where))) {
      throw new Error(
        `${owner}: \`${arg}\` must name a file that stays in place while it is read, but got ` +
          `${show(path)}, which was replaced between its check and its opening.`,
      );
    }
    return { fd, size: Number(opened.size), identity: identityOf(opened), arg, path };
  } catch (e) {
    closeSync(fd);
    throw e;
  }
}

/** `stat()`, with a failure reported as an `Error` naming the field. */
function statOrFail(
  owner: string,
  arg: string,
  realDir: string,
  path: string,
  stat: () => BigIntStats,
): BigIntStats {
  try {
    return stat();
  } catch (e) {
    return failFile(owner, arg, realDir, path, e);
  }
}

/**
 * Reads the open file `file` from its start, at most the size it had when checked (a file that
 * grew since is read to that size; one that shrank gives fewer bytes, which the caller's size
 * checks refuse). Throws an `Error` naming the field if a read fails.
 */
export function readOpened(owner: string, file: OpenedFile): Buffer {
  const data = Buffer.alloc(file.size);
  let offset = 0;
  try {
    while (offset < file.size) {
      const n = readSync(file.fd, data, offset, file.size - offset, offset);
      if (n === 0) break;
      offset += n;
    }
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
    throw new Error(`${owner}: \`${file.arg}\` (${show(file.path)}) could not be read (${code}).`);
  }
  return data.subarray(0, offset);
}

/** Closes every file of `files` (ignoring a failure to close). */
export function closeFiles(files: readonly OpenedFile[]): void {
  for (const { fd } of files) {
    try {
      closeSync(fd);
    } catch {
      // Closing a file only read from cannot lose data.
    }
  }
}

/**
 * The path of the file that descriptor `fd` is open on, as the kernel names it
 * (`/proc/self/fd/<fd>` on Linux), or null where the system does not say (no /proc).
 */
function openedPath(fd: number): string | null {
  try {
    return readlinkSync(`/proc/self/fd/${fd}`);
  } catch {
    return null;
  }
}
