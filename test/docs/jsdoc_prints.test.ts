/**
 * The JSDoc examples that say what they print are run, and say it right: every line
 * `console.log(...); // prints: <output>` of an `@example` (test/support/docs/prints.ts has the
 * convention and how output is compared) runs in Node against the built packages (their `dist/`,
 * as a user imports them), and its output must match the comment. A `console.log` line whose
 * comment states a value without `prints:` (`console.log(n); // 1000`) fails too: it would go
 * unchecked.
 *
 * Only the examples with a `// prints:` line run (one Node process runs them one after the
 * other), with the placeholders of the typecheck made concrete (placeholders.mjs beside
 * prints.ts: 40 rows of 2 features, a 0/1 target, a GaussianJitter and a Dense layer). An
 * example whose output would need a long search or training to know claims nothing with
 * `// prints:`.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { allExamples, ROOT } from '../support/docs/jsdoc_examples';
import {
  normalizePrinted,
  type PrintClaim,
  printClaims,
  runnableModule,
  unmarkedValues,
} from '../support/docs/prints';

const SUPPORT = join(ROOT, 'test', 'support', 'docs');

/** What run_examples.mjs reports for one example. */
interface RunResult {
  prints: Record<string, string[]>;
  error: string | null;
  ms: number;
}

const { examples } = allExamples();
const marked = examples
  .map((example) => ({ example, ...printClaims(example) }))
  .filter((e) => e.claims.length > 0 || e.errors.length > 0);

// Inside test/, so that the examples resolve the packages as test/ does (its node_modules).
const dir = mkdtempSync(join(ROOT, 'test', '.jsdoc-prints-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function runExamples(files: string[], out: string): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [join(SUPPORT, 'run_examples.mjs'), out, ...files],
      { cwd: dir, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
      (error, _stdout, stderr) =>
        error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(),
    );
  });
}

describe('JSDoc examples that say what they print', () => {
  it('have one console.log( on each // prints: line', () => {
    expect(marked.flatMap((e) => e.errors)).toEqual([]);
  });

  it('state no printed value in a comment without // prints: (it would go unchecked)', () => {
    expect(examples.flatMap(unmarkedValues)).toEqual([]);
  });

  it('print what their // prints: comments say (run against the built packages)', async () => {
    const placeholders = pathToFileURL(join(SUPPORT, 'placeholders.mjs')).href;
    const files = marked.map(({ example, claims }, i) => {
      const file = join(dir, `example_${i}.mjs`);
      writeFileSync(file, runnableModule(example, claims, placeholders));
      return file;
    });
    const out = join(dir, 'results.json');
    await runExamples(files, out);
    const results: Record<string, RunResult> = JSON.parse(readFileSync(out, 'utf8'));
    const wrong: string[] = [];
    const where = (e: { file: string }, c: PrintClaim) => `${e.file}:${c.line}`;
    marked.forEach(({ example, claims }, i) => {
      const r = results[files[i]!]!;
      if (r.error) {
        wrong.push(`${example.file}:${example.line}: the example threw: ${r.error}`);
        return;
      }
      for (const c of claims) {
        const printed = r.prints[String(c.index)];
        if (!printed) wrong.push(`${where(example, c)}: printed nothing (the line did not run)`);
        else if (normalizePrinted(printed.join('\n')) !== normalizePrinted(c.expected)) {
          wrong.push(`${where(example, c)}: prints ${printed.join('\n')}, not ${c.expected}`);
        }
      }
    });
    expect(wrong).toEqual([]);
    // Not vacuous: the examples that print a value were found and ran.
    const claims = marked.reduce((n, e) => n + e.claims.length, 0);
    expect(claims).toBeGreaterThanOrEqual(20);
    const slow = marked
      .map(({ example }, i) => `${example.file}:${example.line} ${results[files[i]!]!.ms} ms`)
      .filter((_, i) => results[files[i]!]!.ms > 1000);
    console.log(
      `${claims} printed values checked in ${marked.length} examples; over 1 s: ${slow.join(', ') || 'none'}`,
    );
  }, 300_000);
});
