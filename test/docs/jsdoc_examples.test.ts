/**
 * The JSDoc examples of the published packages (tfjs-noise, @tfjs-noise/tune) are code a user can
 * paste:
 *
 * - every symbol exported by an entry point (`tfjs-noise`, `tfjs-noise/node`, `tfjs-noise/extend`,
 *   `@tfjs-noise/tune`,
 *   `@tfjs-noise/tune/mlp`, `@tfjs-noise/tune/convnet`, `@tfjs-noise/tune/blocks`,
 *   `@tfjs-noise/tune/kinds`, members of
 *   exported namespaces such as `tfn.layers` included) has a JSDoc `@example`, and every
 *   `@example` holds a ```ts block;
 * - every ```ts block inside an `@example` of the packages' `src/` typechecks with `strict`,
 *   against the built packages (their `dist/*.d.ts`, as a user compiles), in one TypeScript
 *   program.
 *
 * Each example is compiled as its own module, after the prelude of
 * test/support/docs/jsdoc_examples.ts (`tf` and `tfn` imported when the example does not), and
 * with these placeholders declared, for fragments that work on "your" model and data (an
 * example's own declarations of the same names take precedence):
 *
 *     model: tf.Sequential    a model to add layers to, compile, fit and save
 *     xs, ys: tf.Tensor       training inputs and targets
 *     x: number[][]           feature rows (tune's data)
 *     y: number[]             one target per row (tune's data)
 *
 * The examples that claim what they print (`// prints:`) are also run: jsdoc_prints.test.ts.
 */
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import {
  allExamples,
  type Example,
  moduleText,
  ROOT as root,
} from '../support/docs/jsdoc_examples';

const here = join(root, 'test', 'docs');

/** The published entry points, by the specifier users import. */
const ENTRY_POINTS: Record<string, string> = {
  'tfjs-noise': 'packages/tfjs-noise/src/index.ts',
  'tfjs-noise/node': 'packages/tfjs-noise/src/node.ts',
  'tfjs-noise/extend': 'packages/tfjs-noise/src/extend.ts',
  '@tfjs-noise/tune': 'packages/tune/src/index.ts',
  '@tfjs-noise/tune/mlp': 'packages/tune/src/mlp.ts',
  '@tfjs-noise/tune/convnet': 'packages/tune/src/convnet.ts',
  '@tfjs-noise/tune/blocks': 'packages/tune/src/blocks.ts',
  '@tfjs-noise/tune/kinds': 'packages/tune/src/model/kinds.ts',
};

/** Ambient placeholders (a global script, so module-level declarations shadow them). */
const PLACEHOLDERS = `
declare const model: import('@tensorflow/tfjs').Sequential;
declare const xs: import('@tensorflow/tfjs').Tensor;
declare const ys: import('@tensorflow/tfjs').Tensor;
declare const x: number[][];
declare const y: number[];
`;

const OPTIONS: ts.CompilerOptions = {
  strict: true,
  noEmit: true,
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
  types: ['node'],
  esModuleInterop: true,
  skipLibCheck: true,
};

const { examples, empty: emptyTags } = allExamples();

const virtualDir = join(here, '__examples__');
const virtual = new Map<string, { example: Example; text: string; preludeLines: number }>();
examples.forEach((example, i) => {
  const name = `${example.file.replace(/[/\\.]/g, '_')}_${example.line}_${i}.ts`;
  virtual.set(join(virtualDir, name), { example, ...moduleText(example.code) });
});
const placeholders = join(virtualDir, 'placeholders.d.ts');

const host = ts.createCompilerHost(OPTIONS);
const { getSourceFile, fileExists, readFile } = host;
const virtualText = (f: string) =>
  f === placeholders ? PLACEHOLDERS : (virtual.get(f)?.text ?? undefined);
host.getSourceFile = (f, ...rest) => {
  const text = virtualText(f);
  return text === undefined
    ? getSourceFile.call(host, f, ...rest)
    : ts.createSourceFile(f, text, ts.ScriptTarget.ES2022, true);
};
host.fileExists = (f) => virtualText(f) !== undefined || fileExists.call(host, f);
host.readFile = (f) => virtualText(f) ?? readFile.call(host, f);
host.getCurrentDirectory = () => join(root, 'test');

const entryFiles = Object.values(ENTRY_POINTS).map((f) => join(root, f));
const program = ts.createProgram({
  rootNames: [...entryFiles, placeholders, ...virtual.keys()],
  options: OPTIONS,
  host,
});

/** Exported names of an entry point that have no `@example`, as "specifier: name". */
function withoutExample(specifier: string, file: string): string[] {
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(file);
  const moduleSymbol = source && checker.getSymbolAtLocation(source);
  if (!moduleSymbol) return [`${specifier}: the entry point ${file} was not found`];
  const missing: string[] = [];
  const visit = (symbol: ts.Symbol, prefix: string) => {
    for (const exported of checker.getExportsOfModule(symbol)) {
      const target =
        exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
      const declarations = target.declarations ?? [];
      // `export * as layers from ...`: the namespace's members are the public symbols.
      if (declarations.some(ts.isSourceFile)) {
        visit(target, `${prefix}${exported.name}.`);
        continue;
      }
      const documented = declarations.some((d) =>
        ts.getJSDocTags(d).some((tag) => tag.tagName.text === 'example'),
      );
      if (!documented) missing.push(`${specifier}: ${prefix}${exported.name}`);
    }
  };
  visit(moduleSymbol, '');
  return missing;
}

describe('JSDoc examples of the published packages', () => {
  it('every export of the entry points has an @example', () => {
    const missing = Object.entries(ENTRY_POINTS).flatMap(([specifier, file]) =>
      withoutExample(specifier, join(root, file)),
    );
    expect(missing).toEqual([]);
  });

  it('every @example holds a ```ts block', () => {
    expect(emptyTags).toEqual([]);
  });

  it('every ```ts block of an @example typechecks (strict) against the built packages', () => {
    const errors: string[] = [];
    for (const [name, { example, preludeLines }] of virtual) {
      const source = program.getSourceFile(name);
      if (!source) throw new Error(`example ${name} is not in the program`);
      const diagnostics = [
        ...program.getSyntacticDiagnostics(source),
        ...program.getSemanticDiagnostics(source),
      ];
      for (const d of diagnostics) {
        const at = d.start === undefined ? 0 : source.getLineAndCharacterOfPosition(d.start).line;
        const line = example.line + Math.max(0, at - preludeLines);
        const message = ts.flattenDiagnosticMessageText(d.messageText, '\n');
        errors.push(`${example.file}:${line}: TS${d.code} ${message}`);
      }
    }
    const placeholderErrors = program.getSemanticDiagnostics(program.getSourceFile(placeholders));
    expect(placeholderErrors.map((d) => d.messageText)).toEqual([]);
    expect(errors).toEqual([]);
    // Not vacuous: at least one example per export of tfjs-noise's main entry point.
    expect(examples.length).toBeGreaterThan(50);
    console.log(`${examples.length} JSDoc examples typechecked`);
  });
});
