/**
 * The workspace packages import one way, downward, and say what they import:
 *
 * - a package imports only packages of a lower layer (LAYERS, bottom first: support, tfjs-noise,
 *   tune, examples and the playground, bench, test), never one of its own layer or above (an
 *   upward import: tune importing bench, examples importing the playground);
 * - it declares every workspace package it imports in its package.json (dependencies,
 *   devDependencies or peerDependencies), and declares none above it;
 * - a relative import stays inside its package's folder: code of another package is imported
 *   by the package's name, through its `exports` (a relative import into another package's
 *   folder fails, e.g. `../../bench/small_data/tasks` from test/e2e).
 *
 * With the layers strict, no two packages can import each other, directly or round a circle;
 * no_cycles.test.ts checks the files inside each package.
 *
 * What counts as an import (read with the TypeScript parser, so comments are not imports):
 * static imports and re-exports (type-only included) and dynamic `import('x')` with a literal
 * specifier, in every `.ts`, `.mts`, `.js` and `.mjs` file of a package (no node_modules, no
 * dist/).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** The workspace packages by layer, bottom first: a package imports only from layers below. */
const LAYERS: readonly (readonly string[])[] = [
  ['@tfjs-noise/support'],
  ['tfjs-noise'],
  ['@tfjs-noise/tune'],
  ['@tfjs-noise/examples', '@tfjs-noise/playground'],
  ['@tfjs-noise/bench'],
  ['@tfjs-noise/test'],
];

/**
 * Relative imports into another package's folder that are allowed, each with its reason: a
 * white-box test of an internal module that no entry point exports.
 */
const ALLOWED_RELATIVE: Readonly<Record<string, string>> = {
  'test/e2e/gpu_sampler.test.ts -> packages/tfjs-noise/src/random/threefry':
    "the GPU sampler's bits checked against tfjs-noise's internal CPU reference (threefry)",
};

/** A workspace package: its name, its folder (relative to the root) and what it declares. */
interface Pkg {
  name: string;
  dir: string;
  declared: Set<string>;
}

/** One import of a file: its specifier. */
function importsOf(text: string, file: string): string[] {
  const kind = /\.m?js$/.test(file) ? ts.ScriptKind.JS : ts.ScriptKind.TS;
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, kind);
  const specifiers: string[] = [];
  const visit = (node: ts.Node): void => {
    if (
      (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) &&
      node.moduleSpecifier &&
      ts.isStringLiteral(node.moduleSpecifier)
    ) {
      specifiers.push(node.moduleSpecifier.text);
    } else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0] &&
      ts.isStringLiteralLike(node.arguments[0])
    ) {
      specifiers.push(node.arguments[0].text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return specifiers;
}

/** The package name a bare specifier names (`@scope/name/sub` -> `@scope/name`). */
function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] as string);
}

/** The workspace packages (pnpm-workspace.yaml's globs: `packages/*` and plain folders). */
function workspacePackages(): Pkg[] {
  const globs = [
    ...readFileSync(join(ROOT, 'pnpm-workspace.yaml'), 'utf8').matchAll(/^\s*-\s*(\S+)\s*$/gm),
  ].map((m) => m[1] as string);
  const dirs = globs.flatMap((g) =>
    g.endsWith('/*')
      ? readdirSync(join(ROOT, g.slice(0, -2))).map((d) => `${g.slice(0, -2)}/${d}`)
      : [g],
  );
  return dirs
    .filter((d) => existsSync(join(ROOT, d, 'package.json')))
    .map((dir) => {
      const pkg = JSON.parse(readFileSync(join(ROOT, dir, 'package.json'), 'utf8'));
      const declared = new Set(
        Object.keys({ ...pkg.dependencies, ...pkg.devDependencies, ...pkg.peerDependencies }),
      );
      return { name: pkg.name as string, dir, declared };
    });
}

/** The source files of a package folder, relative to the root (no node_modules, no dist). */
function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(join(ROOT, d))) {
      if (name === 'node_modules' || name === 'dist') continue;
      const path = `${d}/${name}`;
      if (statSync(join(ROOT, path)).isDirectory()) walk(path);
      else if (/\.(m?ts|m?js)$/.test(name) && !name.endsWith('.d.ts')) out.push(path);
    }
  };
  walk(dir);
  return out;
}

/** The layer of a package (its index in LAYERS), or -1. */
const layerOf = (name: string) => LAYERS.findIndex((layer) => layer.includes(name));

/**
 * What breaks the rules in `files` (path relative to the root -> text) of `packages`: one line a
 * breach.
 */
