/**
 * The install notes of the root README.md and of packages/tfjs-noise/README.md (the npm page):
 * one supported-range sentence, the same in both, that states tfjs-noise's `peerDependencies`
 * range; and the `skipLibCheck` note in both.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const READMES = ['README.md', 'packages/tfjs-noise/README.md'];
const read = (path: string) => readFileSync(join(root, path), 'utf8');
const peers: Record<string, string> = JSON.parse(
  read('packages/tfjs-noise/package.json'),
).peerDependencies;

/** The README's "Supported tfjs: `RANGE` ..." paragraph, as one line; throws if not exactly one. */
function rangeSentence(markdown: string, file: string): { text: string; range: string } {
  const paragraphs = markdown.split(/\n\s*\n/).map((p) => p.replace(/\s*\n\s*/g, ' ').trim());
  const found = paragraphs.filter((p) => p.startsWith('Supported tfjs: '));
  if (found.length !== 1) {
    throw new Error(`${file}: expected one "Supported tfjs: " paragraph, found ${found.length}`);
  }
  const text = found[0]!;
  const range = /^Supported tfjs: `([^`]+)`/.exec(text)?.[1];
  if (range === undefined) throw new Error(`${file}: no \`range\` after "Supported tfjs: "`);
  return { text, range };
}

describe('README install notes', () => {
  it('the supported tfjs range: one sentence, the same in both READMEs, equal to peerDependencies', () => {
    const sentences = READMES.map((f) => rangeSentence(read(f), f));
    for (const [i, s] of sentences.entries()) {
      for (const peer of ['@tensorflow/tfjs-core', '@tensorflow/tfjs-layers']) {
        expect(s.range, `${READMES[i]} vs peerDependencies['${peer}']`).toBe(peers[peer]);
        expect(s.text, READMES[i]).toContain(`\`${peer}\``);
      }
    }
    expect(sentences[1]!.text, 'the same sentence in both READMEs').toBe(sentences[0]!.text);
  });

  it('a README that states another range, or none, fails', () => {
    const other = read('README.md').replace(/Supported tfjs: `[^`]+`/, 'Supported tfjs: `^4.22.0`');
    expect(rangeSentence(other, 'x').range).not.toBe(peers['@tensorflow/tfjs-core']);
    expect(() => rangeSentence('# x\n\ntfjs 4.x, from 4.22\n', 'x.md')).toThrow(
      'x.md: expected one "Supported tfjs: " paragraph, found 0',
    );
  });

  it('both READMEs say to set skipLibCheck, because of errors inside tfjs-layers’ own .d.ts files', () => {
    for (const f of READMES) {
      const text = read(f).replace(/\s*\n\s*/g, ' ');
      expect(text, f).toContain('`skipLibCheck: false`');
      expect(text, f).toContain("tfjs-layers' own `.d.ts` files");
      expect(text, f).toContain('set `"skipLibCheck": true`');
    }
  });
});
