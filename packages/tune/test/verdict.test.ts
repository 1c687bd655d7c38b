/**
 * The words of a gain (search/verdict.ts): describeGain and signedGain, worked out by hand for
 * each metric and sign, with their units and digits (the values their JSDoc examples print).
 */
import { describe, expect, it } from 'vitest';
import { describeGain, signedGain } from '../src/blocks';

const gain = (mean: number, se: number) => ({ mean, se, n: 10 });

describe('describeGain', () => {
  it('says what improved or got worse, in the metric’s own unit, one digit for points and percent', () => {
    expect(describeGain('accuracy', gain(3.24, 1.06))).toBe(
      'more right answers (+3.2 +- 1.1 accuracy points)',
    );
    expect(describeGain('accuracy', gain(-0.8, 3.6))).toBe(
      'fewer right answers (-0.8 +- 3.6 accuracy points)',
    );
    expect(describeGain('mse', gain(12.34, 4))).toBe('lower error (12.3 +- 4.0% lower MSE)');
    expect(describeGain('mse', gain(-5, 2))).toBe('higher error (5.0 +- 2.0% higher MSE)');
  });

  it('gives probabilities three digits, and a zero gain counts as no loss', () => {
    expect(describeGain('logLoss', gain(0.17, 0.14))).toBe(
      'better predicted probabilities (log-loss lower by 0.170 +- 0.140)',
    );
    expect(describeGain('brier', gain(-0.0123, 0.004))).toBe(
      'worse predicted probabilities (Brier score higher by 0.012 +- 0.004)',
    );
    expect(describeGain('accuracy', gain(0, 1))).toBe(
      'more right answers (+0.0 +- 1.0 accuracy points)',
    );
  });
});

describe('tiny and huge gains', () => {
  it('show 2 significant digits where the fixed digits would print 0, and exponents for huge ones', () => {
    expect(describeGain('logLoss', gain(0.00042, 0.00031))).toBe(
      'better predicted probabilities (log-loss lower by 0.00042 +- 0.00031)',
    );
    expect(signedGain('brier', gain(-3.1e-7, 2e-8))).toBe('-3.1e-7 +- 2.0e-8 lower Brier score');
    expect(signedGain('accuracy', gain(0.04, 0.02))).toBe('+0.040 +- 0.020 accuracy points');
    expect(signedGain('mse', gain(-6.549949384398277e59, 1e58))).toBe(
      '-6.550e+59 +- 1.000e+58% lower MSE',
    );
    // Zero, and the rounding residue of a zero, stay written with the metric's digits.
    expect(signedGain('logLoss', gain(0, 0))).toBe('+0.000 +- 0.000 lower log-loss');
    expect(signedGain('accuracy', gain(4.7e-15, 4.3e-18))).toBe('+0.0 +- 0.0 accuracy points');
  });
});

describe('signedGain', () => {
  it('signs the gain and names its unit', () => {
    expect(signedGain('accuracy', gain(3.2, 1.1))).toBe('+3.2 +- 1.1 accuracy points');
    expect(signedGain('mse', gain(-2, 1.5))).toBe('-2.0 +- 1.5% lower MSE');
    expect(signedGain('logLoss', gain(0.05, 0.02))).toBe('+0.050 +- 0.020 lower log-loss');
    expect(signedGain('brier', gain(-0.0014, 0.0005))).toBe('-0.001 +- 0.001 lower Brier score');
  });
});
