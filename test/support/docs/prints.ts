/**
 * The `// prints:` convention of the JSDoc examples, and the examples made runnable.
 *
 * A line `console.log(...); // prints: <output>` claims what that call prints in Node (as
 * `console.log` formats: strings as they are, other values as `util.inspect` shows them). The
 * claim may go on over the comment-only lines right after it whose text is indented (`//   more`;
 * a comment `// Text` starts a new remark). Output and claim are compared
 * with runs of spaces and line breaks read as one space, and no space just inside brackets,
 * braces and parentheses: `[ 'a', 'b' ]` (what Node prints) matches `['a', 'b']`.
 */
import ts from 'typescript';
import { type Example, moduleText } from './jsdoc_examples';

/** The names the examples may use without declaring them (see placeholders.mjs). */
export const PLACEHOLDER_NAMES = ['model', 'xs', 'ys', 'x', 'y'];

/** One `// prints:` claim of an example. */
export interface PrintClaim {
  /** Index of the claiming line in the example's code (0-based). */
  index: number;
  /** Its line in the source file (1-based). */
  line: number;
  /** What the comment says is printed (continuation lines joined with a space). */
  expected: string;
}

const PRINTS = /\/\/ prints:(.*)$/;

/**
 * The `// prints:` claims of an example, and its misuses (as "file:line: why"): a claim on a line
 * without exactly one `console.log(` call.
 */
export function printClaims(example: Example): { claims: PrintClaim[]; errors: string[] } {
  const lines = example.code.split('\n');
  const claims: PrintClaim[] = [];
  const errors: string[] = [];
  lines.forEach((text, index) => {
    const m = PRINTS.exec(text);
    if (!m) return;
    const line = example.line + index;
    const calls = text.slice(0, m.index).split('console.log(').length - 1;
    if (calls !== 1) {
      errors.push(
        `${example.file}:${line}: a // prints: comment needs one console.log( on its line`,
      );
      return;
    }
    const parts = [m[1]!.trim()];
    for (let k = index + 1; k < lines.length; k++) {
      const more = /^\s*\/\/\s{2,}(\S.*)$/.exec(lines[k]!);
      if (!more || PRINTS.test(lines[k]!)) break;
      parts.push(more[1]!.trim());
    }
    claims.push({ index, line, expected: parts.join(' ') });
  });
  return { claims, errors };
}

/** A `console.log(...);` line whose comment starts like a value (a literal, a number). */
const VALUE_COMMENT =
  /console\.log\(.*\);\s*\/\/\s*(?!prints:)(['"[{]|-?\d|true\b|false\b|null\b|undefined\b)/;

/**
 * The lines of an example (as "file:line") that state a printed value in a comment without
 * `// prints:` (so it would never be checked), e.g. `console.log(n); // 1000`.
 */
export function unmarkedValues(example: Example): string[] {
  return example.code
    .split('\n')
    .flatMap((text, i) =>
      VALUE_COMMENT.test(text) ? [`${example.file}:${example.line + i}`] : [],
    );
}

/** Printed text as it is compared (see the module comment). */
export function normalizePrinted(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/([[{(]) /g, '$1')
    .replace(/ ([\]})])/g, '$1');
}

/** The names an example's top level declares or imports. */
function topLevelNames(code: string): Set<string> {
  const source = ts.createSourceFile('x.ts', code, ts.ScriptTarget.Latest, false);
  const names = new Set<string>();
  const bind = (name: ts.BindingName) => {
    if (ts.isIdentifier(name)) names.add(name.text);
    else for (const e of name.elements) if (!ts.isOmittedExpression(e)) bind(e.name);
  };
  for (const s of source.statements) {
    if (ts.isVariableStatement(s)) for (const d of s.declarationList.declarations) bind(d.name);
    else if ((ts.isFunctionDeclaration(s) || ts.isClassDeclaration(s)) && s.name) {
      names.add(s.name.text);
    } else if (ts.isImportDeclaration(s) && s.importClause) {
      const { name, namedBindings } = s.importClause;
      if (name) names.add(name.text);
      if (namedBindings && ts.isNamespaceImport(namedBindings)) names.add(namedBindings.name.text);
      if (namedBindings && ts.isNamedImports(namedBindings)) {
        for (const e of namedBindings.elements) names.add(e.name.text);
      }
    }
  }
  return names;
}

/**
 * The example as a JavaScript module that runs in Node: the prelude, the placeholders it does
 * not declare itself (from `placeholdersUrl`), its other `console.log` calls silenced, and each
 * claiming line's call replaced by `__jsdocPrint(<index>, ...)` (see run_examples.mjs).
 */
export function runnableModule(example: Example, claims: PrintClaim[], placeholdersUrl: string) {
  const lines = example.code.split('\n');
  for (const c of claims) {
    lines[c.index] = lines[c.index]!.replace('console.log(', `__jsdocPrint(${c.index}, `);
  }
  const code = lines.join('\n');
  const declared = topLevelNames(code);
  const needed = PLACEHOLDER_NAMES.filter((n) => !declared.has(n));
  const head = [
    `import { placeholders as __placeholders } from '${placeholdersUrl}';`,
    `const { ${needed.join(', ')} } = __placeholders();`,
    'const console = { ...globalThis.console, log() {} };',
    'const __jsdocPrint = globalThis.__jsdocPrint;',
  ];
  const { text } = moduleText(`${head.join('\n')}\n${code}`);
  return ts.transpileModule(text, {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
  }).outputText;
}
