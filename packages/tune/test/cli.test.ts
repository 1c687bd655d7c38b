import {
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { loadFromDir } from 'tfjs-noise/node';
import { afterAll, describe, expect, it } from 'vitest';
import { parseCliArgs } from '../src/cli/args';
import { parseCsv, toDataset } from '../src/cli/csv';
import { main } from '../src/cli/main';
import { plotSpec, renderSvg } from '../src/cli/plot';
import { UsageError } from '../src/cli/usage_error';
import { loadTabularModel, type SearchResult, Standardizer } from '../src/index';
import { version } from '../src/version';

const dir = mkdtempSync(join(tmpdir(), 'tune-cli-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** Runs the CLI in-process, collecting its output lines. */
async function run(argv: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out, err };
}

describe('CLI arguments', () => {
  it('has defaults and parses every flag', () => {
    const a = parseCliArgs(['d.csv', '--target', 'y']);
    expect(a).toMatchObject({
      file: 'd.csv',
      target: 'y',
      task: undefined,
      folds: 5,
      repeats: 'auto',
      kinds: null,
      amounts: null,
      criterion: undefined,
      threshold: undefined,
      rule: undefined,
      level: undefined,
      earlyStopping: undefined,
      save: undefined,
      epochs: 100,
      batchSize: undefined,
      seed: 0,
      backend: 'wasm',
      progress: 'auto',
      out: 'report',
    });
    const b = parseCliArgs(
      'd.csv --target y --task regression --folds 3 --kinds input,activation --amounts 0,0.5 --epochs 7 --batch-size 8 --seed=-3 --workers 0 --backend cpu --out r'.split(
        ' ',
      ),
    );
    expect(b).toMatchObject({
      task: 'regression',
      folds: 3,
      kinds: ['input', 'activation'],
      amounts: [0, 0.5],
      epochs: 7,
      batchSize: 8,
      seed: -3,
      workers: 0,
      backend: 'cpu',
      out: 'r',
    });
  });

  it('reads negative numbers as values, and --metric, --peers, --features, --ignore, --version', () => {
    const a = parseCliArgs(
      'd.csv --target y --seed -1 --metric logLoss --peers l2:0.001 --ignore id,name'.split(' '),
    );
    expect(a).toMatchObject({
      seed: -1,
      metric: 'logLoss',
      peers: [{ kind: 'l2', amount: 0.001 }],
      ignore: ['id', 'name'],
      features: null,
    });
    expect(parseCliArgs('d.csv --target y --peers none --features a,b'.split(' '))).toMatchObject({
      peers: [],
      features: ['a', 'b'],
    });
    expect(parseCliArgs(['--version']).version).toBe(true);
  });

  it('--version prints the version; --metric must fit the task', async () => {
    const v = await run(['--version']);
    expect(v).toEqual({ code: 0, out: [`tfjs-noise-tune ${version}`], err: [] });
    const path = join(dir, 'metric.csv');
    writeFileSync(path, 'a,y\n1,x\n2,z\n3,x\n4,z\n5,x\n6,z\n');
    const r = await run([path, '--target', 'y', '--metric', 'mse']);
    expect(r.code).toBe(2);
    expect(r.err).toEqual([
      'tfjs-noise-tune: error: --metric mse does not apply to classification (use accuracy or logLoss or brier).',
    ]);
    const k = await run([path, '--target', 'y', '--peers', 'ridge:1']);
    expect(k.err).toEqual([
      "tfjs-noise-tune: error: --peers: unknown noise kind 'ridge' (kinds: none, input, weight, activation, preactivation, gradient, dropout, l2).",
    ]);
  });

  it('rejects bad flags with a UsageError naming the flag and the value', () => {
    const bad: [string, string][] = [
      ['d.csv --target y --folds 1.5', "--folds must be an integer >= 2, but got '1.5'."],
      ['d.csv --target y --amounts 0,x', "--amounts must be decimal numbers >= 0, but got 'x'."],
      [
        'd.csv --target y --amounts 0x1F',
        "--amounts must be decimal numbers >= 0, but got '0x1F'.",
      ],
      ['d.csv --target y --threshold=-1', "--threshold must be a number >= 0, but got '-1'."],
      [
        'd.csv --target y --criterion auc',
        "--criterion must be one of accuracy, logLoss, brier, mse, but got 'auc'.",
      ],
      [
        'd.csv --target y --rule vote',
        "--rule must be one of max-t, paired, best-mean, but got 'vote'.",
      ],
      [
        'd.csv --target y --level 0.5',
        "--level must be a number > 0 and < 0.5 (e.g. 0.05), but got '0.5'.",
      ],
      ['d.csv --target y --repeats 0', "--repeats must be an integer >= 1, but got '0'."],
      [
        'd.csv --target y --early-stopping 0.9',
        "--early-stopping must be a number in (0, 0.5], but got '0.9'.",
      ],
      ['d.csv --target y --save=', "--save must be a folder path, but got ''."],
      ['d.csv --target y --amounts 0,0', "--amounts lists a value twice: '0,0'."],
      [
        'd.csv --target y --task ranking',
        "--task must be one of classification, regression, but got 'ranking'.",
      ],
      [
        'd.csv --target y --seed x',
        "--seed must be an integer from -9007199254740991 to 9007199254740991, but got 'x'.",
      ],
      ['d.csv --target y --nope', "unknown option '--nope' (see --help)."],
      // A negative value is read as the flag's value, and answered with the allowed range.
      ['d.csv --target y --folds -1', "--folds must be an integer >= 2, but got '-1'."],
      ['d.csv --target y --workers -2', "--workers must be an integer >= 0, but got '-2'."],
      [
        'd.csv --target y --metric auc',
        "--metric must be one of accuracy, logLoss, brier, mse, but got 'auc'.",
      ],
      [
        'd.csv --target y --peers l2',
        "--peers must be kind:amount items with amounts > 0 (for example l2:0.01,dropout:0.2) or none, but got 'l2'.",
      ],
      [
        'd.csv --target y --peers l2:-1',
        "--peers must be kind:amount items with amounts > 0 (for example l2:0.01,dropout:0.2) or none, but got 'l2:-1'.",
      ],
      [
        'd.csv --target y --robustness -1',
        "--robustness must be a finite number > 0, but got '-1'.",
      ],
      ['d.csv --target y --robustness 0', "--robustness must be a finite number > 0, but got '0'."],
      [
        'd.csv --target y --robustness 1e999',
        "--robustness must be a finite number > 0, but got '1e999'.",
      ],
      [
        'd.csv --target y --robustness Infinity',
        "--robustness must be a finite number > 0, but got 'Infinity'.",
      ],
      [
        'd.csv --target y --robustness one',
        "--robustness must be a finite number > 0, but got 'one'.",
      ],
      [
        'd.csv --target y --robustness-missing 1',
        "--robustness-missing must be a number in (0, 1), but got '1'.",
      ],
      [
        'd.csv --target y --robustness 1 --robustness-draws 0',
        "--robustness-draws must be an integer >= 1, but got '0'.",
      ],
      ['d.csv', 'missing --target <column> (the column to predict).'],
      ['--target y', 'missing the CSV file (usage: tfjs-noise-tune data.csv --target <column>).'],
    ];
    for (const [argv, message] of bad) {
      expect(() => parseCliArgs(argv.split(' '))).toThrow(new UsageError(message));
    }
  });
});

describe('CSV input', () => {
  it('parses with csv-parse (quotes, BOM, blank lines) and infers the task', () => {
    const t = parseCsv('\ufeffa,"b, quoted",y\n1,2,cat\n\n3,"4",dog\n', 'f.csv');
    expect(t.columns).toEqual(['a', 'b, quoted', 'y']);
    expect(t.lines).toEqual([2, 4]);
    const d = toDataset(t, 'y', undefined, 'f.csv');
    expect(d).toMatchObject({
      features: ['a', 'b, quoted'],
      x: [
        [1, 2],
        [3, 4],
      ],
      y: [0, 1],
      task: 'classification',
      inferred: true,
      classes: ['cat', 'dog'],
    });
    const reg = toDataset(parseCsv('a,y\n1,0.5\n2,1.5\n', 'f'), 'y', undefined, 'f');
    expect(reg).toMatchObject({ task: 'regression', y: [0.5, 1.5], classes: null });
    const numericClasses = toDataset(parseCsv('a,y\n1,10\n2,2\n3,10\n', 'f'), 'y', undefined, 'f');
    expect(numericClasses).toMatchObject({ classes: ['2', '10'], y: [1, 0, 1] });
  });

  it('names the line and column of bad data', () => {
    expect(() => parseCsv('a,a\n1,2\n', 'f.csv')).toThrow(
      "f.csv: the header names column 'a' twice.",
    );
    expect(() => parseCsv('a,b\n', 'f.csv')).toThrow('f.csv has a header but no data rows.');
    expect(() => toDataset(parseCsv('a,y\n1,x\n', 'f'), 'y', 'regression', 'f')).toThrow(
      "f: column 'y' must be numeric, but line 2 has 'x'.",
    );
    expect(() => toDataset(parseCsv('a,y\n1,x\n2,x\n', 'f'), 'y', undefined, 'f')).toThrow(
      "the target column 'y' has a single class (x)",
    );
  });
});

describe('CLI main (in-process)', () => {
  it('returns 2 with one error line for bad input', async () => {
    const path = join(dir, 'bad.csv');
    writeFileSync(path, 'a,b,y\n1,2,0\n3,oops,1\n');
    const r = await run([path, '--target', 'y']);
    expect(r.code).toBe(2);
    expect(r.out).toEqual([]);
    expect(r.err).toEqual([
      `tfjs-noise-tune: error: ${path}: column 'b' must be numeric, but line 3 has 'oops' (its other values are numbers: a typo? or pass --categorical b to treat its values as categories, or leave it out with --ignore b).`,
    ]);
  });

  it('refuses a bad --robustness with one line and exit 2, before any training', async () => {
    const path = join(dir, 'robust_bad.csv');
    writeFileSync(path, 'a,b,y\n1,2,0\n3,4,1\n5,6,0\n7,8,1\n');
    for (const value of ['-1', '0', 'NaN', 'inf', '1e400', '', 'x']) {
      const r = await run([path, '--target', 'y', '--workers', '0', '--robustness', value]);
      expect(r.code).toBe(2);
      expect(r.out).toEqual([]); // nothing printed: no search started
      expect(r.err).toEqual([
        `tfjs-noise-tune: error: --robustness must be a finite number > 0, but got '${value}'.`,
      ]);
    }
  });

  it('refuses --kinds x --amounts beyond 1000 settings with exit 2, before reading the data', async () => {
    const amounts = Array.from({ length: 501 }, (_, i) => i / 1000).join(',');
    const r = await run([
      'missing.csv',
      '--target',
      'y',
      '--kinds',
      'input,weight',
      '--amounts',
      amounts,
    ]);
    expect(r.code).toBe(2);
    expect(r.err).toEqual([
      'tfjs-noise-tune: error: --kinds x --amounts gives 1002 settings (2 kinds x 501 amounts), more than the limit of 1000; split the search into several.',
    ]);
  });

  it('runs a small regression search in-process and writes the report', async () => {
    const path = join(dir, 'reg.csv');
    const rows = Array.from({ length: 24 }, (_, i) => {
      const a = Math.sin(i);
      const b = Math.cos(3 * i);
      return `${a.toFixed(3)},${b.toFixed(3)},7,${(2 * a - b).toFixed(3)}`;
    });
    writeFileSync(path, `a,b,constant,y\n${rows.join('\n')}\n`);
    const out = join(dir, 'reg');
    const r = await run([
      path,
      '--target',
      'y',
      '--kinds',
      'input,none',
      '--amounts',
      '0,0.1',
      '--folds',
      '3',
      '--repeats',
      '1',
      '--epochs',
      '10',
      '--hidden',
      '8',
      '--workers',
      '0',
      '--backend',
      'cpu',
      '--progress',
      'none',
      '--out',
      out,
    ]);
    expect(r.err).toEqual([]);
    expect(r.code).toBe(0);
    expect(r.out[0]).toMatch(
      /24 rows, 3 features \(a, b, constant\); target 'y' \(regression, standardized target; task inferred, set --task to override\)\. Metric: mse \(the default for regression; set --metric to change\)\. Compared with: l2 0\.01, dropout 0\.2\./,
    );
    expect(r.out[1]).toMatch(
      /^kind\s+amount\s+mse \(mean \+- std, 3 folds\)\s+mse gain \(% lower, \+- se\)$/,
    );
    expect(r.out[2]).toMatch(/^chance\s+-\s.*\(always the training mean\)$/);
    // The verdict, once: a headline that answers first, then the details; the files last.
    const verdict = r.out.filter((l) => l.startsWith('recommendation: '));
    expect(verdict).toHaveLength(1);
    expect(verdict[0]).toMatch(
      /^recommendation: Use (\w+ noise [\d.]+: [\d.]+% (lower|higher) MSE than no noise|no noise: no noise setting beat it beyond chance in MSE)/,
    );
    expect(verdict[0]!.split(/\s+/).length - 1).toBeLessThanOrEqual(30);
    expect(r.out.at(-1)).toMatch(/^wrote .*results\.json/);
    const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'));
    expect(results.metric).toBe('mse');
    expect(results.higherIsBetter).toBe(false);
    expect(results.data.targetScale.std).toBeGreaterThan(0);
    // The constant column is flagged by the standardizer (std treated as 1).
    expect(results.standardizer.constant).toEqual([2]);
    expect(readFileSync(join(out, 'standardizer.json'), 'utf8')).toContain(
      '"constant": [\n    2\n  ]',
    );
  });
});

describe('--robustness', () => {
  it('shows the clean and the corrupted score, chooses on the corrupted one and records it', async () => {
    const path = join(dir, 'robust.csv');
    const rows = Array.from({ length: 30 }, (_, i) => {
      const a = Math.sin(i * 1.7);
      const b = Math.cos(i * 2.3);
      return `${a.toFixed(3)},${b.toFixed(3)},${a + b > 0 ? 'yes' : 'no'}`;
    });
    writeFileSync(path, `a,b,label\n${rows.join('\n')}\n`);
    const out = join(dir, 'robust');
    const args = `${path} --target label --kinds input --amounts 0.1 --folds 3 --repeats 1 --epochs 5 --hidden 4 --workers 0 --backend cpu --progress none --peers none --robustness 1 --out ${out}`;
    const r = await run(args.split(' '));
    expect(r.err).toEqual([]);
    expect(r.code).toBe(0);
    expect(r.out[0]).toMatch(
      / Chosen for robustness: held-out rows also scored under input noise of 1 std\.$/,
    );
    expect(r.out[1]).toMatch(
      /^kind\s+amount\s+accuracy \(mean \+- std, 3 folds\)\s+accuracy corrupted \(mean \+- std\)\s+accuracy gain, corrupted \(points, \+- se\)\s+logLoss gain, corrupted \(lower by, \+- se\)$/,
    );
    const verdict = r.out.filter((l) => l.startsWith('recommendation: '));
    expect(verdict).toHaveLength(1);
    expect(verdict[0]).toMatch(/^recommendation: Use .* under input noise of 1 std/);
    const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'));
    expect(results.search.robustness).toMatchObject({
      stddev: 1,
      missing: 0,
      condition: 'under input noise of 1 std',
    });
    for (const row of results.rows) {
      expect(row.corrupted.metrics.accuracy).toHaveLength(3);
      expect(row.corrupted.scores).toEqual(row.corrupted.metrics.accuracy);
    }
    expect(results.recommendation.condition).toBe('under input noise of 1 std');
    // results.json keeps the verdict as printed.
    expect(`recommendation: ${results.report.headline}`).toBe(verdict[0]);
    expect(readFileSync(join(out, 'cv_score.svg'), 'utf8')).toContain(
      'CV accuracy under input noise of 1 std, per noise kind',
    );
  });
});

describe('--save', () => {
  it('trains the recommendation on all rows and writes a model plain tfjs loads', async () => {
    const path = join(dir, 'cls.csv');
    const rows = Array.from({ length: 30 }, (_, i) => {
      const a = Math.sin(i * 1.7);
      const b = Math.cos(i * 2.3);
      return `${a.toFixed(3)},${b.toFixed(3)},${a + b > 0 ? 'yes' : 'no'}`;
    });
    writeFileSync(path, `a,b,label\n${rows.join('\n')}\n`);
    const save = join(dir, 'final');
    const args = `${path} --target label --kinds input --amounts 0.1 --folds 3 --repeats 1 --epochs 5 --hidden 4 --workers 0 --backend cpu --progress none`;
    const r = await run([...args.split(' '), '--out', join(dir, 'cls'), '--save', save]);
    expect(r.err).toEqual([]);
    expect(r.code).toBe(0);
    // The verdict, then the report files, then the saved model: the verdict printed once.
    expect(r.out.at(-1)).toMatch(
      /^saved the final model \((no noise|input noise 0\.1), trained on all 30 rows\)/,
    );
    expect(r.out.at(-2)).toMatch(/^wrote /);
    expect(r.out.filter((l) => l.startsWith('recommendation: Use '))).toHaveLength(1);
    expect(existsSync(join(save, 'target.json'))).toBe(false);
    const tabular = await loadTabularModel(save);
    expect(tabular.metadata).toMatchObject({
      target: 'label',
      task: 'classification',
      classes: ['no', 'yes'],
      inputs: ['a', 'b'],
    });
    tabular.dispose();
    const plainJson = readFileSync(join(save, 'plain', 'model.json'), 'utf8');
    expect(plainJson).not.toMatch(/GaussianJitter|WeightNoise/);
    const plain = await tf.loadLayersModel(loadFromDir(join(save, 'plain')));
    const noisy = await tf.loadLayersModel(loadFromDir(join(save, 'model')));
    // Raw rows: the standardization is the models' first layer.
    const x = tf.tensor2d([
      [0.5, -0.2],
      [-1, 0.3],
    ]);
    const p1 = (plain.predict(x) as tf.Tensor).dataSync();
    const p2 = (noisy.predict(x) as tf.Tensor).dataSync();
    expect(Array.from(p1)).toEqual(Array.from(p2));
    x.dispose();
    plain.dispose();
    noisy.dispose();
  });

  it('a diverged training (--learning-rate 1e308) is an error with one line; nothing is saved', async () => {
    const path = join(dir, 'diverge.csv');
    const rows = Array.from({ length: 18 }, (_, i) => {
      const a = Math.sin(i * 1.7);
      const b = Math.cos(i * 2.3);
      return `${a.toFixed(3)},${b.toFixed(3)},${a + b > 0 ? 'yes' : 'no'}`;
    });
    writeFileSync(path, `a,b,label\n${rows.join('\n')}\n`);
    const save = join(dir, 'diverged-final');
    const args = `${path} --target label --kinds input --amounts 0.1 --folds 3 --repeats 1 --epochs 3 --hidden 4 --learning-rate 1e308 --workers 0 --backend cpu --progress none`;
    const r = await run([...args.split(' '), '--out', join(dir, 'diverge'), '--save', save]);
    expect(r.code).toBe(1);
    expect(r.err).toEqual([
      "tfjs-noise-tune: error: searchNoise: the training of no noise {kind: 'input', amount: 0} diverged (a non-finite loss or weight) on 3 of 3 folds: there is nothing to compare the noise with; lower the learning rate.",
    ]);
    expect(r.out.join('\n')).not.toMatch(/NaN/);
    expect(existsSync(join(save, 'model'))).toBe(false);
    expect(existsSync(join(save, 'plain'))).toBe(false);
  });

  it('replaces an earlier --save folder with symlinked files whole, never writing through them', async () => {
    const path = join(dir, 'links.csv');
    const rows = Array.from({ length: 20 }, (_, i) => `${Math.sin(i)},${i % 2 ? 'yes' : 'no'}`);
    writeFileSync(path, `a,label\n${rows.join('\n')}\n`);
    const save = join(dir, 'links-final');
    const links = ['model/model.json', 'plain/model.json', 'target.json', 'standardizer.json'];
    for (const [i, link] of links.entries()) {
      mkdirSync(dirname(join(save, link)), { recursive: true });
      writeFileSync(join(dir, `outside-${i}`), 'keep me');
      symlinkSync(join(dir, `outside-${i}`), join(save, link));
    }
    const args = `${path} --target label --kinds input --amounts 0.1 --folds 2 --repeats 1 --epochs 2 --hidden 2 --workers 0 --backend cpu --progress none`;
    const r = await run([...args.split(' '), '--out', join(dir, 'links'), '--save', save]);
    expect(r.err).toEqual([]);
    expect(r.code).toBe(0);
    for (const [i, link] of links.entries()) {
      expect(readFileSync(join(dir, `outside-${i}`), 'utf8')).toBe('keep me');
      if (link.includes('/')) expect(lstatSync(join(save, link)).isFile()).toBe(true);
      else expect(existsSync(join(save, link))).toBe(false);
    }
    const plain = await tf.loadLayersModel(loadFromDir(join(save, 'plain')));
    expect(plain.outputs[0]!.shape).toEqual([null, 1]);
    plain.dispose();
  });

  it('refuses an --out or --save path that is a file before searching (exit 2)', async () => {
    const file = join(dir, 'a-file');
    writeFileSync(file, 'x');
    for (const flag of ['--out', '--save']) {
      const r = await run(['missing.csv', '--target', 'y', flag, join(file, 'sub')]);
      expect(r.code).toBe(2);
      expect(r.err).toEqual([
        `tfjs-noise-tune: error: ${flag} ${join(file, 'sub')} cannot be created: ${file} is a file.`,
      ]);
    }
  });
});

describe('very large finite values', () => {
  it('features near 1e308 and +-1e155, targets +-1e200: finite table, files that load', async () => {
    const path = join(dir, 'huge.csv');
    const rows = Array.from({ length: 24 }, (_, i) => {
      const a = Math.sin(i);
      const b = Math.cos(3 * i);
      const t = 2 * a - b;
      return `${(a * 1.7e308).toExponential(6)},${(b * 1e155).toExponential(6)},${(t * 1e200).toExponential(6)}`;
    });
    writeFileSync(path, `a,b,y\n${rows.join('\n')}\n`);
    const args = `${path} --target y --kinds input --amounts 0.1 --folds 3 --repeats 1 --epochs 10 --hidden 8 --workers 0 --backend cpu --progress none`;
    const r = await run([...args.split(' '), '--out', join(dir, 'huge')]);
    expect(r.err).toEqual([]);
    expect(r.code).toBe(0);
    expect(r.out.join('\n')).not.toMatch(/NaN|Infinity/);
    const json = JSON.parse(readFileSync(join(dir, 'huge', 'standardizer.json'), 'utf8'));
    const s = Standardizer.fromJSON(json);
    expect(s.std[0]! / 1.7e308).toBeGreaterThan(0.5);
    expect(s.std[1]! / 1e155).toBeGreaterThan(0.5);
    const results = JSON.parse(readFileSync(join(dir, 'huge', 'results.json'), 'utf8'));
    expect(results.data.targetScale.std / 1e200).toBeGreaterThan(0.5);
    const z = s.transform([[1.7e308, -1e155]]);
    expect(z[0]!.every(Number.isFinite)).toBe(true);
  });

  it('--save refuses them before the search: the saved model takes raw float32 values', async () => {
    const path = join(dir, 'huge.csv');
    const save = join(dir, 'huge-final');
    const r = await run([path, '--target', 'y', '--save', save, '--out', join(dir, 'huge2')]);
    expect(r.code).toBe(2);
    expect(r.err).toEqual([
      "tfjs-noise-tune: error: --save: column 'a' has values near 1.70e+308, beyond float32 (3.4e38 and 1.2e-38), in which the saved model takes raw values: rescale it (other units) or leave out --save.",
    ]);
    expect(existsSync(save)).toBe(false);
  });
});

describe('plot', () => {
  it('draws a panel per kind with every amount labelled, the pick ringed and the baselines', async () => {
    const row = (kind: string, amount: number, mean: number, peer = false) => ({
      kind,
      amount,
      mean,
      std: 0.05,
      scores: [mean],
      metrics: { accuracy: [mean] },
      failed: false,
      ...(peer && { peer }),
    });
    const rows = [
      row('input', 0, 0.8),
      row('input', 0.1, 0.85),
      row('input', 0.4, 0.83),
      row('gradient', 0.0001, 0.79),
      row('gradient', 0.001, 0.7),
      row('l2', 0.01, 0.86, true),
    ];
    const result = {
      metric: 'accuracy',
      higherIsBetter: true,
      rows,
      baseline: rows[0],
      best: rows[1],
      recommendation: { helps: true, setting: { kind: 'input', amount: 0.1 } },
      chance: { predictor: 'majority', classIndex: 0, metrics: { accuracy: [0.6] } },
      folds: 5,
      repeats: 1,
    } as unknown as SearchResult;
    const spec = plotSpec(result) as {
      title: { text: string; subtitle: string };
      hconcat: unknown[];
    };
    expect(spec.title.text).toBe('CV accuracy per noise kind (mean +- std over 5 folds)');
    expect(spec.title.subtitle).toMatch(
      /ringed: the recommendation \(input 0\.1\).*red dashed: majority class/,
    );
    // input, gradient (its eta on an axis of its own) and the peers.
    expect(spec.hconcat).toHaveLength(3);
    // With robustness, the corrupted scores (the ones the choice used) and a title that says so.
    const robust = {
      ...result,
      robustness: { stddev: 1, missing: 0 },
      rows: rows.map((r) => ({ ...r, corrupted: { ...r, mean: r.mean - 0.3 } })),
    } as unknown as SearchResult;
    robust.baseline = robust.rows[0]!;
    robust.best = robust.rows[1]!;
    const noisy = plotSpec(robust) as typeof spec & {
      hconcat: {
        layer: { encoding: { y: { title: string | string[] } } }[];
        data: { values: { mean: number }[] };
      }[];
    };
    expect(noisy.title.text).toBe(
      'CV accuracy under input noise of 1 std, per noise kind (mean +- std over 5 folds; the choice used these scores)',
    );
    expect(noisy.hconcat[0]!.data.values.map((p) => p.mean)).toEqual(
      [0.5, 0.55, 0.53].map((v) => expect.closeTo(v, 12)),
    );
    expect(noisy.hconcat[0]!.layer[0]!.encoding.y.title).toEqual([
      'CV accuracy, corrupted',
      '(higher is better)',
    ]);
    const svg = await renderSvg(spec as never);
    expect(svg).toMatch(/^<svg[\s\S]*<\/svg>$/);
    for (const label of [
      '0.1',
      '0.4',
      '0.0001',
      '0.001',
      'l2 0.01',
      'no noise',
      'majority class',
    ]) {
      expect(svg).toContain(`>${label}<`);
    }
  });
});
