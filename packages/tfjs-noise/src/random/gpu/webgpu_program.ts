/**
 * The WebGPU sampler: a WGSL compute shader run by the webgpu backend's own `runWebGPUProgram`,
 * as tfjs's kernels are. One invocation per element: its index is the counter, so the draw is
 * one dispatch and nothing is uploaded but a uniform buffer of a few words.
 */
import type { TensorInfo } from '@tensorflow/tfjs-core';
import { type Distribution, samplerSource } from './shader_source';

const WORKGROUP = 64;

/** The part of tfjs-backend-webgpu's program interface (`WebGPUProgram`) a sampler fills in. */
interface WebGPUProgramLike {
  variableNames: string[];
  outputShape: number[];
  shaderKey: string;
  dispatchLayout: { x: number[] };
  dispatch: [number, number, number];
  workgroupSize: [number, number, number];
  uniforms: string;
  size: boolean;
  getUserCode(): string;
}

/** A uniform of a WebGPU program (tfjs's `ProgramUniform` entry). */
interface UniformLike {
  type: 'int32' | 'float32';
  data: number[];
}

/** The part of tfjs-backend-webgpu's `WebGPUBackend` the sampler calls. */
export interface WebGPUBackendLike {
  runWebGPUProgram(
    program: WebGPUProgramLike,
    inputs: TensorInfo[],
    outputDtype: 'float32',
    programDefinedUniform?: UniformLike[],
  ): TensorInfo;
  /** The backend's GPUDevice (used for its error scopes). */
  device?: {
    pushErrorScope?(filter: 'validation'): void;
    popErrorScope?(): Promise<{ message: string } | null>;
  };
}

/** Whether `backend` has the program interface the WebGPU sampler needs. */
export function isWebGPUBackend(backend: unknown): backend is WebGPUBackendLike {
  return typeof (backend as Partial<WebGPUBackendLike>).runWebGPUProgram === 'function';
}

/** The compute program drawing `size` samples of `distribution` (a flat float32 output). */
class SamplerProgram implements WebGPUProgramLike {
  readonly variableNames: string[] = [];
  readonly outputShape: number[];
  shaderKey: string;
  readonly dispatchLayout = { x: [0] };
  dispatch: [number, number, number];
  readonly workgroupSize: [number, number, number] = [WORKGROUP, 1, 1];
  readonly uniforms = 'tfnK0 : i32, tfnK1 : i32, tfnK2 : i32, tfnA : f32, tfnB : f32,';
  readonly size = true;
  private readonly distribution: Distribution;

  constructor(distribution: Distribution, size: number) {
    this.distribution = distribution;
    this.outputShape = [size];
    // The backend splits a dispatch wider than the device allows over y and z.
    this.dispatch = [Math.ceil(size / WORKGROUP), 1, 1];
    this.shaderKey = `tfnRandom_${distribution}`;
  }

  getUserCode(): string {
    return `
${samplerSource('wgsl', this.distribution)}
fn main(index : i32) {
  if (index < uniforms.size) {
    let w = tfnThreefry(
        vec2<u32>(bitcast<u32>(uniforms.tfnK0), bitcast<u32>(uniforms.tfnK1)),
        vec2<u32>(u32(index), bitcast<u32>(uniforms.tfnK2)));
    setOutputAtIndex(index, tfnSample(w, uniforms.tfnA, uniforms.tfnB));
  }
}
`;
  }
}

/**
 * Draws `size` samples on the webgpu backend: a flat float32 tensor's data.
 *
 * @param words The key's counter words (`counterWords`).
 * @param a Mean (normal) or low (uniform).
 * @param b Standard deviation (normal) or high (uniform).
 */
export function drawWebGPU(
  backend: WebGPUBackendLike,
  distribution: Distribution,
  size: number,
  words: readonly [number, number, number],
  a: number,
  b: number,
): TensorInfo {
  const program = new SamplerProgram(distribution, size);
  return backend.runWebGPUProgram(program, [], 'float32', [
    { type: 'int32', data: [words[0] | 0] },
    { type: 'int32', data: [words[1] | 0] },
    { type: 'int32', data: [words[2] | 0] },
    { type: 'float32', data: [a] },
    { type: 'float32', data: [b] },
  ]);
}
