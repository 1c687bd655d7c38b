/**
 * Keeping the files a model folder names inside that folder: a manifest path such as
 * `../secret.bin`, an absolute path, or a symlink in the folder that resolves outside it would
 * let a `model.json` read any file into the model's weights (and out through its predictions).
 */
import { realpathSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { show } from '../validate';

/** Whether `path` (absolute) is `folder` (absolute) itself or lies below it. */
export function isInside(folder: string, path: string): boolean {
  const rel = relative(folder, path);
  return rel !== '' && rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel);
}

/**
 * Throws an `Error` for `owner` naming the field `arg`, the path it gave and the file system's
 * error code: the file `path` of the model folder `realDir` could not be found or used.
 */
export function failFile(
  owner: string,
  arg: string,
  realDir: string,
  path: string,
  error: unknown,
): never {
  const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
  const what = code === 'ENOENT' ? 'an existing file' : 'a readable file';
  throw new Error(
    `${owner}: \`${arg}\` must name ${what} inside the model folder ${show(realDir)}, but got ` +
      `${show(path)} (${code}).`,
  );
}

/**
 * The real path of the file `path` names inside the folder whose real path is `realDir`. Throws
 * an `Error` for `owner` naming the field `arg` and the path if the path is absolute, leaves the
 * folder by its text (checked before touching the file system, so nothing outside is probed),
 * resolves outside it through a symlink, or does not exist.
 */
export function containedFile(owner: string, arg: string, realDir: string, path: string): string {
  const refuse = (resolved: string): never => {
    throw new Error(
      `${owner}: \`${arg}\` must name a file inside the model folder ${show(realDir)}, but got ` +
        `${show(path)}, which resolves to ${show(resolved)}.`,
    );
  };
  const lexical = resolve(realDir, path);
  if (isAbsolute(path) || !isInside(realDir, lexical)) refuse(lexical);
  let real: string;
  try {
    real = realpathSync(lexical);
  } catch (e) {
    return failFile(owner, arg, realDir, path, e);
  }
  if (!isInside(realDir, real)) refuse(real);
  return real;
}
