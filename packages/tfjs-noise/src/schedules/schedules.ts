/**
 * Noise schedules: pure functions from a step (a batch or epoch count) to a noise amount, as
 * optax's schedules are. The `noiseSchedule` callback evaluates one at every batch or epoch.
 */
import { checkNonNegative, fail, requireArgs } from '../validate';

/**
 * A schedule: the noise amount at `step` (0 for the first batch or epoch).
 *
 * @example
 * ```ts
 * // Any function of the step is a schedule: here, noise only for the first 500 batches.
 * const warmup: tfn.schedules.Schedule = (step) => (step < 500 ? 0.2 : 0);
 * const callback = tfn.callbacks.noiseSchedule({ schedule: warmup });
 * ```
 */
export type Schedule = (step: number) => number;

const OWNER = 'schedules';

function positiveInteger(fn: string, arg: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0) {
    fail(`${OWNER}.${fn}`, arg, 'a positive integer', value);
  }
  return value;
}

function amount(fn: string, arg: string, value: unknown): number {
  return checkNonNegative(`${OWNER}.${fn}`, arg, value);
}

/**
 * The same amount at every step.
 *
 * @example
 * ```ts
 * const schedule = tfn.schedules.constant({ value: 0.1 });
 * console.log(schedule(0)); // prints: 0.1
 * console.log(schedule(1e6)); // prints: 0.1
 * ```
 */
export function constant(args: { value: number }): Schedule {
  const { value } = requireArgs(`${OWNER}.constant`, args);
  const v = amount('constant', 'value', value);
  return () => v;
}

/**
 * Linear interpolation from `from` to `to` over `steps` steps, then `to`.
 *
 * @example
 * ```ts
 * const schedule = tfn.schedules.linear({ from: 0.3, to: 0, steps: 2000 });
 * console.log(schedule(1000)); // prints: 0.15
 * console.log(schedule(5000)); // prints: 0
 * ```
 */
export function linear(args: { from: number; to: number; steps: number }): Schedule {
  const { from, to, steps } = requireArgs(`${OWNER}.linear`, args);
  const a = amount('linear', 'from', from);
  const b = amount('linear', 'to', to);
  const n = positiveInteger('linear', 'steps', steps);
  return (step) => a + ((b - a) * Math.min(step, n)) / n;
}

/**
 * `initial * rate^(step / steps)` (rate in (0, 1] decays; > 1 grows).
 *
 * @example
 * ```ts
 * const schedule = tfn.schedules.exponential({ initial: 0.2, rate: 0.5, steps: 1000 });
 * // Halved every 1000 steps:
 * console.log(schedule(1000)); // prints: 0.1
 * ```
 */
export function exponential(args: { initial: number; rate: number; steps: number }): Schedule {
  const { initial, rate, steps } = requireArgs(`${OWNER}.exponential`, args);
  const v = amount('exponential', 'initial', initial);
  if (typeof rate !== 'number' || !Number.isFinite(rate) || rate <= 0) {
    fail(`${OWNER}.exponential`, 'rate', 'a finite number > 0', rate);
  }
  const n = positiveInteger('exponential', 'steps', steps);
  return (step) => v * rate ** (step / n);
}

/**
 * Cosine decay from `initial` to `final` (default 0) over `steps`, then `final`.
 *
 * @example
 * ```ts
 * const schedule = tfn.schedules.cosine({ initial: 0.2, final: 0.02, steps: 3000 });
 * // Halfway:
 * console.log(schedule(1500).toFixed(2)); // prints: 0.11
 * ```
 */
export function cosine(args: { initial: number; final?: number; steps: number }): Schedule {
  const { initial, final = 0, steps } = requireArgs(`${OWNER}.cosine`, args);
  const a = amount('cosine', 'initial', initial);
  const b = amount('cosine', 'final', final);
  const n = positiveInteger('cosine', 'steps', steps);
  return (step) => b + (a - b) * 0.5 * (1 + Math.cos((Math.PI * Math.min(step, n)) / n));
}

/**
 * Step decay: `initial * factor^floor(step / every)`.
 *
 * @example
 * ```ts
 * const schedule = tfn.schedules.step({ initial: 0.2, factor: 0.5, every: 10 });
 * console.log(schedule(25)); // prints: 0.05
 * const perEpoch = tfn.callbacks.noiseSchedule({ schedule, per: 'epoch' });
 * ```
 */
export function step(args: { initial: number; factor: number; every: number }): Schedule {
  const { initial, factor, every } = requireArgs(`${OWNER}.step`, args);
  const v = amount('step', 'initial', initial);
  const f = amount('step', 'factor', factor);
  const n = positiveInteger('step', 'every', every);
  return (s) => v * f ** Math.floor(s / n);
}

/**
 * Inverse-time decay: `initial / (1 + rate * step / steps)^power` (power default 1). With
 * rate 1, steps 1 and power 0.55 it is the variance annealing of Neelakantan et al. (2015); a
 * noise std that follows it takes `initial: Math.sqrt(eta)` and power 0.275.
 *
 * @example
 * ```ts
 * const schedule = tfn.schedules.inverseTime({ initial: 0.2, rate: 1, steps: 100 });
 * console.log(schedule(100)); // prints: 0.1
 * ```
 */
export function inverseTime(args: {
  initial: number;
  rate: number;
  steps?: number;
  power?: number;
}): Schedule {
  const { initial, rate, steps = 1, power = 1 } = requireArgs(`${OWNER}.inverseTime`, args);
  const v = amount('inverseTime', 'initial', initial);
  const r = amount('inverseTime', 'rate', rate);
  const n = positiveInteger('inverseTime', 'steps', steps);
  const p = amount('inverseTime', 'power', power);
  return (s) => v / (1 + (r * s) / n) ** p;
}
