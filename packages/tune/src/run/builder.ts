/**
 * Model builders given by reference (module + export), so that worker threads can load them.
 */
import { isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { fail } from 'tfjs-noise/extend';
import type { BuilderRef, ModelBuilder } from '../types';

/**
 * A {@link BuilderRef} with the module as an importable specifier and the export filled in.
 *
 * @example
 * ```ts
 * import { type ResolvedBuilderRef, resolveBuilderRef } from '@tfjs-noise/tune/blocks';
 *
 * const ref: ResolvedBuilderRef = resolveBuilderRef({ module: './my_builder.js' }, 'myTool');
 * const builder = (await import(ref.module))[ref.export]; // what a worker thread does
 * ```
 */
export interface ResolvedBuilderRef {
  /** `file:` URL or bare package specifier. */
  module: string;
  /** Export name. */
  export: string;
  /** The builder's kinds whose larger amounts are less noise (see `BuilderRef.lessNoise`). */
  lessNoise?: string[];
}

/** True if `value` looks like a {@link BuilderRef}. */
export function isBuilderRef(value: unknown): value is BuilderRef {
  return (
    value !== null &&
    typeof value === 'object' &&
    typeof (value as { module?: unknown }).module === 'string'
  );
}

/**
 * Validates a {@link BuilderRef} and makes its module importable from any thread: paths become
 * `file:` URLs (relative paths against `cwd`), URLs and bare specifiers stay as they are.
 *
 * @example
 * ```ts
 * import { resolveBuilderRef } from '@tfjs-noise/tune/blocks';
 *
 * resolveBuilderRef({ module: './my_builder.js' }, 'myTool', '/home/me/project');
 * // {module: 'file:///home/me/project/my_builder.js', export: 'default'}
 * resolveBuilderRef({ module: 'my-package/builder', export: 'build' }, 'myTool');
 * // {module: 'my-package/builder', export: 'build'}
 * ```
 */
export function resolveBuilderRef(
  ref: BuilderRef,
  owner: string,
  cwd = process.cwd(),
): ResolvedBuilderRef {
  if (!isBuilderRef(ref) || ref.module.length === 0) {
    fail(owner, 'builder', 'a function or {module, export}', ref);
  }
  const name = ref.export ?? 'default';
  if (typeof name !== 'string' || name.length === 0) {
    fail(owner, 'builder.export', 'a non-empty string (the export name)', ref.export);
  }
  const m = ref.module;
  let module = m;
  if (/^[a-z][a-z0-9+.-]*:/i.test(m) && !/^[a-z]:[\\/]/i.test(m)) {
    module = m; // file:, data:, node: URLs
  } else if (isAbsolute(m) || m.startsWith('./') || m.startsWith('../') || m === '.') {
    module = pathToFileURL(resolve(cwd, m)).href;
  }
  const lessNoise = ref.lessNoise;
  if (
    lessNoise !== undefined &&
    (!Array.isArray(lessNoise) || lessNoise.some((k) => typeof k !== 'string' || k === ''))
  ) {
    fail(owner, 'builder.lessNoise', 'an array of kind names', lessNoise);
  }
  return { module, export: name, ...(lessNoise && { lessNoise: [...lessNoise] }) };
}

/** True if the module is TypeScript (it then needs the tsx loader in a worker). */
export function isTypeScriptModule(module: string): boolean {
  return /\.[cm]?tsx?$/.test(module.split('?')[0] as string);
}

/** Imports the module of `ref` and returns its builder function, or throws naming what failed. */
export async function loadBuilder(ref: ResolvedBuilderRef): Promise<ModelBuilder> {
  let mod: Record<string, unknown>;
  try {
    mod = (await import(ref.module)) as Record<string, unknown>;
  } catch (err) {
    throw new Error(
      `could not import the model builder module ${ref.module}: ${(err as Error).message}`,
    );
  }
  const fn = mod[ref.export];
  if (typeof fn !== 'function') {
    const names = Object.keys(mod).filter((k) => typeof mod[k] === 'function');
    throw new Error(
      `the model builder module ${ref.module} has no function export '${ref.export}' ` +
        `(function exports: ${names.length ? names.join(', ') : 'none'}).`,
    );
  }
  return fn as ModelBuilder;
}

/**
 * The builder a search runs in this thread: a function as it is, else the export of the module
 * `builder` names (resolved against the working directory). The one builder loader of the
 * package (`searchNoise` in-process, `fitBest`); worker threads load the resolved reference with
 * {@link loadBuilder}. A malformed reference throws at once (an `Error` naming `owner` and the
 * field); a module that cannot be imported, or has no such function export, rejects the promise.
 */
export function modelBuilderOf(
  builder: ModelBuilder | BuilderRef,
  owner: string,
): Promise<ModelBuilder> {
  if (typeof builder === 'function') return Promise.resolve(builder);
  return loadBuilder(resolveBuilderRef(builder, owner));
}
