export { activeSampler, type SamplerKind, useGpuSampler } from './gpu_sampler';
export { normal, uniform } from './noise';
export { type NoiseKey, randomSeed, streamId } from './noise_key';
export { fillNormal, fillUniform, useWasmSampler } from './sampler';
