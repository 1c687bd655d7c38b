/**
 * The words of a recommendation: one sentence-maker for `searchNoise`'s result (its
 * `recommendation.sentence`, kept in results.json and a saved model's metadata) and the demos, so
 * that what a user reads always agrees with the numbers beside it. Every gain is named by what
 * improved, in the user's terms: more right answers (accuracy), better predicted probabilities
 * (log-loss, Brier score), lower error (MSE). The CLI prints the same verdict as a headline and
 * short lines (see `reportWords`), with these helpers.
 */

import type { MetricName } from '../train/metrics';
import type { NoiseSetting, Task } from '../types';
import type { MetricGains, PairedGain } from './gains';
import { formatNumber } from './numbers';

/**
 * Which case a recommendation is in (see `Recommendation.verdict`).
 *
 * @example
 * ```ts
 * import type { Verdict } from '@tfjs-noise/tune';
 *
 * const short: { [V in Verdict]: string } = {
 *   helps: 'noise helps',
 *   'better-probabilities-only': 'better probabilities, not more right answers',
 *   'more-right-answers-only': 'more right answers, not better probabilities',
 *   'no-help': 'no help',
 * };
 * ```
 */
export type Verdict = 'helps' | 'better-probabilities-only' | 'more-right-answers-only' | 'no-help';

/**
 * The no-noise model against the chance baseline (always the most frequent class, or always
 * the mean target), in the user's metric.
 *
 * @example
 * ```ts
 * import type { ChanceComparison } from '@tfjs-noise/tune';
 *
 * const warn = (c: ChanceComparison | null) =>
 *   c && !c.beaten ? `no better than ${c.predictor === 'majority' ? 'the majority class' : 'the mean'}` : '';
 * ```
 */
export interface ChanceComparison {
  /** `'majority'` (classification) or `'mean'` (regression). */
  predictor: 'majority' | 'mean';
  /** The majority class's index (classification), or null. */
  classIndex: number | null;
  /** The chance baseline's mean score in the headline metric (accuracy or MSE). */
  score: number;
  /** The no-noise model's mean score in the headline metric. */
  modelScore: number;
  /** The model's paired gain over the chance baseline, in the user's metric (user units). */
  gain: PairedGain | null;
  /** True if `gain` exceeds {@link CHANCE_THRESHOLD} standard errors. */
  beaten: boolean;
  /**
   * The recommended noise setting against the same baseline, like the fields above (absent when
   * no noise is recommended): the warning then says whether noise got the model past chance.
   */
  choice?: { score: number; gain: PairedGain | null; beaten: boolean };
}

/**
 * A plain regularizer (L2, dropout) measured on the same folds, as the user sees it.
 *
 * @example
 * ```ts
 * import type { PeerComparison } from '@tfjs-noise/tune';
 *
 * const say = (p: PeerComparison) => `${p.setting.kind} ${p.setting.amount}: ${p.standing}`;
 * ```
 */
export interface PeerComparison {
  /** The peer's setting (for example `{kind: 'l2', amount: 0.01}`). */
  setting: NoiseSetting;
  /** Its paired gain over no noise in the user's metric (user units). */
  gain: PairedGain | null;
  /** Its paired gain over the recommended setting in the user's metric (user units). */
  versusChoice: PairedGain | null;
  /** Better or worse than the recommendation beyond `threshold` standard errors, or about as good. */
  standing: 'better' | 'as good' | 'worse';
}

/**
 * What {@link verdictSentence} needs: the case, the gains of the setting it is about (in user
 * units, see `userGain`), and what to say it beside.
 *
 * @example
 * ```ts
 * import { type VerdictInput, verdictSentence } from '@tfjs-noise/tune';
 *
 * const input: VerdictInput = {
 *   task: 'classification',
 *   metric: 'accuracy',
 *   verdict: 'helps',
 *   setting: { kind: 'input', amount: 0.1 },
 *   gains: { accuracy: { mean: 3.2, se: 1.1, n: 10 }, logLoss: { mean: 0.05, se: 0.02, n: 10 } },
 *   evidence: 'paired over 10 cross-validation folds, +- one standard error',
 * };
 * console.log(verdictSentence(input));
 * ```
 */
