export { activeSampler, type SamplerKind, useGpuSampler } from './gpu_sampler';
export { normal, uniform } from './noise';
export { randomSeed, streamId } from './noise_key';

import type { NoiseKey as Key } from './noise_key';

/**
 * Identifies one block of noise: who draws it (`seed`, `stream`) and when (`step`); its fields
 * are documented on the interface it names. (Declared here as an alias so that the bundled
 * declaration of the `random` namespace keeps it a type.)
 *
 * @example
 * ```ts
 * const key: tfn.random.NoiseKey = { seed: 1, stream: tfn.random.streamId('mine'), step: 0 };
 * const first = tfn.random.normal([4], key);
 * const next = tfn.random.normal([4], { ...key, step: key.step + 1 });
 * ```
 */
export type NoiseKey = Key;
export { fillNormal, fillUniform, useWasmSampler } from './sampler';
