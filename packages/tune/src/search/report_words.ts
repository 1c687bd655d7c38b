/**
 * The verdict of a search as a user reads it under the table: a headline of at most
 * {@link HEADLINE_MAX_WORDS} words that answers first (which noise, how much better, whether a
 * plain regularizer does as well), then the details in short lines, every number with its unit.
 *
 * Every gain is the table's: a paired difference over no noise on the same folds, positive when
 * better, in accuracy points, log-loss or Brier score lower by, or percent lower MSE as a share
 * of no noise's mean MSE (under the same condition). A comparison of two settings (a peer and
 * the pick, the chance baseline and no noise) is the paired difference of their gains in that
 * same unit, so the numbers subtract.
 */
import { higherIsBetter, type MetricName } from '../train/metrics';
import type { NoiseSetting } from '../types';
import { edgeSentence } from './edge';
import { beyond, type PairedGain, pairedGain, userGain } from './gains';
import { formatNumber } from './numbers';
import type { SearchResult, SettingResult } from './options';
import { CHANCE_THRESHOLD } from './recommend';
import { robustnessCondition } from './robustness';
import { differenceWords, type PeerComparison, settingName } from './verdict';

/**
 * The hard cap on the headline's words (whitespace-separated): a longer headline drops its
 * condition, then its peer, then is cut.
 *
 * @example
 * ```ts
 * import { HEADLINE_MAX_WORDS, reportWords, type SearchResult } from '@tfjs-noise/tune';
 *
 * declare const result: SearchResult;
 * const { headline } = reportWords(result);
 * console.log(headline.split(/\s+/).length <= HEADLINE_MAX_WORDS); // always true
 * ```
 */
export const HEADLINE_MAX_WORDS = 30;

/**
 * The verdict in lines: the headline, then the details.
 *
 * @example
 * ```ts
 * import { MLP_BUILDER, reportWords, searchNoise } from '@tfjs-noise/tune';
 *
 * const grid = { kinds: ['input'], amounts: [0, 0.1] };
 * const options = { task: 'classification', grid, builder: MLP_BUILDER } as const;
 * const { headline, details } = reportWords(await searchNoise({ x, y }, options));
 * console.log([headline, ...details].join('\n'));
 * ```
 */
export interface ReportWords {
  /** The answer, at most {@link HEADLINE_MAX_WORDS} words. */
  headline: string;
  /** The details, one short sentence each: warnings, scores, the clean cost, peers, evidence. */
  details: string[];
}

type Metrics = { [M in MetricName]?: number[] };

const LABEL: { [M in MetricName]: string } = {
  accuracy: 'accuracy',
  logLoss: 'log-loss',
  brier: 'Brier score',
  mse: 'MSE',
};

const capitalized = (t: string) => t.charAt(0).toUpperCase() + t.slice(1);

/** Word count of a line (whitespace-separated). */
export function wordCount(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}

const mean = (v: readonly number[] | undefined) =>
  v?.length ? v.reduce((a, b) => a + b, 0) / v.length : Number.NaN;

/** A gain's size in its unit, without a sign: `43.5%`, `3.2 points`, `0.040`. */
function size(metric: MetricName, v: number): string {
  const a = Math.abs(v);
  if (metric === 'mse') return `${formatNumber(a, 1)}%`;
  if (metric === 'accuracy') return `${formatNumber(a, 1)} points`;
  return formatNumber(a, 3);
}

/** `43.5 +- 21.0%`, `3.2 +- 1.1 points`, `0.040 +- 0.010` (the mean without its sign). */
function interval(metric: MetricName, g: PairedGain): string {
  const d = metric === 'logLoss' || metric === 'brier' ? 3 : 1;
  const unit = metric === 'mse' ? '%' : metric === 'accuracy' ? ' points' : '';
  return `${formatNumber(Math.abs(g.mean), d)} +- ${formatNumber(g.se, d)}${unit}`;
}

/**
 * A gain over no noise in words, its sign said: `43.5 +- 21.0% lower MSE`,
 * `3.2 +- 1.1 more accuracy points`, `log-loss lower by 0.040 +- 0.010`.
 */
export function gainWords(metric: MetricName, g: PairedGain, withSe = true): string {
  const up = g.mean >= 0;
  const v = withSe ? interval(metric, g) : size(metric, g.mean);
  switch (metric) {
    case 'mse':
      return `${v} ${up ? 'lower' : 'higher'} MSE`;
    case 'accuracy':
      return `${v.replace(/ points$/, '')} ${up ? 'more' : 'fewer'} accuracy points`;
    default:
      return `${LABEL[metric]} ${up ? 'lower' : 'higher'} by ${v}`;
  }
}

