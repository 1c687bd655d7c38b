/**
 * Divergence: a training whose loss or weights are no longer finite numbers. Such a model is
 * never scored as if it had trained, and never returned or saved.
 */
import type { LayersModel } from '@tensorflow/tfjs-layers';
import type { NoiseSetting } from '../types';

/**
 * The error of a training that diverged: a weight or the training loss is NaN or +-Infinity
 * (a learning rate or noise amount far too large). `trainModel`, `trainAndScore` and `fitBest`
 * throw it; in `searchNoise` the setting is marked failed instead (see `SettingResult.failed`).
 *
 * @example
 * ```ts
 * import { fitBest, MLP_BUILDER, searchNoise, TrainingDivergedError } from '@tfjs-noise/tune';
 *
 * const options = { task: 'classification', grid: { kinds: ['input'], amounts: [0, 0.1] }, builder: MLP_BUILDER } as const;
 * const result = await searchNoise({ x, y }, options);
 * try {
 *   await fitBest({ x, y }, result, options);
 * } catch (err) {
 *   if (err instanceof TrainingDivergedError) console.log(err.setting, err.reason);
 *   else throw err;
 * }
 * ```
 */
export class TrainingDivergedError extends Error {
  /** The setting whose training diverged. */
  readonly setting: NoiseSetting;
  /** What was not finite, e.g. `weight 'dense_Dense1/kernel' holds NaN (...)`. */
  readonly reason: string;

  /**
   * @param owner The function that trained (first word of the message).
   * @param setting The setting trained.
   * @param reason What was not finite.
   */
  constructor(owner: string, setting: NoiseSetting, reason: string) {
    super(
      `${owner}: the training of setting {kind: '${setting.kind}', amount: ${setting.amount}} ` +
        `diverged: ${reason}; lower the learning rate.`,
    );
    this.name = 'TrainingDivergedError';
    this.setting = { kind: setting.kind, amount: setting.amount };
    this.reason = reason;
  }
}

/**
 * Throws a {@link TrainingDivergedError} if a weight of `model` is not finite, or if
 * `lastLoss` (the training loss of the weights the model holds, or null if unknown) is not.
 *
 * @param losses The training loss of every epoch run (named in the message).
 */
export function checkConverged(
  owner: string,
  model: LayersModel,
  setting: NoiseSetting,
  losses: readonly number[],
  lastLoss: number | null,
): void {
  const first = losses.findIndex((l) => !Number.isFinite(l));
  const lossNote = first < 0 ? '' : ` (training loss ${losses[first]} at epoch ${first + 1})`;
  const values = model.getWeights();
  for (let i = 0; i < values.length; i++) {
    const bad = values[i]!.dataSync().find((v) => !Number.isFinite(v));
    if (bad !== undefined) {
      const name = model.weights[i]?.name ?? `#${i}`;
      throw new TrainingDivergedError(owner, setting, `weight '${name}' holds ${bad}${lossNote}`);
    }
  }
  if (lastLoss !== null && !Number.isFinite(lastLoss)) {
    throw new TrainingDivergedError(
      owner,
      setting,
      `the training loss is ${lastLoss} at epoch ${losses.length}`,
    );
  }
}
