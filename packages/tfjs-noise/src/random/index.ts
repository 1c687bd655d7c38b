export { normal, uniform } from './noise';
export { type NoiseKey, randomSeed, streamId } from './noise_key';
export { fillNormal, fillUniform, useWasmSampler } from './sampler';
