/**
 * Target noise: `model.compile({loss: tfn.targets.labelSmoothing(0.1).loss('categoricalCrossentropy')})`.
 */
export {
  gaussian,
  type LossFn,
  type LossName,
  labelFlip,
  labelSmoothing,
  TargetNoise,
} from './target_noise';