export interface VerdictInput {
  /** The task. */
  task: Task;
  /** The user's metric. */
  metric: MetricName;
  /**
   * The paired test's metric: when the metric is accuracy and this is a probability score, it
   * is the probability score named beside accuracy (default: the log-loss, else the Brier score).
   */
  criterion?: MetricName;
  /** The case. */
  verdict: Verdict;
  /** The setting the words are about (recommended, or the closest contender), or null. */
  setting: NoiseSetting | null;
  /** A display name for `setting` (default: `input noise 0.1`, `L2 0.01`, ...). */
  name?: string;
  /** Its paired gains over no noise, in user units. */
  gains: MetricGains;
  /** The model without noise against the chance baseline, or null. */
  chance?: ChanceComparison | null;
  /** Class names in index order (to name the majority class), or null. */
  classNames?: readonly string[] | null;
  /** Plain regularizers measured beside noise (`versusChoice` is not used by the words). */
  peers?: readonly (Omit<PeerComparison, 'versusChoice'> & { versusChoice?: PairedGain | null })[];
  /**
   * False where no model is recommended (a demo comparing settings): the words then say what
   * was measured and nothing about a recommended model. Default true.
   */
  recommends?: boolean;
  /** How the intervals were made, e.g. `paired over 10 cross-validation folds, +- one standard error`. */
  evidence: string;
  /**
   * The condition the scores were measured under, e.g. `under input noise of 1 std`: it prefixes
   * the claim (`under input noise of 1 std: noise helps here: ...`) and the chance warning.
   * Omitted: clean held-out rows, no prefix.
   */
  condition?: string;
}

/**
 * The words for the user, in this order: a warning first when the model without noise does not
 * beat the chance baseline; then the verdict, naming every gain or loss with its interval; then
 * how a plain regularizer did on the same folds; then how the intervals were made. Never says
 * "helps" beside a loss without saying so.
 *
 * @example
 * ```ts
 * import { verdictSentence } from '@tfjs-noise/tune';
 *
 * const words = verdictSentence({
 *   task: 'classification',
 *   metric: 'accuracy',
 *   verdict: 'better-probabilities-only',
 *   setting: { kind: 'input', amount: 0.4 },
 *   gains: { accuracy: { mean: -0.8, se: 3.6, n: 10 }, logLoss: { mean: 0.17, se: 0.14, n: 10 } },
 *   evidence: 'paired over 10 cross-validation folds, +- one standard error',
 * });
 * console.log(words); // prints: no noise setting gave more right answers beyond chance: input
 * //   noise 0.4 gave better predicted probabilities (log-loss lower by 0.170 +- 0.140) but not
 * //   more right answers (-0.8 +- 3.6 accuracy points) (paired over 10 cross-validation folds,
 * //   +- one standard error). The recommended model has no noise, because the metric is
 * //   accuracy; metric logLoss would choose on predicted probabilities.
 * ```
 */
export function verdictSentence(input: VerdictInput): string {
  const parts: string[] = [];
  const warning = chanceWarning(input);
  // The condition is said once, first: in the warning when there is one, else before the claim.
  const under = input.condition ? `${input.condition}: ` : '';
  if (warning) parts.push(warning.replace(/^Warning: /, `Warning: ${under}`));
  const { claim, consequence } = main(input);
  const opening = warning ? capitalized(claim) : `${under}${claim}`;
  parts.push(`${opening} (${input.evidence}).`);
  if (consequence && input.recommends !== false) parts.push(consequence);
  const peer = peerWords(input);
  if (peer) parts.push(peer);
  return parts.join(' ');
}

/** `text` with its first letter in upper case (a claim that starts a sentence of its own). */
function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * The gain of `metric` in words: what improved (or got worse), with its interval.
 *
 * @example
 * ```ts
 * import { describeGain } from '@tfjs-noise/tune/blocks';
 *
 * console.log(describeGain('accuracy', { mean: -0.8, se: 3.6, n: 10 })); // prints: fewer right answers (-0.8 +- 3.6 accuracy points)
 * console.log(describeGain('logLoss', { mean: 0.17, se: 0.14, n: 10 })); // prints: better predicted probabilities (log-loss lower by 0.170 +- 0.140)
 * ```
 */
export function describeGain(metric: MetricName, g: PairedGain): string {
  const pm = `${fixed(Math.abs(g.mean), metric)} +- ${fixed(g.se, metric)}`;
  const up = g.mean >= 0;
  switch (metric) {
    case 'accuracy':
      return `${up ? 'more' : 'fewer'} right answers (${up ? '+' : '-'}${pm} accuracy points)`;
    case 'logLoss':
      return `${up ? 'better' : 'worse'} predicted probabilities (log-loss ${up ? 'lower' : 'higher'} by ${pm})`;
    case 'brier':
      return `${up ? 'better' : 'worse'} predicted probabilities (Brier score ${up ? 'lower' : 'higher'} by ${pm})`;
    default:
      return `${up ? 'lower' : 'higher'} error (${pm}% ${up ? 'lower' : 'higher'} MSE)`;
  }
}

