/**
 * What the suite measures for every task and seed: the noise settings (cross-validated and
 * scored on the test set), the peers (dropout, L2, early stopping) and the model.
 */
import type { NoiseSetting } from '@tfjs-noise/tune';

/** A model configuration of the suite: the built-in MLP's width, learning rate and epochs. */
export interface ModelConfig {
  hiddenUnits: number;
  learningRate: number;
  epochs: number;
}

/** The model of every run by default: the CLI's default MLP. */
export const MODEL: ModelConfig = { hiddenUnits: 64, learningRate: 0.01, epochs: 100 };

/**
 * The suite's second model: a wide network trained long, the kind that memorizes small data
 * (`--model large`). The tool's choice must hold at both sizes.
 */
export const LARGE_MODEL: ModelConfig = { hiddenUnits: 200, learningRate: 0.01, epochs: 300 };

/** The cross-validation of every run (the default of searchNoise). */
export const CV = { folds: 5, repeats: 2 } as const;

/**
 * Every noise setting cross-validated and scored on test: the superset from which each
 * selection rule picks (no noise first). The amounts are per kind: input noise is a std in
 * standardized units, weight noise an absolute std on the weights, gradient noise Neelakantan's
 * eta (a variance) on gradients that Adam then normalizes.
 */
export const SETTINGS: readonly NoiseSetting[] = [
  { kind: 'none', amount: 0 },
  ...[0.05, 0.1, 0.2, 0.4].map((amount) => ({ kind: 'input', amount })),
  ...[0.02, 0.05, 0.1].map((amount) => ({ kind: 'weight', amount })),
  ...[1e-4, 1e-3].map((amount) => ({ kind: 'gradient', amount })),
  // The plain regularizers the tool measures beside noise by default (cross-validated too).
  { kind: 'l2', amount: 1e-2 },
  { kind: 'dropout', amount: 0.2 },
];

/** Peers scored on test only: dropout rate, L2 factor. */
export const PEERS: readonly NoiseSetting[] = [
  { kind: 'dropout', amount: 0.5 },
  { kind: 'l2', amount: 1e-3 },
];

/** Early stopping as a user would set it: 20% of the training rows, patience 10 epochs. */
export const EARLY_STOPPING = { validationFraction: 0.2, patience: 10 } as const;

/** A smaller everything for `--quick` (the test that the suite runs, no numbers asserted). */
export const QUICK = {
  model: { hiddenUnits: 8, learningRate: 0.01, epochs: 5 },
  cv: { folds: 3, repeats: 1 },
  settings: SETTINGS.filter(
    (s) => s.amount === 0 || s.amount === 0.1 || s.amount === 1e-3 || s.kind === 'l2',
  ),
  peers: PEERS.slice(0, 1),
};
