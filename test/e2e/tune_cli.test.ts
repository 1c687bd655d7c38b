import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

// Smoke test of the tfjs-noise-tune CLI (packages/tune), run from source with tsx in a fresh
// process with cwd at the repository root, as the README shows. It checks the printed table, the
// report files and the error handling; it asserts nothing about accuracy or time.
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'tfjs-noise-tune-'));

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** Output of a child Node process. */
type Run = { status: number | null; stdout: string; stderr: string };

/** Runs Node on `args` in `cwd` without blocking the test worker's event loop (vitest's RPC needs it). */
function node(args: string[], cwd: string, timeout: number): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd, timeout });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      stdout += d;
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      stderr += d;
    });
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

/** Runs the CLI from source, with cwd at the repository root. */
function cli(args: string[]): Promise<Run> {
  return node(['--import', 'tsx', 'packages/tune/src/cli/bin.ts', ...args], root, 110_000);
}

/** Two noisy rings with a distractor column; labels 'inner' / 'outer'. Deterministic. */
function ringsCsv(n: number): string {
  const lines = ['x1,x2,distractor,ring'];
  for (let i = 0; i < n; i++) {
    const inner = i % 2 === 1;
    const r = (inner ? 0.6 : 1) + 0.08 * Math.sin(7.3 * i);
    const a = (2 * Math.PI * i) / n;
    const d = ((i * 37) % 11) / 10;
    lines.push(
      `${(r * Math.cos(a)).toFixed(4)},${(r * Math.sin(a)).toFixed(4)},${d},${inner ? 'inner' : 'outer'}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describe('tfjs-noise-tune CLI', () => {
  it('prints the table and writes results.json and an SVG with one line per kind', async () => {
    const data = file('rings.csv', ringsCsv(60));
    const out = join(dir, 'report');
    const kinds = ['input', 'weight', 'activation'];
    const amounts = [0, 0.05, 0.2];
    const r = await cli([
      data,
      '--target',
      'ring',
      '--folds',
      '3',
      '--repeats',
      '1',
      '--kinds',
      kinds.join(','),
      '--amounts',
      amounts.join(','),
      '--epochs',
      '15',
      '--hidden',
      '16',
      '--seed',
      '7',
      '--out',
      out,
    ]);
    expect(r.stderr).not.toMatch(/error/i);
    expect(r.status).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toMatch(
      /rings\.csv: 60 rows, 3 features \(x1, x2, distractor\); target 'ring' \(classification, 2 classes: inner, outer.*Metric: accuracy \(the default for classification; set --metric to change\)\. Compared with: l2 0\.01, dropout 0\.2\./,
    );
    expect(r.stdout).toMatch(
      /^kind\s+amount\s+accuracy \(mean \+- std, 3 folds\)\s+accuracy gain \(points, \+- se\)\s+logLoss gain \(lower by, \+- se\)$/m,
    );
    expect(r.stdout).toMatch(/^chance\s+-\s+0\.\d{4} \+- .*\(always the majority class\)$/m);
    expect(r.stdout).toMatch(/^l2\s+0\.01\s+.*\(peer\)$/m);
    expect(r.stdout).toMatch(/^dropout\s+0\.2\s+.*\(peer\)$/m);
    for (const kind of kinds) {
      for (const amount of amounts) {
        expect(r.stdout).toMatch(
          new RegExp(`^${kind}\\s+${amount}\\s+[01]\\.\\d{4} \\+- \\d\\.\\d{4}`, 'm'),
        );
      }
    }
    // No line calls anything "best". Under the table, once: a headline that answers first (at
    // most 30 words), then the details, then the files written.
    expect(r.stdout).not.toMatch(/^best/m);
    const at = lines.findIndex((l) => l.startsWith('recommendation: '));
    expect(lines.filter((l) => l.startsWith('recommendation: '))).toHaveLength(1);
    const headline = lines[at]!.slice('recommendation: '.length);
    expect(headline.split(/\s+/).length).toBeLessThanOrEqual(30);
    expect(headline).toMatch(
      /^Use (\w+ noise [\d.]+: [\d.]+ (more|fewer) accuracy points than no noise|no noise( for accuracy)?: )/,
    );
    const rest = lines.slice(at + 1).filter(Boolean);
    const details = rest.filter((l) => l.startsWith('  ')).map((l) => l.trim());
    expect(rest.at(-1)).toMatch(/^wrote .*results\.json/);
    const results0 = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'));
    // A warning comes first exactly when the model without noise does not beat the majority class.
    expect(details[0]!.startsWith('Warning: without noise the model')).toBe(
      !results0.recommendation.chance.beaten,
    );
    // Each plain regularizer, as measured on the same folds, against the pick or no noise.
    for (const peer of ['L2 0.01', 'dropout 0.2']) {
      expect(
        details.some((d) => d.startsWith(`${peer} (plain regularizer, compared, never chosen): `)),
      ).toBe(true);
    }
    expect(results0.report).toEqual({ headline, details });

    const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'));
    expect(results.data).toMatchObject({
      rows: 60,
      features: ['x1', 'x2', 'distractor'],
      target: 'ring',
      task: 'classification',
      classes: ['inner', 'outer'],
    });
    expect(results.search).toMatchObject({ folds: 3, epochs: 15, seed: 7, backend: 'wasm' });
    expect(results.metric).toBe('accuracy');
    expect(results.rows).toHaveLength(kinds.length * amounts.length + 2);
    expect(results.rows.filter((r: { peer?: boolean }) => r.peer)).toHaveLength(2);
    expect(results.chance.predictor).toBe('majority');
    expect(results.recommendation.chance.score).toBeGreaterThan(0.4);
    for (const row of results.rows) {
      expect(row.scores).toHaveLength(3);
      expect(row.mean).toBeCloseTo(row.scores.reduce((a: number, b: number) => a + b, 0) / 3, 10);
    }
    expect(results.criterion).toBe('logLoss');
    expect(results.best).toMatchObject(results.recommendation.setting);
    expect(results.standardizer.format).toBe('tfjs-noise-tune/standardizer');
    expect(results.standardizer.columns).toEqual(['x1', 'x2', 'distractor']);

    const svg = readFileSync(join(out, 'cv_score.svg'), 'utf8');
    expect(svg).toMatch(/^<svg[\s\S]*<\/svg>$/);
    // One panel per kind (a line through its amounts) and one for the peers (points, no line),
    // every amount labelled, the baselines named.
    const lineMarks = svg.match(/<path[^>]*aria-roledescription="line mark"[^>]*>/g) ?? [];
    expect(lineMarks).toHaveLength(kinds.length);
    for (const kind of kinds) expect(svg).toContain(`>${kind} (stddev)<`);
    for (const label of ['0.05', '0.2', 'l2 0.01', 'dropout 0.2', 'no noise', 'majority class']) {
      expect(svg).toContain(`>${label}<`);
    }
  });

  describe('bad input: one line on stderr, exit code 2', () => {
    const cases: [string, string, string[], RegExp][] = [
      ['a malformed CSV', 'a,b,y\n1,2,0\n3\n', [], /is not valid CSV: .*line 3/],
      ['an unclosed quote', 'a,b,y\n1,"2,0\n', [], /is not valid CSV: Quote Not Closed/],
      [
        'a missing target column',
        'a,b,c\n1,2,0\n3,4,1\n',
        [],
        /--target 'y' is not a column of .* \(columns: a, b, c\)/,
      ],
      [
        'a non-numeric feature',
        'a,b,y\n1,2,0\n3,four,1\n',
        [],
        /column 'b' must be numeric, but line 3 has 'four'/,
      ],
      [
        'a missing feature value in every row',
        'a,b,y\n1,,0\n3,NA,1\n',
        [],
        /every row has a missing target 'y' or a missing feature value \(2 rows with a missing feature\)/,
      ],
      [
        'a bad flag value',
        'a,b,y\n1,2,0\n3,4,1\n',
        ['--folds', '1'],
        /--folds must be an integer >= 2, but got '1'/,
      ],
      [
        'an unknown kind',
        'a,b,y\n1,2,0\n3,4,1\n',
        ['--kinds', 'input,foo'],
        /unknown noise kind 'foo'/,
      ],
    ];
    for (const [name, text, extra, message] of cases) {
      it(name, async () => {
        const path = file(`${name.replace(/\W+/g, '_')}.csv`, text);
        const r = await cli([path, '--target', 'y', ...extra]);
        expect(r.status).toBe(2);
        expect(r.stdout).toBe('');
        const lines = r.stderr.split('\n').filter((l) => l !== '');
        expect(lines).toHaveLength(1);
        expect(lines[0]).toMatch(/^tfjs-noise-tune: error: /);
        expect(lines[0]).toMatch(message);
      });
    }

    it('a missing file', async () => {
      const r = await cli([join(dir, 'nope.csv'), '--target', 'y']);
      expect(r.status).toBe(2);
      expect(r.stderr.trim()).toMatch(
        /^tfjs-noise-tune: error: cannot read .*nope\.csv: no such file\.$/,
      );
    });
  });

  it("runs kind 'gradient' (tfn.train.annealedGradientNoise around Adam)", async () => {
    const path = file('gradient.csv', ringsCsv(20));
    const r = await cli([
      path,
      '--target',
      'ring',
      '--kinds',
      'gradient',
      '--amounts',
      '0,0.01',
      '--folds',
      '2',
      '--epochs',
      '2',
      '--hidden',
      '4',
      '--workers',
      '0',
      '--out',
      join(dir, 'g'),
    ]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^gradient\s+0\.01\s+/m);
  });

  it("packages/tune/README.md's predict.mjs runs as written in a fresh CommonJS project", async () => {
    const path = file('readme.csv', ringsCsv(24));
    const save = join(dir, 'readme-save');
    const r = await cli([
      path,
      '--target',
      'ring',
      '--kinds',
      'input',
      '--amounts',
      '0,0.1',
      '--peers',
      'none',
      '--folds',
      '2',
      '--repeats',
      '1',
      '--epochs',
      '3',
      '--hidden',
      '4',
      '--workers',
      '0',
      '--out',
      join(dir, 'readme-report'),
      '--save',
      save,
    ]);
    expect(r.status).toBe(0);
    const readme = readFileSync(join(root, 'packages/tune/README.md'), 'utf8');
    const block = /```js\n(\/\/ predict\.mjs\n[\s\S]*?)```/.exec(readme)?.[1];
    expect(block, 'the README has a js block starting with // predict.mjs').toBeDefined();
    // A fresh `npm init -y` project (CommonJS: no "type" field) inside the repository, so that
    // the workspace's installed packages resolve as an installed copy would.
    const project = mkdtempSync(join(root, 'test', '.readme-project-'));
    try {
      writeFileSync(
        join(project, 'package.json'),
        `${JSON.stringify({ name: 'fresh', version: '1.0.0', main: 'index.js', license: 'ISC' }, null, 2)}\n`,
      );
      cpSync(save, join(project, 'final'), { recursive: true });
      writeFileSync(join(project, 'predict.mjs'), block!);
      const out = await node(['predict.mjs'], project, 60_000);
      expect(out.stderr).not.toMatch(/Error/);
      expect(out.status).toBe(0);
      // Its row has none of this table's columns: the columns, then no prediction, listed.
      expect(out.stdout).toContain("[ 'x1', 'x2', 'distractor' ]");
      expect(out.stdout).toMatch(/prediction: null,[\s\S]*missing: \[ 'x1', 'x2', 'distractor' \]/);
    } finally {
      rmSync(project, { recursive: true, force: true });
    }
  });
});
