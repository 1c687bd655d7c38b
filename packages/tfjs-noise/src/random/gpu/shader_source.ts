/**
 * The shader source both GPU samplers share, for GLSL ES 3.00 and WGSL: Threefry-2x32-20 (see
 * `../threefry.ts`, the reference it must equal), written out from the same rotation table so the
 * two samplers cannot drift apart from each other or from the reference, and the float math of
 * Box-Muller where the shading languages' built-ins are too loose.
 */
import { PARITY, ROTATIONS } from '../threefry';

/** The two shading languages of tfjs's GPU backends. */
export type ShaderLanguage = 'glsl' | 'wgsl';

/** The two distributions a GPU draw makes. */
export type Distribution = 'normal' | 'uniform';

type ShaderType = 'u32' | 'f32' | 'uvec2';

/** How each language spells what the samplers need; the code below is written once, in these. */
interface Dialect {
  type: Record<ShaderType, string>;
  /** A local: `let` (or `var` when `mutable`) in WGSL, a typed declaration in GLSL. */
  local(type: ShaderType, name: string, value: string, mutable?: boolean): string;
  /** A function header. */
  header(name: string, params: [ShaderType, string][], returns: ShaderType): string;
  /** `condition ? ifTrue : ifFalse`. */
  select(condition: string, ifTrue: string, ifFalse: string): string;
}

const GLSL_TYPES: Record<ShaderType, string> = { u32: 'uint', f32: 'float', uvec2: 'uvec2' };
const WGSL_TYPES: Record<ShaderType, string> = { u32: 'u32', f32: 'f32', uvec2: 'vec2<u32>' };

const DIALECTS: Record<ShaderLanguage, Dialect> = {
  glsl: {
    type: GLSL_TYPES,
    local: (type, name, value) => `${GLSL_TYPES[type]} ${name} = ${value};`,
    header: (name, params, returns) =>
      `${GLSL_TYPES[returns]} ${name}(${params.map(([t, n]) => `${GLSL_TYPES[t]} ${n}`).join(', ')})`,
    select: (condition, ifTrue, ifFalse) => `(${condition} ? ${ifTrue} : ${ifFalse})`,
  },
  wgsl: {
    type: WGSL_TYPES,
    local: (_type, name, value, mutable) => `${mutable ? 'var' : 'let'} ${name} = ${value};`,
    header: (name, params, returns) =>
      `fn ${name}(${params.map(([t, n]) => `${n} : ${WGSL_TYPES[t]}`).join(', ')}) -> ${WGSL_TYPES[returns]}`,
    select: (condition, ifTrue, ifFalse) => `select(${ifFalse}, ${ifTrue}, ${condition})`,
  },
};

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

/** 2^-32 and 2^-24 (exact in float32), and 2 pi (rounded to float32 by the compiler). */
const INV_2_32 = '2.3283064365386963e-10';
const INV_2_24 = '5.9604644775390625e-8';
const TWO_PI = '6.283185307179586';

/**
 * Taylor coefficients of cos x in x^2 up to x^12 (the next term is below 7e-9 on [0, pi/2]),
 * evaluated by Horner's rule.
 */
const COS_POLYNOMIAL =
  '1.0 + x2 * (-0.5 + x2 * (0.041666668 + x2 * (-0.0013888889 + x2 * (0.000024801587 + ' +
  'x2 * (-2.7557319e-7 + x2 * 2.0876757e-9)))))';

/**
 * Near u1 = 1 (a radius near 0), float32 `log(u1)` loses most of its digits: there the samplers
 * take `v = 1 - u1`, exact from the complement of the word, and the series
 * `-2 ln(1 - v) = 2 v (1 + v/2 + v^2/3 + v^3/4)`, whose next term is below 2^-32 of the sum for
 * v < 2^-8.
 */
const SERIES_BELOW = '0.00390625';
const MINUS_TWO_LOG_ONE_MINUS_V = '2.0 * v * (1.0 + v * (0.5 + v * (0.33333334 + v * 0.25)))';

/**
 * The sampler's functions in `language`, ending with `tfnSample(w, a, b)`: the value of one
 * element from its Threefry words `w`, as `a + b z` for the normal distribution and
 * `a + (b - a) u` (kept below `b`) for the uniform one. Before it:
 * - `tfnRotl` and `tfnThreefry(k, c)`: Threefry-2x32-20 of counter `c` under key `k`;
 * - `tfnCos2Pi(u)`: cos(2 pi u) for u in [0, 1), to a few float32 ulp. The built-in `cos` may be
 *   far coarser (WGSL allows an absolute error of 2^-11, and only on [-pi, pi]; SwiftShader's was
 *   off by up to 5e-4): the turn is reduced exactly, by cos(2 pi u) = -cos(2 pi (u - 1/2)) and
 *   cos(2 pi a) = -cos(2 pi (1/2 - a)), to an angle in [0, pi/2], where a polynomial takes over.
 */
export function samplerSource(language: ShaderLanguage, distribution: Distribution): string {
  const d = DIALECTS[language];
  const f = d.type.f32;
  const indent = (lines: string[]) => lines.map((line) => `  ${line}`).join('\n');
  const threefry = [
    d.local('u32', 'k0', 'k.x'),
    d.local('u32', 'k1', 'k.y'),
    d.local('u32', 'k2', `0x${PARITY.toString(16)}u ^ k0 ^ k1`),
    d.local('u32', 'x0', 'c.x + k0', true),
    d.local('u32', 'x1', 'c.y + k1', true),
    ...rounds(),
    `return ${d.type.uvec2}(x0, x1);`,
  ];
  const cos = [
    d.local('f32', 'a', 'abs(u - 0.5)', true),
    d.local('f32', 's', '-1.0', true),
    'if (a > 0.25) { a = 0.5 - a; s = 1.0; }',
    d.local('f32', 'x', `${TWO_PI} * a`),
    d.local('f32', 'x2', 'x * x'),
    `return s * (${COS_POLYNOMIAL});`,
  ];
  const sample =
    distribution === 'normal'
      ? [
          d.local('f32', 'u1', `(${f}(w.x) + 0.5) * ${INV_2_32}`),
          d.local('f32', 'v', `(${f}(~w.x) + 0.5) * ${INV_2_32}`),
          d.local(
            'f32',
            'r2',
            d.select(`v < ${SERIES_BELOW}`, MINUS_TWO_LOG_ONE_MINUS_V, '-2.0 * log(u1)'),
          ),
          d.local('f32', 'u2', `${f}(w.y >> 8u) * ${INV_2_24}`),
          `return a + b * (sqrt(max(r2, 0.0)) * tfnCos2Pi(u2));`,
        ]
      : [
          d.local('f32', 'u', `${f}(w.x >> 8u) * ${INV_2_24}`),
          d.local('f32', 'scaled', 'a + (b - a) * u'),
          `return ${d.select('scaled < b', 'scaled', 'a')};`,
        ];
  return `
${d.header(
  'tfnRotl',
  [
    ['u32', 'x'],
    ['u32', 'r'],
  ],
  'u32',
)} { return (x << r) | (x >> (32u - r)); }
${d.header(
  'tfnThreefry',
  [
    ['uvec2', 'k'],
    ['uvec2', 'c'],
  ],
  'uvec2',
)} {
${indent(threefry)}
}
${d.header('tfnCos2Pi', [['f32', 'u']], 'f32')} {
${indent(cos)}
}
${d.header(
  'tfnSample',
  [
    ['uvec2', 'w'],
    ['f32', 'a'],
    ['f32', 'b'],
  ],
  'f32',
)} {
${indent(sample)}
}
`;
}
