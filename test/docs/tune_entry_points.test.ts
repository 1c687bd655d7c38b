/**
 * The table "Where did it go?" of packages/tune/README.md is the documented path of every name
 * that left tune's root: each name it lists is exported by the entry point it names and no longer
 * by the root, and every export of `@tfjs-noise/tune/blocks` is in the table (a block added
 * later is listed where users look for it). The exports are read from the entry points' sources
 * with the TypeScript parser.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const tune = join(root, 'packages', 'tune');

/** Tune's entry points, by the specifier users import. */
const ENTRY_POINTS: Record<string, string> = {
  '@tfjs-noise/tune': 'src/index.ts',
  '@tfjs-noise/tune/blocks': 'src/blocks.ts',
  '@tfjs-noise/tune/mlp': 'src/model/mlp.ts',
};

/** The names a module exports: its `export {...}` lists and its exported declarations. */
function exportedNames(file: string): Set<string> {
  const text = readFileSync(join(tune, file), 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false);
  const names = new Set<string>();
  for (const statement of source.statements) {
    if (ts.isExportDeclaration(statement)) {
      const clause = statement.exportClause;
      if (clause && ts.isNamedExports(clause)) {
        for (const element of clause.elements) names.add(element.name.text);
      }
      continue;
    }
    const exported = ts.canHaveModifiers(statement)
      ? ts.getModifiers(statement)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)
      : false;
    if (!exported) continue;
    if (ts.isVariableStatement(statement)) {
      for (const d of statement.declarationList.declarations) {
        if (ts.isIdentifier(d.name)) names.add(d.name.text);
      }
    } else if (
      'name' in statement &&
      statement.name &&
      ts.isIdentifier(statement.name as ts.Node)
    ) {
      names.add((statement.name as ts.Identifier).text);
    }
  }
  return names;
}

/** The table's rows: each listed name with the entry point it is now imported from. */
function movedNames(): { name: string; from: string }[] {
  const readme = readFileSync(join(tune, 'README.md'), 'utf8');
  const start = readme.indexOf('**Where did it go?**');
  expect(start, 'packages/tune/README.md has no "Where did it go?" table').toBeGreaterThan(-1);
  const rows: { name: string; from: string }[] = [];
  for (const line of readme.slice(start).split('\n').slice(1)) {
    if (rows.length > 0 && !line.startsWith('|')) break;
    const cells = /^\|([^|]+)\|\s*`([^`]+)`\s*\|$/.exec(line.trim());
    if (!cells?.[1] || !cells[2]) continue;
    for (const name of cells[1].matchAll(/`([^`]+)`/g)) {
      rows.push({ name: name[1] as string, from: cells[2] });
    }
  }
  return rows;
}

describe('tune: where the names that left the root went', () => {
  const exports = Object.fromEntries(
    Object.entries(ENTRY_POINTS).map(([spec, file]) => [spec, exportedNames(file)]),
  );

  it('each name of the table is exported by the entry point it names, and not by the root', () => {
    const rows = movedNames();
    expect(rows.length).toBeGreaterThan(0);
    for (const { name, from } of rows) {
      expect(Object.keys(ENTRY_POINTS), `${name}: unknown entry point ${from}`).toContain(from);
      expect(exports[from]?.has(name), `${name} is not exported by ${from}`).toBe(true);
      expect(exports['@tfjs-noise/tune']?.has(name), `${name} is still at the root`).toBe(false);
    }
  });

  it('lists every export of @tfjs-noise/tune/blocks', () => {
    const listed = new Set(movedNames().map((row) => row.name));
    const blocks = [...(exports['@tfjs-noise/tune/blocks'] ?? [])];
    expect(blocks.length).toBeGreaterThan(0);
    expect(blocks.filter((name) => !listed.has(name))).toEqual([]);
  });

  it('keeps the workflow at the root', () => {
    const rootNames = exports['@tfjs-noise/tune'] ?? new Set();
    for (const name of ['searchNoise', 'fitBest', 'SearchOptions', 'SearchResult', 'MLP_BUILDER']) {
      expect(rootNames.has(name), name).toBe(true);
    }
  });
});
