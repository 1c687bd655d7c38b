#!/usr/bin/env node
/**
 * The `tfjs-noise-tune` command: see `args.ts` for the flags and `main.ts` for what it
 * does. Runs from source too: `npx tsx packages/tune/src/cli/bin.ts data.csv --target y`.
 */
import { main } from './main';

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    console.error(err);
    process.exitCode = 1;
  },
);