/**
 * The signed gain with its unit.
 *
 * @example
 * ```ts
 * import { signedGain } from '@tfjs-noise/tune/blocks';
 *
 * console.log(signedGain('accuracy', { mean: 3.2, se: 1.1, n: 10 })); // prints: +3.2 +- 1.1 accuracy points
 * console.log(signedGain('mse', { mean: -2, se: 1.5, n: 10 })); // prints: -2.0 +- 1.5% lower MSE
 * ```
 */
export function signedGain(metric: MetricName, g: PairedGain): string {
  const s = `${g.mean >= 0 ? '+' : '-'}${fixed(Math.abs(g.mean), metric)} +- ${fixed(g.se, metric)}`;
  switch (metric) {
    case 'accuracy':
      return `${s} accuracy points`;
    case 'mse':
      return `${s}% lower MSE`;
    default:
      return `${s} lower ${metric === 'logLoss' ? 'log-loss' : 'Brier score'}`;
  }
}

function fixed(v: number, metric: MetricName): string {
  return formatNumber(v, metric === 'logLoss' || metric === 'brier' ? 3 : 1);
}

/** A setting's name for the words: `input noise 0.1`, `L2 0.01`, `dropout 0.2`. */
export function settingName(s: NoiseSetting): string {
  if (s.kind === 'l2') return `L2 ${s.amount}`;
  if (s.kind === 'dropout') return `dropout ${s.amount}`;
  if (s.kind === 'spatial-dropout') return `spatial dropout ${s.amount}`;
  // The convnet's snr kind: an amount in dB, more dB less noise.
  if (s.kind === 'snr') return `snr noise at ${s.amount} dB`;
  return `${s.kind} noise ${s.amount}`;
}

/** The other kind of score a user reads beside the metric (classification only). */
function otherMetric(input: VerdictInput): MetricName | null {
  if (input.task !== 'classification') return null;
  if (input.metric !== 'accuracy') return input.gains.accuracy ? 'accuracy' : null;
  const c = input.criterion;
  const order: MetricName[] =
    c && c !== 'accuracy' ? [c, 'logLoss', 'brier'] : ['logLoss', 'brier'];
  return order.find((m) => input.gains[m]) ?? null;
}

/** The verdict itself (to be followed by the evidence), and what it means for the user. */
function main(input: VerdictInput): { claim: string; consequence?: string } {
  const { metric, gains, setting } = input;
  const g = gains[metric];
  const other = otherMetric(input);
  const o = other ? gains[other] : undefined;
  const name = input.name ?? (setting ? settingName(setting) : null);
  const what = metric === 'accuracy' ? 'more right answers' : metricWords(metric);
  switch (input.verdict) {
    case 'helps': {
      const mine = g ? describeGain(metric, g) : metric;
      if (!o || !other) return { claim: `noise helps here: ${name} gave ${mine} than no noise` };
      const joint = o.mean >= 0 ? 'and' : 'but';
      return {
        claim: `noise helps here: ${name} gave ${mine} ${joint} ${describeGain(other, o)} than no noise`,
      };
    }
    case 'better-probabilities-only':
    case 'more-right-answers-only': {
      const gained = o && other ? describeGain(other, o) : 'a gain in another score';
      const lost = g ? ` (${signedGain(metric, g)})` : '';
      const switchTo = metric === 'accuracy' ? 'logLoss' : 'accuracy';
      const on = switchTo === 'accuracy' ? 'right answers' : 'predicted probabilities';
      return {
        claim: `no noise setting gave ${what} beyond chance: ${name} gave ${gained} but not ${what}${lost}`,
        consequence: `The recommended model has no noise, because the metric is ${metric}; metric ${switchTo} would choose on ${on}.`,
      };
    }
    default: {
      const closest = name && g ? ` (closest: ${name}, ${signedGain(metric, g)})` : '';
      return {
        claim: `no noise setting beat no noise beyond chance in ${metric}${closest}`,
        consequence: 'The recommended model has no noise.',
      };
    }
  }
}

function metricWords(metric: MetricName): string {
  if (metric === 'mse') return 'lower error';
  return 'better predicted probabilities';
}