/** A score in its metric: `MSE 0.219`, `accuracy 85.0%`, `log-loss 0.312`. */
function score(metric: MetricName, v: number): string {
  if (metric === 'accuracy') return `accuracy ${formatNumber(100 * v, 1)}%`;
  return `${LABEL[metric]} ${formatNumber(v, 3)}`;
}

/** A bare score value: `0.219`, `85.0%`. */
function value(metric: MetricName, v: number): string {
  return metric === 'accuracy' ? `${formatNumber(100 * v, 1)}%` : formatNumber(v, 3);
}

/**
 * The paired difference `a` minus `b` (positive: `a` better) in the unit of the gains over no
 * noise: for MSE, percent of no noise's mean MSE `baseline` (so that it is the difference of the
 * two settings' gains); else as {@link userGain}.
 */
function between(
  metric: MetricName,
  a: readonly number[],
  b: readonly number[],
  baseline: readonly number[],
  folds: number,
): PairedGain | null {
  if (metric !== 'mse') return userGain(metric, a, b, folds);
  const scale = mean(baseline);
  if (!(scale > 0)) return null;
  const rel = (v: readonly number[]) => v.map((s) => (100 * s) / scale);
  return pairedGain(rel(a), rel(b), folds, higherIsBetter(metric));
}

/**
 * The verdict of a search as a headline and short lines of detail (see {@link ReportWords}),
 * from its full result (and the class names, to name the majority class): under `robustness`, the clean scores are read beside the corrupted ones
 * (the cost of the choice on clean rows; whether a model that fails against chance fails only
 * under the corruption).
 *
 * @example
 * ```ts
 * import { MLP_BUILDER, reportWords, searchNoise } from '@tfjs-noise/tune';
 *
 * const grid = { kinds: ['input'], amounts: [0, 0.2, 0.4] };
 * const options = { task: 'regression', grid, builder: MLP_BUILDER, robustness: { stddev: 1 } } as const;
 * const words = reportWords(await searchNoise({ x, y }, options));
 * console.log(words.headline); // e.g. Use input noise 0.8: 30.1% lower MSE than no noise ...
 * for (const line of words.details) console.log(line);
 * ```
 */
