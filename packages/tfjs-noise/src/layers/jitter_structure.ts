/**
 * The structure of GaussianJitter's noise: the axes along which one draw is shared
 * (`noiseShape`, tfjs dropout's convention) and the axes along which neighbouring entries are
 * correlated (`correlationLength`), checked against the shape of the input.
 */
import { checkNonNegative, fail, show } from '../validate';

/**
 * The shape of the noise drawn, one entry per axis of the input (the batch axis included), as
 * in tfjs's `dropout`: `null` or the input's size on that axis for noise independent along it,
 * `1` for one value shared along it.
 *
 * @example
 * ```ts
 * const perChannel: tfn.NoiseShape = [null, 1, 1, null]; // [batch, h, w, c]: one value per example and channel
 * model.add(tfn.layers.gaussianJitter({ stddev: 0.1, noiseShape: perChannel, inputShape: [8, 8, 3] }));
 * ```
 */
export type NoiseShape = (number | null)[];

/** An optional `noiseShape`: omitted (null), or a non-empty array of null or integers >= 1. */
export function checkNoiseShape(owner: string, value: unknown): NoiseShape | null {
  if (value === undefined || value === null) return null;
  if (!Array.isArray(value) || value.length === 0) {
    fail(owner, 'noiseShape', 'a non-empty array of null or integers >= 1 (or omitted)', value);
  }
  return value.map((d, i) => {
    if (d === null) return null;
    if (typeof d !== 'number' || !Number.isSafeInteger(d) || d < 1) {
      fail(owner, `noiseShape[${i}]`, 'null or an integer >= 1', d);
    }
    return d;
  });
}

/**
 * An optional `correlationLength`: omitted (null), a finite number >= 0, or a non-empty array of
 * them (one per axis between the batch axis and the last).
 */
export function checkCorrelationLength(owner: string, value: unknown): number | number[] | null {
  if (value === undefined || value === null) return null;
  if (Array.isArray(value)) {
    if (value.length === 0) fail(owner, 'correlationLength', 'a non-empty array', value);
    return value.map((v, i) => checkNonNegative(owner, `correlationLength[${i}]`, v));
  }
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    fail(
      owner,
      'correlationLength',
      'a finite number >= 0 or an array of them (one per axis between the batch axis and the last)',
      value,
    );
  }
  return value + 0;
}

/**
 * Checks `noiseShape` and `correlationLength` against an input of shape `shape` (null for sizes
 * not known yet) and returns the correlation length of each axis of the input: 0 on the batch
 * axis, on the last axis, and on every axis without correlation or shared by `noiseShape`.
 *
 * A single `correlationLength` applies to every axis between the batch axis and the last that
 * `noiseShape` does not share (one value along a shared axis has no neighbours to correlate
 * with); an array gives one length per such axis, and a length > 0 on a shared axis is an error.
 */
export function checkStructure(
  owner: string,
  shape: readonly (number | null)[],
  noiseShape: NoiseShape | null,
  correlationLength: number | number[] | null,
): number[] {
  const rank = shape.length;
  const input = `input shape ${show(shape)}`;
  if (noiseShape !== null) {
    if (noiseShape.length !== rank) {
      fail(
        owner,
        'noiseShape',
        `an array of ${rank} entries, one per axis of the input, the batch axis included (${input})`,
        noiseShape,
      );
    }
    noiseShape.forEach((d, i) => {
      const size = shape[i];
      if (d !== null && d !== 1 && size != null && d !== size) {
        fail(owner, `noiseShape[${i}]`, `null, 1 or ${size} (the input's size on axis ${i})`, d);
      }
    });
  }
  const lengths = new Array<number>(rank).fill(0);
  if (correlationLength === null) return lengths;
  const spatial = Math.max(rank - 2, 0);
  const given = Array.isArray(correlationLength) ? correlationLength : [correlationLength];
  if (!given.some((l) => l > 0)) return lengths;
  if (spatial === 0) {
    fail(
      owner,
      'correlationLength',
      `0 or omitted on an input with no axis between the batch axis and the last (${input})`,
      correlationLength,
    );
  }
  if (Array.isArray(correlationLength) && correlationLength.length !== spatial) {
    fail(
      owner,
      'correlationLength',
      `a number or an array of ${spatial} (one per axis between the batch axis and the last, ${input})`,
      correlationLength,
    );
  }
  const shared = (axis: number) => noiseShape !== null && noiseShape[axis] === 1;
  for (let axis = 1; axis <= spatial; axis++) {
    const length = Array.isArray(correlationLength)
      ? (correlationLength[axis - 1] as number)
      : correlationLength;
    if (length > 0 && shared(axis)) {
      if (Array.isArray(correlationLength)) {
        fail(
          owner,
          `correlationLength[${axis - 1}]`,
          `0 on axis ${axis}, which \`noiseShape\` shares (1 there)`,
          length,
        );
      }
      continue;
    }
    lengths[axis] = length;
  }
  if (!lengths.some((l) => l > 0)) {
    fail(
      owner,
      'correlationLength',
      `0 when \`noiseShape\` shares every axis between the batch axis and the last (noiseShape ${show(noiseShape)})`,
      correlationLength,
    );
  }
  return lengths;
}

/** The shape of the noise drawn for an input of shape `shape`: 1 where `noiseShape` shares. */
export function drawShape(shape: readonly number[], noiseShape: NoiseShape | null): number[] {
  return shape.map((d, i) => (noiseShape !== null && noiseShape[i] === 1 ? 1 : d));
}
