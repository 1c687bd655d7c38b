/**
 * Shader source of Threefry-2x32-20 (see `../threefry.ts`, the reference it must equal), written
 * out from the same rotation table for both shading languages, so the GLSL and WGSL samplers
 * cannot drift apart from each other or from the reference.
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

/** The two distributions a GPU draw makes. */
export type Distribution = 'normal' | 'uniform';