export function reportWords(
  result: SearchResult,
  options: { classNames?: readonly string[] | null } = {},
): ReportWords {
  const { metric, folds } = result;
  const rec = result.recommendation;
  const robust = result.robustness ?? null;
  const condition = robust ? robustnessCondition(robust) : null;
  const used = (r: SettingResult): Metrics =>
    ((robust && r.corrupted?.metrics) || r.metrics) as Metrics;
  const base = result.baseline;
  const baseUsed = used(base);
  const rowOf = (s: NoiseSetting | null, peer = false) =>
    s
      ? (result.rows.find(
          (r) => r.kind === s.kind && r.amount === s.amount && !r.peer === !peer && !r.failed,
        ) ?? null)
      : null;
  const overNone = (r: SettingResult, m: MetricName = metric) =>
    userGain(m, used(r)[m] ?? [], baseUsed[m] ?? [], folds);
  const pick = rec.helps ? rowOf(rec.setting) : null;
  const contender = rowOf(rec.contender);
  const other = otherMetric(result);
  const evidence =
    `Gains are paired over ${baseUsed[metric]?.length ?? 0} cross-validation folds, ` +
    '+- one standard error' +
    (rec.level !== null && Number.isFinite(rec.threshold)
      ? `; noise only beyond ${rec.threshold.toFixed(1)} standard errors ` +
        `(a ${+(100 * rec.level).toFixed(1)}% risk of noise when none helps).`
      : '.');

  // The peers, each against the pick (or no noise) by the paired difference in the same unit.
  const chosenUsed = pick ? used(pick) : baseUsed;
  const chosenName = pick ? settingName(pick) : 'no noise';
  const peers = rec.peers.flatMap((p) => {
    const row = rowOf(p.setting, true);
    const gain = row && overNone(row);
    if (!row || !gain) return [];
    const diff = pick
      ? between(
          metric,
          used(row)[metric] ?? [],
          chosenUsed[metric] ?? [],
          baseUsed[metric] ?? [],
          folds,
        )
      : gain;
    return [{ name: settingName(p.setting), gain, diff, standing: p.standing }];
  });
  const rank = { better: 0, 'as good': 1, worse: 2 } as const;
  const lead = [...peers].sort(
    (a, b) => rank[a.standing] - rank[b.standing] || b.gain.mean - a.gain.mean,
  )[0];

  const details: string[] = [...chanceLines(result, used, options.classNames)];
  let headlines: string[];
  const m = LABEL[metric];
  const on = condition ? ` ${condition}` : '';
  switch (rec.verdict) {
    case 'helps': {
      const g = pick && overNone(pick);
      const name = chosenName;
      const effect = g ? gainWords(metric, g, false) : `better ${m}`;
      const peerShort = lead
        ? `; ${lead.name} (plain regularizer) ${lead.standing === 'better' ? 'did better' : lead.standing === 'as good' ? 'did about as well' : 'did worse'}: ${gainWords(metric, lead.gain, false)}`
        : '';
      headlines = [
        `Use ${name}: ${effect} than no noise${on}${peerShort}.`,
        `Use ${name}: ${effect} than no noise${condition ? ' on corrupted rows' : ''}${peerShort}.`,
        `Use ${name}: ${effect} than no noise.`,
      ];
      if (pick && g) {
        details.push(scoresLine(name, pick, base, used, metric, g, condition));
        const o = other && overNone(pick, other);
        if (other && o) details.push(`Also ${gainWords(other, o)} than no noise.`);
      }
      break;
    }
    case 'better-probabilities-only':
    case 'more-right-answers-only': {
      const name = contender ? settingName(contender) : 'a noise setting';
      const o = contender && other ? overNone(contender, other) : null;
      const g = contender ? overNone(contender) : null;
      const gained = other === 'accuracy' ? 'more right answers' : 'better predicted probabilities';
      const notWhat = metric === 'accuracy' ? 'more right answers' : `better ${m}`;
      headlines = [
        `Use no noise for ${m}: ${name} gave ${gained}${o && other ? ` (${gainWords(other, o, false)})` : ''} but not ${notWhat}${on}.`,
        `Use no noise for ${m}: ${name} gave ${gained} but not ${notWhat}.`,
      ];
      if (contender && g)
        details.push(scoresLine(name, contender, base, used, metric, g, condition));
      if (other && o)
        details.push(`${capitalized(gainWords(other, o))} than no noise, beyond chance.`);
      const switchTo = metric === 'accuracy' ? 'logLoss' : 'accuracy';
      details.push(
        `The recommended model has no noise, because the metric is ${metric}; metric ${switchTo} would choose on ${switchTo === 'accuracy' ? 'right answers' : 'predicted probabilities'}.`,
      );
      break;
    }
    default: {
      const g = contender ? overNone(contender) : null;
      const closest =
        contender && g
          ? ` (closest: ${settingName(contender)}, ${gainWords(metric, g, false)})`
          : '';
      const peerShort =
        lead && lead.standing === 'better'
          ? `; ${lead.name} (plain regularizer) did better: ${gainWords(metric, lead.gain, false)}`
          : '';
      headlines = [
        `Use no noise: no noise setting beat it beyond chance in ${m}${on}${closest}${peerShort}.`,
        `Use no noise: no noise setting beat it beyond chance in ${m}${closest}${peerShort}.`,
        `Use no noise: no noise setting beat it beyond chance in ${m}.`,
      ];
      if (contender && g) {
        details.push(
          scoresLine(
            `The closest, ${settingName(contender)}`,
            contender,
            base,
            used,
            metric,
            g,
            condition,
          ),
        );
        const o = other && overNone(contender, other);
        if (other && o) details.push(`${capitalized(gainWords(other, o))} than no noise.`);
      }
      break;
    }
  }
  if (pick && robust) details.push(cleanCostLine(pick, base, metric, folds));
  for (const p of peers) details.push(peerLine(p, metric, chosenName, !!pick));
  if (rec.atEdge && pick) {
    details.push(edgeSentence(pick, result.searched?.builder?.lessNoise));
  }
  details.push(evidence);
  const headline =
    headlines.find((h) => wordCount(h) <= HEADLINE_MAX_WORDS) ??
    `${headlines.at(-1)!.split(/\s+/).slice(0, HEADLINE_MAX_WORDS).join(' ')}`;
  return { headline, details };
}

/** The other kind of score of a classification (the criterion, or accuracy), else null. */
function otherMetric(result: SearchResult): MetricName | null {
  if (result.task !== 'classification') return null;
  const { metric, criterion } = result;
  if (criterion !== metric) return criterion;
  return metric === 'accuracy' ? null : 'accuracy';
}

/** `input noise 0.4 under ...: MSE 0.719 against 1.273 for no noise, 43.5 +- 21.0% lower MSE.` */
function scoresLine(
  name: string,
  row: SettingResult,
  base: SettingResult,
  used: (r: SettingResult) => Metrics,
  metric: MetricName,
  g: PairedGain,
  condition: string | null,
): string {
  const a = mean(used(row)[metric]);
  const b = mean(used(base)[metric]);
  return (
    `${capitalized(name)}${condition ? `, ${condition}` : ''}: ${score(metric, a)} against ${value(metric, b)} ` +
    `for no noise, ${gainWords(metric, g)}.`
  );
}

