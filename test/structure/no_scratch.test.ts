/**
 * No scratch files in the script packages: every `.ts` file of bench/ and examples/ is run or
 * imported by something else in the repository, so a pilot left behind (an unreferenced
 * `bench/claims/_pilot2.ts`) fails here. A file counts as used when
 *
 * - another file imports it (a relative import or, across packages, its package name and path:
 *   `@tfjs-noise/examples/data/circles`), or
 * - a package.json script or a string in another file names it as a path ending in its folder
 *   and name (`bench/gpu/main.ts`, `circles_search/main.ts`; `run.ts` beside the file that
 *   spawns it), as a script runs it.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const posix = (p: string) => p.split(sep).join('/');

/** The folders checked, with the package name their files are imported by. */
const CHECKED: Readonly<Record<string, string>> = {
  bench: '@tfjs-noise/bench',
  examples: '@tfjs-noise/examples',
};

/** The folders whose files may use them: every workspace package and the root. */
const READERS = ['bench', 'examples', 'test', 'packages', 'package.json'];

/** Every source file under `path` (relative to the root), no node_modules or dist. */
function files(path: string): string[] {
  const full = join(ROOT, path);
  if (!statSync(full).isDirectory()) return [path];
  return readdirSync(full).flatMap((name) =>
    name === 'node_modules' || name === 'dist' ? [] : files(`${path}/${name}`),
  );
}

/** The string literals of a source text (import specifiers included) and of a JSON file. */
function strings(text: string, file: string): string[] {
  if (file.endsWith('.json')) return [...text.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((m) => m[1]!);
  const out: string[] = [];
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false);
  const visit = (node: ts.Node): void => {
    if (ts.isStringLiteralLike(node)) out.push(node.text);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return out;
}

/** The files of `candidates` that nothing in `texts` (file -> text) uses. */
function unused(candidates: readonly string[], texts: ReadonlyMap<string, string>): string[] {
  const used = new Set<string>();
  for (const [file, text] of texts) {
    for (const s of strings(text, file)) {
      // An import: relative, or by a checked package's name.
      const pkg = Object.entries(CHECKED).find(([, name]) => s.startsWith(`${name}/`));
      const target = s.startsWith('.')
        ? posix(relative(ROOT, resolve(ROOT, dirname(file), s)))
        : pkg
          ? `${pkg[0]}${s.slice(pkg[1].length)}`
          : undefined;
      if (target !== undefined) used.add(target.replace(/\.ts$/, ''));
      // A path that a script runs: the file's folder and name, or its name beside the file.
      for (const word of s.split(/\s+/)) {
        if (!word.endsWith('.ts')) continue;
        for (const c of candidates) {
          const local = posix(join(dirname(file), word));
          const named =
            c === local ||
            (word.includes('/') && (c === word || c.endsWith(`/${word.replace(/^\.\//, '')}`)));
          if (named && c !== file) used.add(c.replace(/\.ts$/, ''));
        }
      }
    }
  }
  return candidates.filter((c) => !used.has(c.replace(/\.ts$/, '')));
}

describe('no scratch files in bench/ and examples/', () => {
  it('counts imports and script paths as uses, and finds an unused file', () => {
    // Built from parts: as one string, this file would name it and so use it.
    const pilot = ['bench/claims', '_pilot2.ts'].join('/');
    const texts = new Map([
      ['bench/main.ts', "import { a } from './models';\nconst s = join(here, 'run.ts');"],
      ['package.json', '{"scripts": {"bench": "node --import tsx bench/gpu/main.ts"}}'],
      ['test/e2e/x.test.ts', "import { t } from '@tfjs-noise/examples/data/circles';"],
    ]);
    expect(
      unused(
        ['bench/models.ts', 'bench/run.ts', 'bench/gpu/main.ts', 'examples/data/circles.ts', pilot],
        texts,
      ),
    ).toEqual([pilot]);
  });

  it('finds none', () => {
    const candidates = Object.keys(CHECKED)
      .flatMap(files)
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'));
    expect(candidates.length).toBeGreaterThan(30); // not vacuous: the folders were read
    const texts = new Map(
      READERS.flatMap(files)
        .filter((f) => /\.(m?ts|m?js|json)$/.test(f) && basename(f) !== 'pnpm-lock.yaml')
        .map((f) => [f, readFileSync(join(ROOT, f), 'utf8')] as const),
    );
    expect(unused(candidates, texts)).toEqual([]);
  });
});
