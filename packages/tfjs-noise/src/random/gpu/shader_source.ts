/**
 * The shader source both GPU samplers share, for GLSL ES 3.00 and WGSL: Threefry-2x32-20 (see
 * `../threefry.ts`, the reference it must equal), written out from the same rotation table so the
 * two samplers cannot drift apart from each other or from the reference, and the float math of
 * Box-Muller where the shading languages' built-ins are too loose.
 */
import { PARITY, ROTATIONS } from '../threefry';

/** The two shading languages of tfjs's GPU backends. */
export type ShaderLanguage = 'glsl' | 'wgsl';

/** The statements of the 20 rounds and 5 key injections on `x0`, `x1` with keys `k0 k1 k2`. */
function rounds(): string[] {
  const keys = ['k0', 'k1', 'k2'];
  const lines: string[] = [];
  for (let round = 0; round < 20; round++) {
    const r = ROTATIONS[round % 8] as number;
    lines.push(`x0 += x1; x1 = tfnRotl(x1, ${r}u) ^ x0;`);
    if (round % 4 === 3) {
      const s = (round + 1) / 4;
      lines.push(`x0 += ${keys[s % 3]}; x1 += ${keys[(s + 1) % 3]} + ${s}u;`);
    }
  }
  return lines;
}

const PARITY_LITERAL = `0x${PARITY.toString(16)}u`;

/**
 * `tfnThreefry(k, c)`: Threefry-2x32-20 of counter `c` under key `k` (both two unsigned words),
 * plus its helper `tfnRotl`, in the given language.
 */
export function threefrySource(language: ShaderLanguage): string {
  const body = rounds()
    .map((line) => `  ${line}`)
    .join('\n');
  if (language === 'glsl') {
    return `
uint tfnRotl(uint x, uint r) { return (x << r) | (x >> (32u - r)); }
uvec2 tfnThreefry(uvec2 k, uvec2 c) {
  uint k0 = k.x;
  uint k1 = k.y;
  uint k2 = ${PARITY_LITERAL} ^ k0 ^ k1;
  uint x0 = c.x + k0;
  uint x1 = c.y + k1;
${body}
  return uvec2(x0, x1);
}
`;
  }
  return `
fn tfnRotl(x : u32, r : u32) -> u32 { return (x << r) | (x >> (32u - r)); }
fn tfnThreefry(k : vec2<u32>, c : vec2<u32>) -> vec2<u32> {
  let k0 = k.x;
  let k1 = k.y;
  let k2 = ${PARITY_LITERAL} ^ k0 ^ k1;
  var x0 = c.x + k0;
  var x1 = c.y + k1;
${body}
  return vec2<u32>(x0, x1);
}
`;
}

/** 2^-32 and 2^-24 as shader literals (exact in float32). */
export const INV_2_32 = '2.3283064365386963e-10';
export const INV_2_24 = '5.9604644775390625e-8';
/** 2 pi, rounded by the shader compiler to float32. */
export const TWO_PI = '6.283185307179586';

/**
 * Taylor coefficients of cos x in x^2 up to x^12 (the next term is below 7e-9 on [0, pi/2]),
 * evaluated by Horner's rule.
 */
const COS_POLYNOMIAL =
  '1.0 + x2 * (-0.5 + x2 * (0.041666668 + x2 * (-0.0013888889 + x2 * (0.000024801587 + ' +
  'x2 * (-2.7557319e-7 + x2 * 2.0876757e-9)))))';

/**
 * `tfnCos2Pi(u)`: cos(2 pi u) for u in [0, 1), to a few float32 ulp. The built-in `cos` may be
 * far coarser (WGSL allows an absolute error of 2^-11, and only on [-pi, pi]; SwiftShader's is
 * off by up to 5e-4): the turn is reduced exactly, by the symmetries cos(2 pi u) =
 * -cos(2 pi (u - 1/2)) and cos(2 pi a) = -cos(2 pi (1/2 - a)), to an angle in [0, pi/2], where a
 * polynomial takes over.
 */
export function cosSource(language: ShaderLanguage): string {
  if (language === 'glsl') {
    return `
float tfnCos2Pi(float u) {
  float a = abs(u - 0.5);
  float s = -1.0;
  if (a > 0.25) { a = 0.5 - a; s = 1.0; }
  float x = ${TWO_PI} * a;
  float x2 = x * x;
  return s * (${COS_POLYNOMIAL});
}
`;
  }
  return `
fn tfnCos2Pi(u : f32) -> f32 {
  var a = abs(u - 0.5);
  var s = -1.0;
  if (a > 0.25) { a = 0.5 - a; s = 1.0; }
  let x = ${TWO_PI} * a;
  let x2 = x * x;
  return s * (${COS_POLYNOMIAL});
}
`;
}

/**
 * Near u1 = 1 (a radius near 0), float32 `log(u1)` loses most of its digits: there the samplers
 * take `v = 1 - u1`, exact from the complement of the word, and the series
 * `-2 ln(1 - v) = 2 v (1 + v/2 + v^2/3 + v^3/4)`, whose next term is below 2^-32 of the sum for
 * v < 2^-8. Both shaders use these two expressions (in `v`).
 */
export const SERIES_BELOW = '0.00390625';
export const MINUS_TWO_LOG_ONE_MINUS_V =
  '2.0 * v * (1.0 + v * (0.5 + v * (0.33333334 + v * 0.25)))';

/** The two distributions a GPU draw makes. */
export type Distribution = 'normal' | 'uniform';
