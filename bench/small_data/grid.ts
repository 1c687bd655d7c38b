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

/**
 * The corruption of the held-out rows under which the cross-validation also scores every fold
 * (`searchNoise({robustness})`, as `--robustness 1` does): the tool's robust choice is made on it.
 */
export const ROBUSTNESS = { stddev: 1 } as const;

/**
 * The corrupted copies of the test rows every test-set score is also measured on (after
 * standardization, as `corruptRows` does): Gaussian noise of 0.25, 0.5 and 1 training std on
 * every entry, or 25% of the entries replaced by the training mean. Labels are the keys of the
 * record's `corrupted` scores.
 */
export const CORRUPTIONS: readonly { label: string; stddev: number; missing: number }[] = [
  { label: 'gauss 0.25', stddev: 0.25, missing: 0 },
  { label: 'gauss 0.5', stddev: 0.5, missing: 0 },
  { label: 'gauss 1', stddev: 1, missing: 0 },
  { label: 'missing 25%', stddev: 0, missing: 0.25 },
];

/**
 * Combinations scored on test (not cross-validated): each noise setting of these kinds trained
 * with L2 decay `COMBO_L2` on both kernels as well (the MLP's `l2` option). Recorded with kind
 * `input+l2` or `weight+l2` and the noise amount.
 */
export const COMBO_KINDS: readonly string[] = ['input', 'weight'];

/**
 * The seed of one corruption of one task's test rows for one seed (FNV-1a of
 * `task/seed/label`): fixed, and the same for every setting scored (paired).
 */
export function testCorruptionSeed(task: string, seed: number, label: string): number {
  let h = 0x811c9dc5;
  for (const c of `${task}/${seed}/${label}`) {
    h ^= c.charCodeAt(0);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** The L2 decay of the combinations: the L2 setting of the grid. */
export const COMBO_L2 = 1e-2;

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
