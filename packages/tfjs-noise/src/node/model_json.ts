/**
 * Reading a `model.json` written by saveToDir or tfjs's `file://` handler: parsed and checked
 * field by field, so that a malformed file gives an `Error` naming the field and the value
 * received instead of a TypeError deep inside tfjs. The text of a file that is not a JSON object
 * is never quoted (it may not be a model file at all).
 */
import type { io } from '@tensorflow/tfjs-core';
import { checkOneOf, fail } from '../validate';

/** The dtypes a weight may have (their sizes are in weight_bytes.ts). */
export const WEIGHT_DTYPES = ['float32', 'int32', 'bool', 'complex64', 'string'] as const;

/** The dtypes a quantized weight may be stored as. */
export const QUANTIZED_DTYPES = ['uint8', 'uint16', 'float16'] as const;

/**
 * The field of `model.json` where saveToDir stores the SHA-256 of the weight files' bytes (in
 * the manifest's order, as lowercase hex). tfjs's loaders ignore it; loadFromDir checks it.
 */
export const WEIGHTS_SHA256 = 'weightsSha256';

/** One group of the manifest: its weight files (in order) and the weights they hold. */
export interface WeightGroup {
  paths: string[];
  weights: io.WeightsManifestEntry[];
}

/**
 * A checked `model.json`: the manifest's groups, the SHA-256 of the weights if it has one, and
 * every other field as read.
 */
export interface ModelJson {
  groups: WeightGroup[];
  sha256: string | undefined;
  rest: Record<string, unknown>;
}

/** A JSON object (not null, not an array). */
function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Checks one weight spec of the manifest (the fields its byte length depends on, and its name). */
function checkSpec(owner: string, arg: string, spec: unknown): io.WeightsManifestEntry {
  if (!isObject(spec)) fail(owner, arg, 'an object with `name`, `shape` and `dtype`', spec);
  if (typeof spec.name !== 'string' || spec.name === '') {
    fail(owner, `${arg}.name`, 'a non-empty string', spec.name);
  }
  const shape = spec.shape;
  if (!Array.isArray(shape) || !shape.every((d) => Number.isSafeInteger(d) && d >= 0)) {
    fail(owner, `${arg}.shape`, 'an array of integers >= 0', shape);
  }
  if (!Number.isSafeInteger(shape.reduce((a: number, b: number) => a * b, 1))) {
    fail(
      owner,
      `${arg}.shape`,
      'an array of integers >= 0 whose product is at most 2^53 - 1',
      shape,
    );
  }
  checkOneOf(owner, `${arg}.dtype`, spec.dtype, WEIGHT_DTYPES);
  if (spec.quantization !== undefined) {
    if (!isObject(spec.quantization)) {
      fail(owner, `${arg}.quantization`, 'an object with `dtype`', spec.quantization);
    }
    checkOneOf(owner, `${arg}.quantization.dtype`, spec.quantization.dtype, QUANTIZED_DTYPES);
  }
  return spec as unknown as io.WeightsManifestEntry;
}

/** Checks one group of the manifest: `paths` (file names) and `weights` (weight specs). */
function checkGroup(owner: string, arg: string, group: unknown): WeightGroup {
  if (!isObject(group)) fail(owner, arg, 'an object with `paths` and `weights`', group);
  const { paths, weights } = group;
  if (!Array.isArray(paths)) fail(owner, `${arg}.paths`, 'an array of file names', paths);
  paths.forEach((p, i) => {
    if (typeof p !== 'string' || p === '') {
      fail(owner, `${arg}.paths[${i}]`, 'a non-empty file name', p);
    }
    if (p.includes('\0')) {
      fail(owner, `${arg}.paths[${i}]`, 'a non-empty file name without NUL bytes', p);
    }
  });
  if (!Array.isArray(weights)) {
    fail(owner, `${arg}.weights`, 'an array of weight specs', weights);
  }
  return {
    paths: paths as string[],
    weights: weights.map((w, i) => checkSpec(owner, `${arg}.weights[${i}]`, w)),
  };
}

/** What a JSON value is, without its content: `null`, `an array`, `a string`... */
function kindOf(value: unknown): string {
  if (value === null) return 'null';
  return Array.isArray(value) ? 'an array' : `a ${typeof value}`;
}

/** Why `text` is not JSON, by position only: V8's message would quote the text. */
function parseProblem(error: Error): string {
  const position = /at position (\d+)/.exec(error.message)?.[1];
  if (position !== undefined) return `invalid JSON at character ${position}`;
  if (/end of JSON input/.test(error.message)) return 'the JSON text ends early';
  return 'invalid JSON';
}

/**
 * Parses and checks the text of `model.json` (read from `file`) for `owner`: a JSON object with
 * an object `modelTopology` and a `weightsManifest` array of groups, each with `paths` (an array
 * of file names without NUL bytes) and `weights` (an array of specs with a name, a shape of
 * integers >= 0 with a safe product and a known dtype), and, if present, a `weightsSha256` of
 * 64 lowercase hex digits. Throws an `Error` naming the field and
 * the value received otherwise; a text that is not a JSON object is described, never quoted.
 */
export function parseModelJson(owner: string, file: string, text: string): ModelJson {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new Error(
      `${owner}: \`model.json\` must be JSON, but ${file} could not be parsed: ` +
        `${parseProblem(e as Error)}.`,
    );
  }
  if (!isObject(json)) {
    throw new Error(
      `${owner}: \`model.json\` must be a JSON object with \`modelTopology\` and ` +
        `\`weightsManifest\`, but got ${kindOf(json)}.`,
    );
  }
  const { weightsManifest, [WEIGHTS_SHA256]: sha256, ...rest } = json;
  if (!isObject(rest.modelTopology)) fail(owner, 'modelTopology', 'an object', rest.modelTopology);
  if (!Array.isArray(weightsManifest)) {
    fail(owner, 'weightsManifest', 'an array of weight groups', weightsManifest);
  }
  const groups = weightsManifest.map((g, i) => checkGroup(owner, `weightsManifest[${i}]`, g));
  if (sha256 !== undefined && (typeof sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(sha256))) {
    fail(owner, WEIGHTS_SHA256, 'a SHA-256 digest (64 hex digits 0-9, a-f)', sha256);
  }
  return { groups, sha256, rest };
}
