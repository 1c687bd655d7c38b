/**
 * docs/api-names.md lists every public name of the published packages, by entry point, and
 * each name is exported once: the table is checked against the built `.d.ts` of every entry
 * point of tfjs-noise and @tfjs-noise/tune (their package.json `exports`), as a user's compiler
 * reads them (see test/support/docs/api_names.ts).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  entryPoints,
  type PublicName,
  publicNames,
  rowOf,
  TABLE_PAGE,
  tableRows,
} from '../support/docs/api_names';
import { ROOT } from '../support/docs/jsdoc_examples';

const names = publicNames();
const rows = tableRows(readFileSync(join(ROOT, TABLE_PAGE), 'utf8'));
const key = (n: { entry: string; name: string }) => `${n.entry}: ${n.name}`;

describe(`${TABLE_PAGE}: every public name by entry point`, () => {
  it('reads every entry point of both packages (not vacuous)', () => {
    const entries = entryPoints().map((e) => e.entry);
    expect(entries).toEqual(
      expect.arrayContaining(['tfjs-noise', 'tfjs-noise/node', 'tfjs-noise/extend']),
    );
    expect(entries).toContain('@tfjs-noise/tune');
    for (const entry of entries) {
      expect(
        names.some((n) => n.entry === entry),
        `${entry} exports nothing`,
      ).toBe(true);
    }
    expect(names.length).toBeGreaterThan(150);
  });

  it('lists every exported name, with its kind', () => {
    const listed = new Map(rows.map((r) => [key(r), r]));
    const missing = names.filter((n) => !listed.has(key(n)));
    // The rows to add, ready to paste.
    expect(missing.map(rowOf), `exported but not in ${TABLE_PAGE}`).toEqual([]);
    const wrongKind = names
      .filter((n) => listed.has(key(n)) && listed.get(key(n))?.kind !== n.kind)
      .map((n) => `${key(n)} is a ${n.kind}, not a ${listed.get(key(n))?.kind}`);
    expect(wrongKind).toEqual([]);
  });

  it('lists only exported names, each once, each with a description', () => {
    const exported = new Set(names.map(key));
    const stale = rows.filter((r) => !exported.has(key(r)));
    expect(
      stale.map((r) => `${TABLE_PAGE}:${r.line}: ${key(r)}`),
      'listed but not exported',
    ).toEqual([]);
    const seen = new Set<string>();
    const twice = rows.filter((r) => seen.has(key(r)) || !seen.add(key(r)));
    expect(twice.map((r) => `${TABLE_PAGE}:${r.line}: ${key(r)}`)).toEqual([]);
    expect(rows.filter((r) => r.description === '').map(key)).toEqual([]);
  });

  it('exports each name from one entry point only', () => {
    // The same name at the top of two entry points (of either package).
    const byName = new Map<string, string[]>();
    for (const n of names.filter((n) => !n.name.includes('.'))) {
      byName.set(n.name, [...(byName.get(n.name) ?? []), n.entry]);
    }
    const sameName = [...byName]
      .filter(([, entries]) => entries.length > 1)
      .map(([name, entries]) => `${name}: ${entries.join(', ')}`);
    expect(sameName, 'one name, two entry points').toEqual([]);
    // One declaration reachable under two names (a re-export, a namespace's member).
    const byDeclaration = new Map<unknown, PublicName[]>();
    for (const n of names) {
      if (!n.declaration) continue;
      byDeclaration.set(n.declaration, [...(byDeclaration.get(n.declaration) ?? []), n]);
    }
    const sameDeclaration = [...byDeclaration.values()]
      .filter((list) => list.length > 1)
      .map((list) => list.map(key).join(' = '));
    expect(sameDeclaration, 'one declaration exported twice').toEqual([]);
  });
});
