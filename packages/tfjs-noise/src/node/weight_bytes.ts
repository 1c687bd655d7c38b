/**
 * The byte length the weights of a manifest take in their files, computed as tfjs decodes them,
 * so that a weights file cut short or with bytes appended is an error at load instead of
 * silently wrong or missing weights. The file sizes are compared with the manifest before any
 * file is read, so that a refused folder never costs more memory than its model would.
 */
import { constants } from 'node:buffer';
import type { io } from '@tensorflow/tfjs-core';
import { show } from '../validate';

/** Bytes per value of each weight dtype, and of each quantized storage dtype. */
const BYTES_PER_VALUE: Record<string, number> = {
  float32: 4,
  int32: 4,
  bool: 1,
  complex64: 8,
  uint8: 1,
  uint16: 2,
  float16: 2,
};

/** Each string value is stored as its byte length (a little-endian uint32), then its bytes. */
const STRING_LENGTH_BYTES = 4;

/**
 * The bytes `specs` (checked: shapes of integers >= 0, known dtypes) take in `data`, read as tfjs
 * does: strings by their stored lengths. Returns Infinity if `data` ends inside a string weight.
 */
function expectedBytes(specs: io.WeightsManifestEntry[], data: Buffer): number {
  let offset = 0;
  for (const spec of specs) {
    const size = spec.shape.reduce((a, b) => a * b, 1);
    if (spec.quantization !== undefined) {
      offset += size * (BYTES_PER_VALUE[spec.quantization.dtype as string] as number);
    } else if (spec.dtype === 'string') {
      for (let i = 0; i < size; i++) {
        if (offset + STRING_LENGTH_BYTES > data.byteLength) return Number.POSITIVE_INFINITY;
        offset += STRING_LENGTH_BYTES + data.readUInt32LE(offset);
      }
    } else {
      offset += size * (BYTES_PER_VALUE[spec.dtype] as number);
    }
  }
  return offset;
}

/**
 * The fewest bytes `specs` (checked) can take: exact without string weights; with them, each
 * string value takes at least its 4-byte length.
 */
function leastBytes(specs: io.WeightsManifestEntry[]): { bytes: number; exact: boolean } {
  let bytes = 0;
  let exact = true;
  for (const spec of specs) {
    const size = spec.shape.reduce((a, b) => a * b, 1);
    if (spec.quantization !== undefined) {
      bytes += size * (BYTES_PER_VALUE[spec.quantization.dtype as string] as number);
    } else if (spec.dtype === 'string') {
      bytes += size * STRING_LENGTH_BYTES;
      exact = false;
    } else {
      bytes += size * (BYTES_PER_VALUE[spec.dtype] as number);
    }
  }
  return { bytes, exact };
}

/** The weight files of an error message: `(weightsManifest paths "a.bin", "b.bin")`. */
const filesOf = (paths: string[]): string =>
  `(weightsManifest paths ${paths.map(show).join(', ')})`;

/**
 * Throws an `Error` for `owner`, before any weight file is read, unless the weight files `paths`
 * whose sizes add up to `total` bytes can hold the weights `specs` describe: exactly their bytes
 * (at least, with string weights, whose lengths are stored in the files), and no more than one
 * buffer holds. The message gives both counts.
 */
export function checkWeightFileSizes(
  owner: string,
  specs: io.WeightsManifestEntry[],
  total: number,
  paths: string[],
): void {
  const { bytes, exact } = leastBytes(specs);
  let need: string | undefined;
  if (exact && total !== bytes) need = `${bytes} bytes, the size of the weights in the manifest`;
  else if (!exact && total < bytes) {
    need = `at least ${bytes} bytes, the least the weights in the manifest take`;
  } else if (total > constants.MAX_LENGTH) {
    need = `at most ${constants.MAX_LENGTH} bytes, the largest buffer Node allocates`;
  }
  if (need !== undefined) {
    throw new Error(
      `${owner}: the weight files ${filesOf(paths)} must hold ${need}, but got ${total} bytes.`,
    );
  }
}

/**
 * Throws an `Error` for `owner` unless `data` (the concatenated weight files `paths`) holds
 * exactly the bytes of the weights `specs` describe; the message gives both counts.
 */
export function checkWeightBytes(
  owner: string,
  specs: io.WeightsManifestEntry[],
  data: Buffer,
  paths: string[],
): void {
  const expected = expectedBytes(specs, data);
  if (expected === data.byteLength) return;
  const count = Number.isFinite(expected)
    ? `${expected} bytes, the size of the weights in the manifest`
    : 'the string weights of the manifest, whose stored lengths run past their end';
  throw new Error(
    `${owner}: the weight files ${filesOf(paths)} must hold ${count}, but got ${data.byteLength} ` +
      'bytes.',
  );
}