function chanceWarning(input: VerdictInput): string | null {
  const c = input.chance;
  if (!c || c.beaten || !c.gain) return null;
  const scores =
    c.predictor === 'majority'
      ? `(${pct(c.modelScore)} accuracy) does not beat always answering ${
          c.classIndex === null
            ? 'the most frequent class'
            : `'${input.classNames?.[c.classIndex] ?? `class ${c.classIndex}`}'`
        } (${pct(c.score)})`
      : `(MSE ${formatNumber(c.modelScore, 3)}) does not beat always predicting the training ` +
        `mean (MSE ${formatNumber(c.score, 3)})`;
  // Under a condition the clean rows may tell another story: "learned little" is not known here.
  const after = input.condition
    ? '; on clean rows it may (see the clean scores), so read what follows with care.'
    : '; it has learned little from these features, so read what follows with care.';
  return (
    `Warning: without noise the model ${scores} beyond chance (the chance baseline: ` +
    `${signedGain(input.metric, chanceRow(input.metric, c))} over no noise)${withChoice(input)}${after}`
  );
}

/**
 * The chance baseline's gain over no noise (the table's chance row: for MSE, as a share of no
 * noise's mean MSE), from the model's gain over the chance baseline (as a share of its MSE).
 */
function chanceRow(metric: MetricName, c: ChanceComparison): PairedGain {
  const g = c.gain!;
  const k =
    metric === 'mse' && c.predictor === 'mean' && c.modelScore > 0 ? c.score / c.modelScore : 1;
  return { mean: -g.mean * k, se: g.se * k, n: g.n };
}

/** Whether the recommended noise got the model past the chance baseline, for the warning. */
function withChoice(input: VerdictInput): string {
  const choice = input.chance?.choice;
  if (!choice || !input.setting || input.verdict !== 'helps') return '';
  const name = input.name ?? settingName(input.setting);
  const score =
    input.chance!.predictor === 'majority'
      ? `${pct(choice.score)} accuracy`
      : `MSE ${formatNumber(choice.score, 3)}`;
  return choice.beaten
    ? `, but with ${name} it does (${score})`
    : `, and with ${name} it does not either (${score})`;
}

function pct(v: number): string {
  return `${(100 * v).toFixed(1)}%`;
}

function peerWords(input: VerdictInput): string | null {
  const peers = (input.peers ?? []).filter((p) => p.gain);
  if (peers.length === 0) return null;
  const rank = { better: 0, 'as good': 1, worse: 2 } as const;
  const best = [...peers].sort(
    (a, b) => rank[a.standing] - rank[b.standing] || b.gain!.mean - a.gain!.mean,
  )[0]!;
  const than =
    input.verdict === 'helps' && input.setting
      ? (input.name ?? settingName(input.setting))
      : 'no noise';
  const verb =
    best.standing === 'better'
      ? `does better here than ${than}`
      : best.standing === 'as good'
        ? `does about as well as ${than}`
        : `does worse than ${than}`;
  const versus =
    best.versusChoice && than !== 'no noise'
      ? versusWords(input, best.versusChoice, than, best.standing)
      : '';
  return `On the same folds, ${settingName(best.setting)} ${verb}: ${signedGain(input.metric, best.gain!)} over no noise${versus}.`;
}

/**
 * The paired difference of a peer and the recommended setting, in the unit of the gains over no
 * noise (for MSE, as a share of no noise's mean MSE: `versusChoice` is a share of the setting's,
 * which is `1 - gain / 100` of no noise's).
 */
function versusWords(
  input: VerdictInput,
  v: PairedGain,
  than: string,
  standing: PeerComparison['standing'],
): string {
  const g = input.gains[input.metric];
  const k = input.metric === 'mse' && g ? 1 - g.mean / 100 : 1;
  const by = differenceWords(input.metric, { mean: v.mean * k, se: v.se * k, n: v.n });
  if (standing === 'as good') {
    return `; the paired difference with ${than}, ${v.mean >= 0 ? '+' : '-'}${by}, is within chance`;
  }
  return v.mean >= 0
    ? `; it beats ${than} by ${by} (paired)`
    : `; ${than} beats it by ${by} (paired)`;
}

/**
 * The size of a paired difference of two settings, without its sign, in the unit of the gains
 * over no noise: `13.3 +- 5.9% of no noise's MSE`, `3.0 +- 1.0 accuracy points`,
 * `0.020 +- 0.010 in log-loss`.
 */
export function differenceWords(metric: MetricName, d: PairedGain): string {
  const pm = `${fixed(Math.abs(d.mean), metric)} +- ${fixed(d.se, metric)}`;
  switch (metric) {
    case 'mse':
      return `${pm}% of no noise's MSE`;
    case 'accuracy':
      return `${pm} accuracy points`;
    default:
      return `${pm} in ${metric === 'logLoss' ? 'log-loss' : 'Brier score'}`;
  }
}
