/**
 * Target noise:
 * `model.compile({loss: tfn.targets.labelSmoothing({eps: 0.1}).loss('categoricalCrossentropy')})`.
 */
export {
  type GaussianArgs,
  gaussian,
  type LabelFlipArgs,
  type LabelSmoothingArgs,
  type LossFn,
  type LossName,
  labelFlip,
  labelSmoothing,
  TargetNoise,
  type TargetNoiseArgs,
} from './target_noise';
