import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runNode, runNodeOutput } from '../support/process/run_node';

// Smoke tests of the runnable scripts, so the README's commands cannot rot silently.
// They check that the scripts run and print their tables; they assert nothing about time.
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

function run(script: string, args: string[]): Promise<string> {
  return runNode([script, ...args], root);
}

describe('runnable scripts', () => {
  it('the jitter demo prints train and test accuracy for every model, and no tfjs-node banner', async () => {
    const args = ['--seeds', '1', '--epochs', '20', '--backend', 'cpu'];
    const { stdout: out, stderr } = await runNodeOutput(['examples/jitter/main.ts', ...args], root);
    // tfjs's "install tfjs-node" banner, printed on the cpu backend's first tensor in Node
    // unless tfjs's PROD flag is set (@tfjs-noise/support's backend.ts sets it).
    expect(stderr).not.toMatch(/tfjs-node|speed things up/);
    for (const name of ['baseline', 'tfn GaussianJitter', 'tf.layers.gaussianNoise']) {
      expect(out).toMatch(new RegExp(`${name}.*\\d+\\.\\d% \\+- \\d+\\.\\d\\s+\\d+\\.\\d% \\+- `));
    }
  });

  it('the circles demo prints its table and writes the report', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tfjs-noise-circles-'));
    try {
      const args = ['--seeds', '2', '--epochs', '20', '--backend', 'cpu', '--out', dir];
      const out = await run('examples/circles/main.ts', args);
      // Paired difference to the baseline over seeds, e.g. "+1.1 +- 2.0 (12/7)"; blank for it.
      const paired = '(?:[+-]\\d+\\.\\d \\+- (?:\\d+\\.\\d|\\?) \\(\\d+/\\d+\\)\\s+)?';
      for (const name of [
        'baseline',
        'input jitter 0.05',
        'activation jitter 0.1',
        'weight noise',
        'noisy activation',
        'target noise',
        'tf.layers.gaussianNoise',
      ]) {
        expect(out).toMatch(
          new RegExp(
            `^${name}.*\\d+\\.\\d%\\s+\\d+\\.\\d% \\+- \\d+\\.\\d\\s+${paired}\\d\\.\\d{3}`,
            'm',
          ),
        );
      }
      // The saved results give the same table again without training.
      const again = await run('examples/circles/summarize.ts', [join(dir, 'results.json')]);
      expect(again).toMatch(new RegExp(`^weight noise 0\\.05.*${paired}\\d\\.\\d{3}`, 'm'));
      const results = JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8'));
      expect(results.runs.length).toBe(2 * results.rows.length);
      for (const svg of [
        'accuracy_vs_stddev.svg',
        'learning_curves.svg',
        'decision_boundaries.svg',
      ]) {
        expect(readFileSync(join(dir, svg), 'utf8')).toMatch(/^<svg[\s\S]*<\/svg>$/);
      }
      // It ends with one sentence; "best" is never said of a difference within chance.
      const sentence =
        /^(noise helps here: .+ gave more right answers \(\+\d+\.\d \+- \d+\.\d accuracy points\)( (and|but) (better|worse) predicted probabilities \(log-loss (lower|higher) by \d\.\d{3} \+- \d\.\d{3}\))? than no noise|no noise setting beat no noise beyond chance in accuracy \(closest: .+\)|no noise setting gave more right answers beyond chance: .+ but not more right answers \([+-]\d+\.\d \+- \d+\.\d accuracy points\)) \(paired over \d+ seeds, \+- the 95% CI half-width\)\.$/;
      expect(out.trim().split('\n').at(-1)).toMatch(sentence);
      const md = readFileSync(join(dir, 'summary.md'), 'utf8');
      expect(md).toMatch(/^(Noise helps here|No noise setting beat no noise beyond chance)/m);
      // The command that ran (this test starts it with node --import tsx), and the seeds note.
      expect(md).toContain(
        `Command: \`node --import tsx examples/circles/main.ts ${args.join(' ')}\``,
      );
      const smoke =
        /^2 seeds: test-accuracy intervals of \+-\d+ to \+-\d+ points; a smoke run, too few seeds to tell settings apart \(--full for 20 seeds\)\.$/m;
      expect(out).toMatch(smoke);
      expect(md).toMatch(smoke);
      // After 20 epochs some rows are at chance: marked, and the mark explained under the table.
      if (/at chance \(50%\)$/m.test(out)) {
        expect(out).toMatch(/^at chance \(50%\): the test accuracy's 95% CI reaches 50%/m);
      }
      // The decision boundaries: axis titles, ticks on multiples of 0.5 only.
      const plot = readFileSync(join(dir, 'decision_boundaries.svg'), 'utf8');
      const texts = [...plot.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]!);
      expect(texts).toContain('x1');
      expect(texts).toContain('x2');
      const ticks = texts
        .filter((t) => /^[-\u2212]?\d+(\.\d+)?$/.test(t))
        .map((t) => Number(t.replace('\u2212', '-')));
      expect(ticks.length).toBeGreaterThan(0);
      expect(ticks.filter((t) => Math.abs(t * 2 - Math.round(t * 2)) > 1e-9)).toEqual([]);
      expect(md).not.toMatch(/best/i);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the weight-noise example prints the validation loss of both models', async () => {
    const out = await run('examples/weight_noise/main.ts', [
      '--seeds',
      '1',
      '--epochs',
      '2',
      '--backend',
      'cpu',
    ]);
    expect(out).toMatch(/^LSTM\s+\d+\.\d{4}\s+\d+\.\d{4} \+- /m);
    expect(out).toMatch(/^LSTM \+ WeightNoise stddev 0.05\s+\d+\.\d{4}\s+\d+\.\d{4} \+- /m);
  });

  it('the noisy-activation example prints accuracy and epochs-to-target for both models', async () => {
    const out = await run('examples/noisy_activation/main.ts', [
      '--seeds',
      '1',
      '--epochs',
      '3',
      '--backend',
      'cpu',
    ]);
    expect(out).toMatch(/^hardTanh\s+\d+\.\d% \+- \d+\.\d\s+(\d+|-); [01]\/1/m);
    expect(out).toMatch(/^noisy hardTanh .*\d+\.\d% \+- \d+\.\d\s+(\d+|-); [01]\/1/m);
  });

  it('the gradient-noise example prints a row per noise level', async () => {
    const out = await run('examples/gradient_noise/main.ts', [
      '--seeds',
      '1',
      '--epochs',
      '1',
      '--depth',
      '4',
      '--backend',
      'cpu',
    ]);
    expect(out).toMatch(/^SGD, no gradient noise\s+\d+\.\d{3}/m);
    expect(out).toMatch(/^SGD \+ gradient noise, eta 0\.3\s+\d+\.\d{3}/m);
  });

  it('the denoising example prints both reconstruction errors for every model', async () => {
    const args = ['--seeds', '1', '--epochs', '2', '--backend', 'cpu'];
    const out = await run('examples/denoising/main.ts', args);
    for (const name of [
      'plain autoencoder',
      'tfn GaussianJitter 0\\.3 \\(denoising\\)',
      'tf\\.layers\\.gaussianNoise 0\\.3 \\(peer\\)',
    ]) {
      expect(out).toMatch(
        new RegExp(`^${name}\\s+\\d\\.\\d{4} \\+- \\d\\.\\d{4}\\s+\\d\\.\\d{4} \\+- `, 'm'),
      );
    }
  });

  it('the images example trains both convnets, prints three accuracies each and reloads the stripped copy', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tfjs-noise-images-'));
    try {
      const args = ['--per-class', '2', '--epochs', '1', '--out', dir];
      const out = await run('examples/images/main.ts', args);
      for (const name of ['plain convnet', 'correlated noise 0\\.3, length 2']) {
        expect(out).toMatch(new RegExp(`^${name}(\\s+\\d+\\.\\d%){3}\\s+\\d+\\.\\d\\s*$`, 'm'));
      }
      // The reloaded copy has no noise layer and predicts what the trained model predicted.
      expect(out).toMatch(
        /reloaded layers: Conv2D, MaxPooling2D, Conv2D, MaxPooling2D, Flatten, Dense; largest prediction difference from the trained model: 0\.0e\+0/,
      );
      expect(readFileSync(join(dir, 'digits-model', 'model.json'), 'utf8')).not.toContain(
        'GaussianJitter',
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the signals example prints accuracy at every test SNR for both models and reloads the stripped copy', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tfjs-noise-signals-'));
    try {
      const args = ['--per-class', '2', '--epochs', '1', '--out', dir];
      const out = await run('examples/signals/main.ts', args);
      expect(out).toMatch(/^model \/ test SNR\s+clean\s+20 dB\s+10 dB\s+5 dB\s+0 dB\s+s\s*$/m);
      for (const name of ['plain 1-D convnet', 'noise at SNR \\[0, 20\\] dB']) {
        expect(out).toMatch(new RegExp(`^${name}(\\s+\\d+\\.\\d%){5}\\s+\\d+\\.\\d\\s*$`, 'm'));
      }
      expect(out).toMatch(
        /reloaded layers: Conv1D, MaxPooling1D, Conv1D, GlobalMaxPooling1D, Dense; largest prediction difference from the trained model: 0\.0e\+0/,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the pictures script (docs:pictures) writes the digit PNG and the signal SVG', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tfjs-noise-pictures-'));
    try {
      await run('bench/pictures/images_and_signals.ts', ['--out', dir]);
      const png = readFileSync(join(dir, 'digit_noise.png'));
      expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
      // 9 panels of 112 pixels with 4-pixel gaps, 112 high (IHDR's width and height).
      expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([9 * 116 - 4, 112]);
      const svg = readFileSync(join(dir, 'signal_snr.svg'), 'utf8');
      expect(svg).toMatch(/^<svg[\s\S]*<\/svg>$/);
      for (const label of ['clean', 'snrDb 20', 'snrDb 0']) expect(svg).toContain(label);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the conv gradient benchmark (quick) prints its table', async () => {
    const out = await run('bench/conv_grad.ts', ['--quick']);
    const ms = '\\d+\\.\\d{2}';
    const ratio = '\\d+\\.\\d x';
    expect(out).toMatch(
      new RegExp(
        `^\\[32,28,28,1\\] -> 8 3x3 valid\\s+${ms}\\s+${ms}\\s+${ratio}\\s+${ms}\\s+${ratio}$`,
        'm',
      ),
    );
    expect(out).toMatch(
      new RegExp(`^conv net training step \\(b32\\)\\s+${ms}\\s+${ms}\\s+${ratio}$`, 'm'),
    );
  });

  it('the benchmark (quick) prints its table and writes results.json', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tfjs-noise-bench-'));
    try {
      const out = await run('bench/main.ts', ['--quick', '--out', join(dir, 'results.json')]);
      expect(out).toMatch(/sampler speed-up vs tf.randomNormal\s+\d+\.\d+ x/);
      expect(out).toMatch(/MLP 784-256-256-10 b128: GaussianJitter \/ clean\s+\d+\.\d+ x/);
      expect(out).toMatch(/MLP 784-256-256-10 b128: WeightNoise \/ clean\s+\d+\.\d+ x/);
      expect(out).toMatch(/MLP 784-256-256-10 b128: AnnealedGradientNoise \/ clean\s+\d+\.\d+ x/);
      expect(out).toMatch(
        /Dense 100x100 \(1e\+4 params\) b32: WeightNoise factorized \/ clean\s+\d+\.\d+ x/,
      );
      const results = JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8'));
      expect(new Set(results.rows.map((r: { backend: string }) => r.backend))).toEqual(
        new Set(['cpu', 'wasm']),
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
