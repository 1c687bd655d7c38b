/**
 * The WebGL2 sampler: a GLSL ES 3.00 fragment program run by the webgl backend's own
 * `compileAndRun`, as tfjs's kernels are. One fragment per element: its index is the counter,
 * so the draw is one pass and nothing is uploaded but five uniforms.
 */
import type { TensorInfo } from '@tensorflow/tfjs-core';
import { type Distribution, samplerSource } from './shader_source';

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

/**
 * The fragment program drawing `size` samples of `distribution` (a flat float32 output), with
 * the key's three counter words in `tfnKey` and the affine map's (a, b) in `tfnAffine`.
 */
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
${samplerSource('glsl', distribution)}
void main() {
  int index = getOutputCoords();
  uvec2 w = tfnThreefry(uvec2(uint(tfnKey.x), uint(tfnKey.y)), uvec2(uint(index), uint(tfnKey.z)));
  setOutput(tfnSample(w, tfnAffine.x, tfnAffine.y));
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
