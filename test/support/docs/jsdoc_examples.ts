/**
 * The JSDoc examples of the published packages, as the docs tests read them: every ```ts block
 * inside an `@example` tag of a JSDoc comment under the packages' `src/`, and the module text
 * each is compiled or run as (the prelude below, then the block).
 *
 * The prelude (a line is left out when the example imports that name itself):
 *
 *     import * as tf from '@tensorflow/tfjs';
 *     import * as tfn from 'tfjs-noise';
 *
 * Examples may use top-level `await`. Imports from `@tfjs-noise/tune` and `tfjs-noise/node` are
 * written out in the example.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root. */
export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** The sources whose `@example`s are read. */
export const SOURCE_DIRS = ['packages/tfjs-noise/src', 'packages/tune/src'];

/** One ```ts block of an `@example`. */
export interface Example {
  /** Source file, relative to the repository root. */
  file: string;
  /** Line (1-based) of the example's first code line in the source file. */
  line: number;
  code: string;
}

const PRELUDE: { name: string; line: string }[] = [
  { name: 'tf', line: "import * as tf from '@tensorflow/tfjs';" },
  { name: 'tfn', line: "import * as tfn from 'tfjs-noise';" },
];

/** The `.ts` sources under `dir` (relative to the root; no `.d.ts`), sorted. */
export function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
    .map((f) => join(dir, f))
    .sort();
}

/**
 * The ```ts blocks inside `@example` tags of the JSDoc comments of `file`, and the `@example`
 * tags without one (as "file:line").
 */
export function examplesOf(file: string): { examples: Example[]; empty: string[] } {
  const text = readFileSync(join(ROOT, file), 'utf8');
  const examples: Example[] = [];
  const empty: string[] = [];
  for (const match of text.matchAll(/\/\*\*[\s\S]*?\*\//g)) {
    const firstLine = text.slice(0, match.index).split('\n').length;
    const lines = match[0]
      .slice(3, -2)
      .split('\n')
      .map((l) => l.replace(/^\s*\* ?/, ''));
    let tag: { line: number; blocks: number } | null = null;
    let block: { line: number; code: string[] } | null = null;
    const closeTag = () => {
      if (tag && tag.blocks === 0) empty.push(`${file}:${tag.line}`);
      tag = null;
    };
    lines.forEach((l, i) => {
      const line = firstLine + i;
      if (block) {
        if (/^\s*```\s*$/.test(l)) {
          examples.push({ file, line: block.line, code: block.code.join('\n') });
          block = null;
        } else {
          block.code.push(l);
        }
        return;
      }
      if (/^\s*@\w+/.test(l)) {
        closeTag();
        if (/^\s*@example\b/.test(l)) tag = { line, blocks: 0 };
        return;
      }
      if (tag && /^\s*```(ts|typescript)\s*$/.test(l)) {
        tag.blocks++;
        block = { line: line + 1, code: [] };
      }
    });
    closeTag();
  }
  return { examples, empty };
}

/** Every example of {@link SOURCE_DIRS}, and the `@example` tags without a ```ts block. */
export function allExamples(): { examples: Example[]; empty: string[] } {
  const collected = SOURCE_DIRS.flatMap(sourceFiles).map(examplesOf);
  return {
    examples: collected.flatMap((c) => c.examples),
    empty: collected.flatMap((c) => c.empty),
  };
}

/**
 * The module an example is compiled as: the prelude lines it needs, `export {}` (so that even an
 * import-free example is a module: top-level await, its own scope), then the code.
 */
export function moduleText(code: string): { text: string; preludeLines: number } {
  const prelude = PRELUDE.filter(
    ({ name }) => !new RegExp(`^\\s*import\\b[^;]*\\b${name}\\b[^;]*\\bfrom\\b`, 'm').test(code),
  ).map((p) => p.line);
  const head = [...prelude, 'export {};'];
  return { text: `${head.join('\n')}\n${code}\n`, preludeLines: head.length };
}
