/**
 * The public names of the published packages as a user's compiler sees them: every entry point
 * of `tfjs-noise` and `@tfjs-noise/tune` (read from their package.json `exports`), each read
 * from its built `.d.ts` (`dist/`, as published) with the TypeScript checker; the members of an
 * exported namespace (`tfn.layers`, ...) are names too (`layers.gaussianJitter`). And the table
 * of docs/api-names.md, which lists them. Used by test/docs/api_names.test.ts; run this file
 * (`node --import tsx test/support/docs/api_names.ts`) to print the table's rows from the build.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';
import { ROOT } from './jsdoc_examples';

/** The published packages, by folder under packages/. */
export const PACKAGES = ['tfjs-noise', 'tune'] as const;

/** The table's page, relative to the repository root. */
export const TABLE_PAGE = 'docs/api-names.md';

/** What a name is. */
export type NameKind = 'class' | 'function' | 'const' | 'interface' | 'type' | 'namespace';

/** One public name of one entry point. */
export interface PublicName {
  /** The specifier users import, e.g. `tfjs-noise/extend`. */
  entry: string;
  /** The name, with its namespace for a namespace's member: `layers.gaussianJitter`. */
  name: string;
  kind: NameKind;
  /** The first sentence of its JSDoc (for the table's rows). */
  summary: string;
  /** The declaration it resolves to, to find one declaration exported twice. */
  declaration: ts.Declaration | undefined;
}

/** An entry point: its specifier and its built declaration file. */
export interface EntryPoint {
  entry: string;
  dts: string;
}

/** Every entry point of the published packages, in package.json order. */
export function entryPoints(): EntryPoint[] {
  return PACKAGES.flatMap((folder) => {
    const dir = join(ROOT, 'packages', folder);
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
      name: string;
      exports: Record<string, string | { import?: { types?: string } }>;
    };
    return Object.entries(pkg.exports).flatMap(([subpath, target]) => {
      const types = typeof target === 'string' ? undefined : target.import?.types;
      if (!types) return []; // ./package.json
      const entry = subpath === '.' ? pkg.name : `${pkg.name}/${subpath.replace(/^\.\//, '')}`;
      return [{ entry, dts: join(dir, types) }];
    });
  });
}

/** The symbol behind an alias (an `export { a as b }`, an import). */
function resolved(checker: ts.TypeChecker, symbol: ts.Symbol): ts.Symbol {
  return symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
}

/**
 * The symbol a bundled declaration stands for: a namespace member is written
 * `declare const ns_f: typeof f` (and `type ns_T = T`), so follow `typeof X` and a bare
 * `type A = B` to X and B.
 */
function underlying(checker: ts.TypeChecker, symbol: ts.Symbol, depth = 0): ts.Symbol {
  const s = resolved(checker, symbol);
  if (depth > 8) return s;
  for (const d of s.declarations ?? []) {
    let next: ts.Node | undefined;
    if (ts.isVariableDeclaration(d) && d.type && ts.isTypeQueryNode(d.type)) {
      next = d.type.exprName;
    } else if (
      ts.isTypeAliasDeclaration(d) &&
      ts.isTypeReferenceNode(d.type) &&
      !d.type.typeArguments &&
      !d.typeParameters
    ) {
      next = d.type.typeName;
    }
    const target = next && checker.getSymbolAtLocation(next);
    if (target) return underlying(checker, target, depth + 1);
  }
  return s;
}

function kindOf(symbol: ts.Symbol): NameKind {
  const f = symbol.flags;
  if (f & ts.SymbolFlags.Class) return 'class';
  if (f & ts.SymbolFlags.Function) return 'function';
  if (f & ts.SymbolFlags.Module) return 'namespace';
  if (f & ts.SymbolFlags.Variable) return 'const';
  if (f & ts.SymbolFlags.Interface) return 'interface';
  if (f & ts.SymbolFlags.TypeAlias) return 'type';
  throw new Error(`unknown kind of ${symbol.name} (flags ${f})`);
}

/** The first sentence (or clause) of a symbol's JSDoc, on one line, links as code. */
function summaryOf(checker: ts.TypeChecker, symbol: ts.Symbol): string {
  const text = ts
    .displayPartsToString(symbol.getDocumentationComment(checker))
    .replace(/\{@link\s+([^}|\s]+)[^}]*\}/g, '`$1`')
    .replace(/\s+/g, ' ')
    .trim();
  let code = false;
  let depth = 0; // parentheses
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (c === '`') code = !code;
    if (!code && c === '(') depth++;
    if (!code && c === ')') depth = Math.max(0, depth - 1);
    if (code || depth > 0 || !/[.:;]/.test(c) || !/^(\s|$)/.test(text.slice(i + 1, i + 2))) {
      continue;
    }
    if (c === '.' && /\b(e\.g|i\.e|al|etc|vs)$/.test(text.slice(0, i))) continue;
    return text.slice(0, i).replace(/\|/g, '\\|');
  }
  return text.replace(/\|/g, '\\|');
}

/** Every public name of every entry point, read from the built `.d.ts` files. */
export function publicNames(): PublicName[] {
  const entries = entryPoints();
  const program = ts.createProgram({
    rootNames: entries.map((e) => e.dts),
    options: { noEmit: true, skipLibCheck: true, strict: true, types: [] },
  });
  const checker = program.getTypeChecker();
  const names: PublicName[] = [];
  for (const { entry, dts } of entries) {
    const source = program.getSourceFile(dts);
    const moduleSymbol = source && checker.getSymbolAtLocation(source);
    if (!moduleSymbol) throw new Error(`${entry}: cannot read ${dts} (build the packages first)`);
    const visit = (container: ts.Symbol, prefix: string) => {
      for (const exported of checker.getExportsOfModule(container)) {
        const target = underlying(checker, exported);
        const kind = kindOf(target);
        names.push({
          entry,
          name: `${prefix}${exported.name}`,
          kind,
          summary: summaryOf(checker, target) || summaryOf(checker, resolved(checker, exported)),
          declaration: target.declarations?.[0],
        });
        if (kind === 'namespace') visit(target, `${prefix}${exported.name}.`);
      }
    };
    visit(moduleSymbol, '');
  }
  return names;
}

/** One row of the table. */
export interface TableRow {
  entry: string;
  name: string;
  kind: string;
  description: string;
  /** Line in the page (1-based). */
  line: number;
}

/**
 * The rows of the page's tables: `| \`entry\` | \`name\` | kind | description |` (a header
 * and a separator line are skipped).
 */
export function tableRows(text: string): TableRow[] {
  const rows: TableRow[] = [];
  text.split('\n').forEach((line, i) => {
    const m = /^\|\s*`([^`]+)`\s*\|\s*`([^`]+)`\s*\|\s*([a-z]+)\s*\|(.*)\|\s*$/.exec(line);
    if (!m) return;
    rows.push({
      entry: m[1] as string,
      name: m[2] as string,
      kind: m[3] as string,
      description: (m[4] as string).trim(),
      line: i + 1,
    });
  });
  return rows;
}

/** A name as a table row. */
export function rowOf(n: Pick<PublicName, 'entry' | 'name' | 'kind' | 'summary'>): string {
  return `| \`${n.entry}\` | \`${n.name}\` | ${n.kind} | ${n.summary} |`;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const n of publicNames()) console.log(rowOf(n));
}
