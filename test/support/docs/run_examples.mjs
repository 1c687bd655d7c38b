// Runs prepared JSDoc examples (ES modules written by test/support/docs/prints.ts) one after the
// other in this Node process, and writes, for each, what its marked lines printed, its error if
// it threw, and its time in milliseconds, as JSON to the file named first.
//
//   node run_examples.mjs <out.json> <example.mjs>...

import { writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { format } from 'node:util';

const [out, ...files] = process.argv.slice(2);
const results = {};
let current = null;
// The examples call this in place of console.log on their `// prints:` lines.
globalThis.__jsdocPrint = (line, ...args) => {
  current.prints[line] ??= [];
  current.prints[line].push(format(...args));
};
for (const file of files) {
  current = { prints: {}, error: null, ms: 0 };
  results[file] = current;
  const start = performance.now();
  try {
    await import(pathToFileURL(file).href);
  } catch (e) {
    current.error = e instanceof Error ? (e.stack ?? e.message) : String(e);
  }
  current.ms = Math.round(performance.now() - start);
}
writeFileSync(out, JSON.stringify(results));