/** What the pick does on clean rows (under robustness): its cost, or its gain. */
function cleanCostLine(
  pick: SettingResult,
  base: SettingResult,
  metric: MetricName,
  folds: number,
): string {
  const a = mean(pick.metrics[metric]);
  const b = mean(base.metrics[metric]);
  const g = userGain(metric, pick.metrics[metric] ?? [], base.metrics[metric] ?? [], folds);
  const what = !g
    ? ''
    : g.mean < 0
      ? ` (${gainWords(metric, g)} than no noise: the cost of the robustness)`
      : ` (${gainWords(metric, g)} than no noise: no cost)`;
  return `On clean rows, ${settingName(pick)} gives ${score(metric, a)} against ${value(metric, b)} for no noise${what}.`;
}

/** One peer: its gain over no noise, and the paired difference that says better or worse. */
function peerLine(
  p: {
    name: string;
    gain: PairedGain;
    diff: PairedGain | null;
    standing: PeerComparison['standing'];
  },
  metric: MetricName,
  chosenName: string,
  againstPick: boolean,
): string {
  const head = `${p.name} (plain regularizer, compared, never chosen): ${gainWords(metric, p.gain)} than no noise`;
  if (!againstPick || !p.diff) {
    const beyondWords =
      p.standing === 'as good'
        ? 'within chance'
        : `${p.standing === 'better' ? 'better' : 'worse'}, beyond chance`;
    return `${head} (${beyondWords}).`;
  }
  const by = differenceWords(metric, p.diff);
  if (p.standing === 'as good') {
    return `${head}; the paired difference with ${chosenName}, ${p.diff.mean >= 0 ? '+' : '-'}${by}, is within chance.`;
  }
  return p.standing === 'better'
    ? `${head}; it beats ${chosenName} by ${by} (paired).`
    : `${head}; ${chosenName} beats it by ${by} (paired).`;
}

/**
 * The chance warning, when the model without noise does not beat always answering the majority
 * class or the training mean (on the scores the choice used). Its number is the table's chance
 * row (the chance baseline's gain over no noise). Under robustness, the clean rows say whether
 * the model learned little, or fails only under the corruption.
 */
function chanceLines(
  result: SearchResult,
  used: (r: SettingResult) => Metrics,
  classNames: readonly string[] | null | undefined,
): string[] {
  const c = result.recommendation.chance;
  if (!c || c.beaten || !c.gain) return [];
  const { metric, folds } = result;
  const base = result.baseline;
  const chanceMetrics = result.chance.metrics as Metrics;
  const headline: MetricName = c.predictor === 'majority' ? 'accuracy' : 'mse';
  const what =
    c.predictor === 'majority'
      ? `always answering ${c.classIndex === null ? 'the most frequent class' : `'${classNames?.[c.classIndex] ?? `class ${c.classIndex}`}'`}`
      : 'always predicting the training mean';
  const row = userGain(metric, chanceMetrics[metric] ?? [], used(base)[metric] ?? [], folds);
  const rowWords = row ? `; the chance row: ${gainWords(metric, row)} than no noise` : '';
  const robust = result.robustness ?? null;
  const under = robust ? ` ${robustnessCondition(robust)}` : '';
  const lines = [
    `Warning: without noise the model${under} (${score(headline, c.modelScore)}) does not beat ${what} (${score(headline, c.score)}) beyond chance${rowWords}.`,
  ];
  // On clean rows first (the same model), then the recommended noise under the corruption.
  let cleanBeats = false;
  if (robust) {
    const clean = userGain(metric, base.metrics[metric] ?? [], chanceMetrics[metric] ?? [], folds);
    const cleanScore = mean(base.metrics[headline]);
    cleanBeats = beyond(clean, CHANCE_THRESHOLD);
    lines.push(
      cleanBeats
        ? `On clean rows the model without noise does beat it (${score(headline, cleanScore)} against ${value(headline, c.score)}): it fails only under the added corruption.`
        : `On clean rows the model without noise does not beat it either (${score(headline, cleanScore)} against ${value(headline, c.score)}).`,
    );
  }
  const pick = result.recommendation.helps ? result.best : null;
  const choice = c.choice;
  if (choice && pick) {
    lines.push(
      choice.beaten
        ? `With ${settingName(pick)}, the model beats it${under} (${score(headline, choice.score)}).`
        : `With ${settingName(pick)}, the model does not beat it either${under} (${score(headline, choice.score)}).`,
    );
  }
  if (cleanBeats) return lines;
  lines.push('It has learned little from these features: read what follows with care.');
  return lines;
}