function breaches(packages: readonly Pkg[], files: ReadonlyMap<string, string>): string[] {
  const names = new Set(packages.map((p) => p.name));
  const out: string[] = [];
  for (const p of packages) {
    if (layerOf(p.name) < 0) out.push(`${p.name} (${p.dir}) is in no layer: add it to LAYERS`);
    for (const dep of p.declared) {
      if (names.has(dep) && layerOf(dep) >= layerOf(p.name)) {
        out.push(`${p.dir}/package.json declares ${dep}, which is not below ${p.name}`);
      }
    }
  }
  const owner = (file: string) =>
    packages.find((p) => file === p.dir || file.startsWith(`${p.dir}/`));
  for (const [file, text] of files) {
    const p = owner(file);
    if (!p) continue;
    for (const spec of importsOf(text, file)) {
      if (spec.startsWith('.')) {
        const target = relative(ROOT, resolve(ROOT, dirname(file), spec))
          .split(sep)
          .join('/');
        const inside = target === p.dir || target.startsWith(`${p.dir}/`);
        if (!inside && !(`${file} -> ${target}` in ALLOWED_RELATIVE)) {
          out.push(`${file} imports ${spec}: a relative import out of ${p.dir}/ (${target})`);
        }
        continue;
      }
      const name = packageName(spec);
      if (!names.has(name) || name === p.name) continue;
      if (layerOf(name) >= layerOf(p.name)) {
        out.push(`${file} imports ${spec}: ${name} is not below ${p.name} (an upward import)`);
      }
      if (!p.declared.has(name)) {
        out.push(`${file} imports ${spec}, which ${p.dir}/package.json does not declare`);
      }
    }
  }
  return out;
}

describe('workspace package layers', () => {
  it('reads static, type-only, re-exported and dynamic imports, not comments', () => {
    const text = [
      "import { a } from './a';",
      "import type { B } from '@tfjs-noise/tune';",
      "export { c } from '../c';",
      "const d = await import('@tfjs-noise/bench/small_data/tasks');",
      "/** import { e } from 'tfjs-noise'; */",
    ].join('\n');
    expect(importsOf(text, 'x.ts')).toEqual([
      './a',
      '@tfjs-noise/tune',
      '../c',
      '@tfjs-noise/bench/small_data/tasks',
    ]);
    expect(packageName('@tfjs-noise/support/browser/server')).toBe('@tfjs-noise/support');
    expect(packageName('tfjs-noise/node')).toBe('tfjs-noise');
  });

  it('finds upward, undeclared and out-of-folder imports', () => {
    const pkg = (name: string, dir: string, declared: string[] = []): Pkg => ({
      name,
      dir,
      declared: new Set(declared),
    });
    const packages = [
      pkg('tfjs-noise', 'packages/tfjs-noise'),
      pkg('@tfjs-noise/tune', 'packages/tune', ['tfjs-noise', '@tfjs-noise/bench']),
      pkg('@tfjs-noise/bench', 'bench', ['@tfjs-noise/tune']),
      pkg('@tfjs-noise/test', 'test', ['@tfjs-noise/bench']),
    ];
    const files = new Map([
      ['packages/tune/src/a.ts', "import { x } from '@tfjs-noise/bench/x';"],
      ['bench/b.ts', "import { y } from 'tfjs-noise';\nimport { z } from './z';"],
      ['test/e2e/c.test.ts', "import { t } from '../../bench/small_data/tasks';"],
      ['test/e2e/d.test.ts', "import { t } from '@tfjs-noise/bench/small_data/tasks';"],
    ]);
    expect(breaches(packages, files)).toEqual([
      'packages/tune/package.json declares @tfjs-noise/bench, which is not below @tfjs-noise/tune',
      'packages/tune/src/a.ts imports @tfjs-noise/bench/x: @tfjs-noise/bench is not below @tfjs-noise/tune (an upward import)',
      'bench/b.ts imports tfjs-noise, which bench/package.json does not declare',
      'test/e2e/c.test.ts imports ../../bench/small_data/tasks: a relative import out of test/ (bench/small_data/tasks)',
    ]);
  });

  it('every workspace package imports only downward, declared, and by name', () => {
    const packages = workspacePackages();
    // Not vacuous: every package was found and its files read.
    expect(packages.map((p) => p.name).sort()).toEqual([...LAYERS.flat()].sort());
    const files = new Map(
      packages.flatMap((p) =>
        sourceFiles(p.dir).map((f) => [f, readFileSync(join(ROOT, f), 'utf8')] as const),
      ),
    );
    expect(files.size).toBeGreaterThan(200);
    const found = breaches(packages, files);
    expect(found, found.join('\n')).toEqual([]);
    // Each allowed exception is still needed (a stale one would hide a new breach's twin).
    for (const allowed of Object.keys(ALLOWED_RELATIVE)) {
      const [file, target] = allowed.split(' -> ') as [string, string];
      const specs = importsOf(files.get(file) ?? '', file).filter((s) => s.startsWith('.'));
      const targets = specs.map((s) =>
        relative(ROOT, resolve(ROOT, dirname(file), s))
          .split(sep)
          .join('/'),
      );
      expect(targets, allowed).toContain(target);
    }
  });
});
