import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

// Every flag of every runnable script is checked before anything runs: a bad value, an unknown
// flag or a bad --backend prints one line on stderr (no stack trace) and exits with code 2;
// nothing is written or overwritten. The other flags keep the runs short in case one slips by.
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'tfjs-noise-flags-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(args: string[]): Promise<Ran> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', ...args],
      { cwd: root, encoding: 'utf8', timeout: 90_000 },
      (error, stdout, stderr) => {
        const code = error ? ((error as { code?: number }).code ?? null) : 0;
        resolve({ code: typeof code === 'number' ? code : null, stdout, stderr });
      },
    );
  });
}

/** Runs `script` with each bad command line; each must fail with code 2 and one line. */
async function expectRejected(script: string, name: string, cases: [string[], RegExp][]) {
  const results = await Promise.all(cases.map(([args]) => run([script, ...args])));
  results.forEach((r, i) => {
    const [args, message] = cases[i]!;
    const what = `${script} ${args.join(' ')}`;
    expect(r.code, what).toBe(2);
    expect(r.stdout, what).toBe('');
    expect(r.stderr.endsWith('\n'), what).toBe(true);
    expect(r.stderr.trimEnd().split('\n'), what).toHaveLength(1);
    expect(r.stderr, what).not.toMatch(/^\s+at /m);
    expect(r.stderr.trimEnd(), what).toMatch(new RegExp(`^${name}: error: ${message.source}`));
  });
}

const quick = ['--seeds', '1', '--epochs', '1'];
const common = (extra: string[]): [string[], RegExp][] => [
  [['--seeds', '0', '--epochs', '1', ...extra], /--seeds must be an integer >= 1, but got '0'\.$/],
  [
    ['--backend', 'gpu', ...quick, ...extra],
    /--backend must be one of wasm, cpu, but got 'gpu'\.$/,
  ],
  [['--nope', ...quick, ...extra], /unknown flag '--nope' \(flags: .*--backend.*\)\.$/],
];

