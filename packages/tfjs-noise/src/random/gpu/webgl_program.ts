/**
 * The WebGL2 sampler: a GLSL ES 3.00 fragment program run by the webgl backend's own
 * `compileAndRun`, as tfjs's kernels are. One fragment per element: its index is the counter,
 * so the draw is one pass and nothing is uploaded but five uniforms.
 */
import type { TensorInfo } from '@tensorflow/tfjs-core';
import {
  cosSource,
  type Distribution,
  INV_2_24,
  INV_2_32,
  MINUS_TWO_LOG_ONE_MINUS_V,
  SERIES_BELOW,
  threefrySource,
} from './shader_source';

/** The part of tfjs-backend-webgl's program interface (`GPGPUProgram`) a sampler fills in. */
interface WebGLProgramLike {
  variableNames: string[];
  outputShape: number[];
  userCode: string;
  customUniforms: Array<{ name: string; type: 'ivec3' | 'vec2' }>;
}

/** The part of tfjs-backend-webgl's `MathBackendWebGL` the sampler calls. */
export interface WebGLBackendLike {
  compileAndRun(
    program: WebGLProgramLike,
    inputs: TensorInfo[],
    outputDtype?: 'float32',
    customUniformValues?: number[][],
  ): TensorInfo;
}

/** Whether `backend` has the program interface the WebGL sampler needs. */
export function isWebGLBackend(backend: unknown): backend is WebGLBackendLike {
  return typeof (backend as Partial<WebGLBackendLike>).compileAndRun === 'function';
}

/** GLSL for `float value` from `uvec2 w` and `vec2 tfnAffine` (mean/stddev or low/high). */
const VALUE: Record<Distribution, string> = {
  normal: `
    float u1 = (float(w.x) + 0.5) * ${INV_2_32};
    float v = (float(~w.x) + 0.5) * ${INV_2_32};
    float r2 = v < ${SERIES_BELOW} ? ${MINUS_TWO_LOG_ONE_MINUS_V} : -2.0 * log(u1);
    float u2 = float(w.y >> 8u) * ${INV_2_24};
    float z = sqrt(max(r2, 0.0)) * tfnCos2Pi(u2);
    float value = tfnAffine.x + tfnAffine.y * z;`,
  uniform: `
    float u = float(w.x >> 8u) * ${INV_2_24};
    float scaled = tfnAffine.x + (tfnAffine.y - tfnAffine.x) * u;
    float value = scaled < tfnAffine.y ? scaled : tfnAffine.x;`,
};

/** The fragment program drawing `size` samples of `distribution` (a flat float32 output). */
class SamplerProgram implements WebGLProgramLike {
  readonly variableNames: string[] = [];
  readonly outputShape: number[];
  readonly userCode: string;
  readonly customUniforms = [
    { name: 'tfnKey', type: 'ivec3' as const },
    { name: 'tfnAffine', type: 'vec2' as const },
  ];

  constructor(distribution: Distribution, size: number) {
    this.outputShape = [size];
    this.userCode = `
${threefrySource('glsl')}
${cosSource('glsl')}
void main() {
  int index = getOutputCoords();
  uvec2 w = tfnThreefry(uvec2(uint(tfnKey.x), uint(tfnKey.y)), uvec2(uint(index), uint(tfnKey.z)));
  ${VALUE[distribution]}
  setOutput(value);
}
`;
  }
}

/**
 * Draws `size` samples on the webgl backend: a flat float32 tensor's data.
 *
 * @param words The key's counter words (`counterWords`).
 * @param a Mean (normal) or low (uniform).
 * @param b Standard deviation (normal) or high (uniform).
 */
export function drawWebGL(
  backend: WebGLBackendLike,
  distribution: Distribution,
  size: number,
  words: readonly [number, number, number],
  a: number,
  b: number,
): TensorInfo {
  const program = new SamplerProgram(distribution, size);
  const key = [words[0] | 0, words[1] | 0, words[2] | 0];
  return backend.compileAndRun(program, [], 'float32', [key, [a, b]]);
}
