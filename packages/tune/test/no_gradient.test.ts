import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { main } from '../src/cli/main';
import { availableKinds, buildMlp } from '../src/index';

// A tfjs-noise build without tfn.train (as before annealed gradient noise was added).
vi.mock('tfjs-noise', async (importOriginal) => ({
  ...(await importOriginal<typeof import('tfjs-noise')>()),
  train: undefined,
}));

const context = {
  inputDim: 2,
  outputUnits: 1,
  task: 'classification' as const,
  numClasses: 2,
  seed: 1,
  fold: 0,
  repeat: 0,
  options: {},
};

describe('without tfn.train in the tfjs-noise build', () => {
  it("leaves 'gradient' out of the available kinds and says so when it is asked for", () => {
    expect(availableKinds()).toEqual(['none', 'input', 'weight', 'activation', 'dropout', 'l2']);
    expect(() => buildMlp({ kind: 'gradient', amount: 0.1 }, context)).toThrow(
      "buildMlp: noise kind 'gradient' is not available in this tfjs-noise build (it has no tfn.train.annealedGradientNoise).",
    );
  });

  it('the CLI exits 2 for --kinds gradient, and leaves it out of the default kinds', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tune-no-gradient-'));
    const path = join(dir, 'data.csv');
    writeFileSync(path, 'a,b,y\n1,2,0\n3,4,1\n5,6,0\n7,8,1\n');
    const err: string[] = [];
    const io = { out: () => {}, err: (l: string) => err.push(l) };
    const argv = [path, '--target', 'y', '--folds', '2'];
    expect(await main([...argv, '--kinds', 'input,gradient'], io)).toBe(2);
    expect(err).toEqual([
      "tfjs-noise-tune: error: noise kind 'gradient' is not available in this tfjs-noise build (it has no tfn.train.annealedGradientNoise); use input, weight or activation.",
    ]);
    err.length = 0;
    const out: string[] = [];
    const tiny = ['--epochs', '1', '--hidden', '2', '--workers', '0', '--backend', 'cpu'];
    const report = ['--progress', 'none', '--out', join(dir, 'report')];
    const code = await main([...argv, ...tiny, ...report], {
      out: (l) => out.push(l),
      err: io.err,
    });
    expect(err).toEqual([
      "tfjs-noise-tune: note: noise kind 'gradient' is not available in this tfjs-noise build (it has no tfn.train.annealedGradientNoise); searching input, weight.",
    ]);
    expect(code).toBe(0);
    expect(
      out.filter((l) => /^(input|weight|gradient) /.test(l)).map((l) => l.split(/\s+/)[0]),
      // No noise (added as input 0), input's 4 default amounts, weight's 3.
    ).toEqual(['input', 'input', 'input', 'input', 'input', 'weight', 'weight', 'weight']);
    rmSync(dir, { recursive: true, force: true });
  });
});