describe('example scripts reject bad flags (exit 2, one line, nothing written)', () => {
  it('circles/main.ts, without touching an existing report', async () => {
    const out = join(dir, 'circles');
    mkdirSync(out);
    writeFileSync(join(out, 'results.json'), 'old');
    const o = ['--out', out];
    await expectRejected('examples/circles/main.ts', 'circles/main.ts', [
      ...common(o),
      [
        ['--epochs', '0x1F', '--seeds', '1', ...o],
        /--epochs must be an integer >= 1, but got '0x1F'\.$/,
      ],
      [
        ['--out', join(out, 'results.json'), ...quick],
        /--out .*results\.json is a file, not a folder\.$/,
      ],
    ]);
    expect(readdirSync(out)).toEqual(['results.json']);
    expect(readFileSync(join(out, 'results.json'), 'utf8')).toBe('old');
  });

  it('circles/summarize.ts', async () => {
    await expectRejected('examples/circles/summarize.ts', 'circles/summarize.ts', [
      [[join(dir, 'missing.json')], /cannot read .*missing\.json: ENOENT/],
      [['--nope'], /expected one argument, the results\.json file/],
    ]);
  });

  it('jitter/main.ts', async () => {
    await expectRejected('examples/jitter/main.ts', 'jitter/main.ts', [
      ...common([]),
      [['--stddev=-0.1', ...quick], /--stddev must be a decimal number >= 0, but got '-0\.1'\.$/],
    ]);
  });

  it('weight_noise/main.ts', async () => {
    await expectRejected('examples/weight_noise/main.ts', 'weight_noise/main.ts', [
      ...common([]),
      [['--stddev', 'Infinity', ...quick], /--stddev must be a decimal number >= 0/],
    ]);
  });

  it('noisy_activation/main.ts', async () => {
    await expectRejected('examples/noisy_activation/main.ts', 'noisy_activation/main.ts', [
      ...common([]),
      [['--init-std', '0', ...quick], /--init-std must be a decimal number > 0, but got '0'\.$/],
    ]);
  });

  it('gradient_noise/main.ts', async () => {
    const d = ['--depth', '2'];
    await expectRejected('examples/gradient_noise/main.ts', 'gradient_noise/main.ts', [
      ...common(d),
      [['--lr', '0b101', ...quick, ...d], /--lr must be a decimal number > 0, but got '0b101'\.$/],
      [['--width', '2.5', ...quick, ...d], /--width must be an integer >= 1, but got '2\.5'\.$/],
    ]);
  });

  it('denoising/main.ts', async () => {
    await expectRejected('examples/denoising/main.ts', 'denoising/main.ts', [
      ...common([]),
      [['--stddev', '0', ...quick], /--stddev must be a decimal number > 0, but got '0'\.$/],
    ]);
  });

  it('images/main.ts, without writing its model', async () => {
    const out = join(dir, 'images');
    const q = ['--per-class', '1', '--epochs', '1', '--out', out];
    await expectRejected('examples/images/main.ts', 'images/main.ts', [
      [['--per-class', '0', '--out', out], /--per-class must be an integer >= 1, but got '0'\.$/],
      [['--length', '0', ...q], /--length must be a decimal number > 0, but got '0'\.$/],
      [['--backend', 'gpu', ...q], /--backend must be one of wasm, cpu, but got 'gpu'\.$/],
      [['--nope', ...q], /unknown flag '--nope' \(flags: .*--backend.*\)\.$/],
    ]);
    expect(readdirSync(dir)).not.toContain('images');
  });

  it('signals/main.ts, without writing its model', async () => {
    const out = join(dir, 'signals');
    const q = ['--per-class', '1', '--epochs', '1', '--out', out];
    await expectRejected('examples/signals/main.ts', 'signals/main.ts', [
      [['--epochs', '0', '--out', out], /--epochs must be an integer >= 1, but got '0'\.$/],
      [
        ['--low', '5', '--high', '3', ...q],
        /--high 3 is below --low 5: the range is \[low, high\]\.$/,
      ],
      [['--backend', 'gpu', ...q], /--backend must be one of wasm, cpu, but got 'gpu'\.$/],
      [['--nope', ...q], /unknown flag '--nope' \(flags: .*--backend.*\)\.$/],
    ]);
    expect(readdirSync(dir)).not.toContain('signals');
  });

  it('bench/claims/main.ts (bench:claims), without writing its results', async () => {
    const out = join(dir, 'claims');
    const file = join(dir, 'claims.txt');
    writeFileSync(file, 'old');
    const o = ['--quick', '--out', out];
    await expectRejected('bench/claims/main.ts', 'bench:claims', [
      [['--seeds', '0', ...o], /--seeds must be an integer >= 1, but got '0'\.$/],
      [['--backend', 'gpu', ...o], /--backend must be one of wasm, cpu, but got 'gpu'\.$/],
      [
        ['--studies', 'depth,nope', ...o],
        /--studies must be a comma-separated list of sequences, sequences-long, depth, noisy-activations, denoising, images, signals, but got 'depth,nope'\.$/,
      ],
      [
        ['--nope', ...o],
        /unknown flag '--nope' \(flags: --quick, --studies, --seeds, --backend, --out\)\.$/,
      ],
      [['--quick', '--out', file], /--out .*claims\.txt is a file, not a folder\.$/],
    ]);
    expect(readdirSync(dir)).not.toContain('claims');
    expect(readFileSync(file, 'utf8')).toBe('old');
  });

  it('bench/main.ts, without writing its results', async () => {
    const out = join(dir, 'bench.json');
    await expectRejected('bench/main.ts', 'bench/main.ts', [
      [
        ['--quick', '--nope', '--out', out],
        /unknown flag '--nope' \(flags: --quick, --out, --only, --rows\)\.$/,
      ],
      [['--quick', '--out', dir], /--out must be a file path \(results\.json\)/],
      [['--only', 'gpu', '--rows', out], /--only must be cpu or wasm, but got 'gpu'\.$/],
    ]);
    expect(readdirSync(dir)).not.toContain('bench.json');
  });

  it('bench/compare_builds.ts', async () => {
    const old = ['--old', 'packages/tfjs-noise/dist'];
    await expectRejected('bench/compare_builds.ts', 'bench/compare_builds.ts', [
      [
        [...old, '--nope'],
        /unknown flag '--nope' \(flags: --old, --rounds, --sizes, --backends\)\.$/,
      ],
      [['--old', dir], /--old must be a folder with a build of tfjs-noise \(index\.js\)/],
      [[...old, '--rounds', '0'], /--rounds must be an integer >= 1, but got '0'\.$/],
      [[...old, '--sizes', 'huge'], /--sizes must be a list of small, large, but got 'huge'\.$/],
      [
        [...old, '--backends', 'webgl'],
        /--backends must be a list of cpu, wasm, but got 'webgl'\.$/,
      ],
    ]);
  });
});
