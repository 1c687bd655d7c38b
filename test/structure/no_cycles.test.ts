/**
 * No import cycle inside any package: the relative imports between the `.ts` files of every
 * `packages/<name>/src/`, and of bench/, examples/ and test/, form no circle, so each package
 * reads in one direction (for tune: types -> data -> train -> run -> model -> search -> cli /
 * index). Between packages, package_layers.test.ts keeps the imports downward, which rules out
 * a circle of packages.
 *
 * What counts as an import (read with the TypeScript parser, so comments and JSDoc examples are
 * not imports):
 *
 * - `import ... from './x'` and `import './x'`, type-only imports (`import type`, `import {type
 *   X}`) included: a type import ties two modules as much as a value import does;
 * - `export ... from './x'` (re-exports), `export type ... from` included.
 *
 * Not counted: dynamic `import('./x')` (a lazy load, e.g. of a worker or a backend, is the way to
 * break a load-time circle) and `import('./x').T` type queries; imports of packages (no leading
 * `.`). A specifier resolves to `x.ts`, `x/index.ts`, or with a `.js` extension to the `.ts` file.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** Every `.ts` file under `dir` (no `.d.ts`, no node_modules). */
function tsFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'dist') continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...tsFiles(path));
    else if (name.endsWith('.ts') && !name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

/** The relative specifiers of the static imports and re-exports of a source text. */
function relativeImports(text: string): string[] {
  const source = ts.createSourceFile('x.ts', text, ts.ScriptTarget.Latest, false);
  const specifiers: string[] = [];
  for (const statement of source.statements) {
    const spec =
      ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement)
        ? statement.moduleSpecifier
        : undefined;
    if (spec && ts.isStringLiteral(spec) && spec.text.startsWith('.')) specifiers.push(spec.text);
  }
  return specifiers;
}

/** The file `specifier` names from `from`, or null (not a `.ts` file of the tree). */
function resolveImport(from: string, specifier: string): string | null {
  const base = resolve(dirname(from), specifier);
  const candidates = [
    base.replace(/\.js$/, '.ts'),
    `${base}.ts`,
    join(base, 'index.ts'),
    base.endsWith('.ts') ? base : '',
  ];
  return candidates.find((c) => c !== '' && existsSync(c) && statSync(c).isFile()) ?? null;
}

/**
 * The circles of a graph (file -> files it imports): one per strongly connected component of more
 * than one file, or of a file that imports itself (Tarjan's algorithm), with its files (sorted)
 * and a shortest path around it that starts and ends at its first file.
 */
function findCycles(
  graph: ReadonlyMap<string, readonly string[]>,
): { files: string[]; path: string[] }[] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  let next = 0;
  const visit = (v: string): void => {
    index.set(v, next);
    low.set(v, next);
    next += 1;
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v) as number, low.get(w) as number));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v) as number, index.get(w) as number));
      }
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop() as string;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      const selfLoop = (graph.get(v) ?? []).includes(v);
      if (component.length > 1 || selfLoop) components.push(component);
    }
  };
  for (const v of [...graph.keys()].sort()) if (!index.has(v)) visit(v);
  return components.map((component) => ({
    files: component.sort(),
    path: cycleThrough(graph, new Set(component)),
  }));
}

/** One circle inside a strongly connected component: a shortest path back to its first file. */
function cycleThrough(graph: ReadonlyMap<string, readonly string[]>, members: Set<string>) {
  const start = [...members].sort()[0] as string;
  const parent = new Map<string, string>();
  const queue = [start];
  while (queue.length > 0) {
    const v = queue.shift() as string;
    for (const w of graph.get(v) ?? []) {
      if (!members.has(w)) continue;
      if (w === start) {
        const back: string[] = [];
        for (let u = v; u !== start; u = parent.get(u) as string) back.push(u);
        return [start, ...back.reverse(), start];
      }
      if (!parent.has(w)) {
        parent.set(w, v);
        queue.push(w);
      }
    }
  }
  return [start, start];
}

/**
 * The folders whose files are read: every `packages/<name>/src/`, and the workspace packages
 * that are scripts and tests (bench/, examples/, test/).
 */
function roots(): string[] {
  const packages = join(ROOT, 'packages');
  return [
    ...readdirSync(packages).map((name) => join(packages, name, 'src')),
    ...['bench', 'examples', 'test'].map((dir) => join(ROOT, dir)),
  ].filter((dir) => existsSync(dir));
}

/** The import graph of every folder of {@link roots}, by path relative to the repository. */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const root of roots()) {
    for (const file of tsFiles(root)) {
      const targets = relativeImports(readFileSync(file, 'utf8'))
        .map((s) => resolveImport(file, s))
        .filter((t): t is string => t !== null)
        .map((t) => relative(ROOT, t));
      graph.set(relative(ROOT, file), [...new Set(targets)]);
    }
  }
  return graph;
}

describe('import cycles in packages/*/src, bench, examples and test', () => {
  it('reads static imports, re-exports and type-only imports, not dynamic ones or comments', () => {
    const text = [
      "import { a } from './a';",
      "import type { B } from '../b';",
      "import { type C, d } from './c/index';",
      "export { e } from './e';",
      "export type { F } from './f';",
      "import './side_effect';",
      "import { tf } from '@tensorflow/tfjs-core';",
      "const lazy = () => import('./lazy');",
      "/** import { g } from './in_a_comment'; */",
    ].join('\n');
    expect(relativeImports(text)).toEqual([
      './a',
      '../b',
      './c/index',
      './e',
      './f',
      './side_effect',
    ]);
  });

  it('finds a circle and names its files in order', () => {
    const graph = new Map([
      ['a.ts', ['b.ts']],
      ['b.ts', ['c.ts', 'd.ts']],
      ['c.ts', ['a.ts']],
      ['d.ts', []],
      ['e.ts', ['e.ts']],
    ]);
    expect(findCycles(graph)).toEqual([
      { files: ['a.ts', 'b.ts', 'c.ts'], path: ['a.ts', 'b.ts', 'c.ts', 'a.ts'] },
      { files: ['e.ts'], path: ['e.ts', 'e.ts'] },
    ]);
    expect(
      findCycles(
        new Map([
          ['a.ts', ['b.ts']],
          ['b.ts', []],
        ]),
      ),
    ).toEqual([]);
  });

  it('finds no circle in any package', () => {
    const graph = importGraph();
    // The scan reads every package: a broken walk would find nothing and pass.
    expect(graph.has('packages/tfjs-noise/src/index.ts')).toBe(true);
    expect(graph.has('bench/small_data/main.ts')).toBe(true);
    expect(graph.has('examples/circles/main.ts')).toBe(true);
    expect(graph.has('packages/tune/src/index.ts')).toBe(true);
    expect(graph.get('packages/tune/src/index.ts')?.length).toBeGreaterThan(10);
    const cycles = findCycles(graph).map(
      ({ files, path }) =>
        `${path.join(' -> ')} (a circle of ${files.length}: ${files.join(', ')})`,
    );
    expect(cycles, `import cycles:\n${cycles.join('\n')}`).toEqual([]);
  });
});
