/**
 * Command-line flags of the example scripts. Each script declares its flags with their checks;
 * a bad value, a missing value, an unknown flag or a stray argument is a {@link FlagError}, which
 * {@link runScript} prints as one line on stderr (no stack trace) before exiting with code 2,
 * before the script trains or writes anything.
 */
import { existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';

/** A bad command line: printed as one line, exit code 2. */
export class FlagError extends Error {
  override name = 'FlagError';
}

/** One flag and its check. */
export type Flag =
  | { type: 'boolean' }
  | { type: 'int'; default: number; min: number }
  | { type: 'number'; default: number; min: number; exclusive?: boolean }
  | { type: 'choice'; default: string; values: readonly string[] }
  | { type: 'list'; default: readonly string[]; values: readonly string[] }
  | { type: 'folder'; default: string };

/** The parsed values of a flag spec. */
export type Flags<S extends Record<string, Flag>> = {
  [K in keyof S]: S[K] extends { type: 'boolean' }
    ? boolean
    : S[K] extends { type: 'int' | 'number' }
      ? number
      : S[K] extends { type: 'list' }
        ? string[]
        : string;
};

/** A plain decimal number (no hex, binary, octal, `Infinity` or spaces). */
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** The backend flag shared by the examples. */
export const BACKEND_FLAG = { type: 'choice', default: 'wasm', values: ['wasm', 'cpu'] } as const;

/** Parses and checks `argv` against `spec`; throws a {@link FlagError} naming the flag. */
export function parseFlags<S extends Record<string, Flag>>(
  spec: S,
  argv: string[] = process.argv.slice(2),
): Flags<S> {
  const options = Object.fromEntries(
    Object.entries(spec).map(([name, f]) => [
      name,
      { type: f.type === 'boolean' ? ('boolean' as const) : ('string' as const) },
    ]),
  );
  // `pnpm demo -- --full` passes the `--` on.
  const args = argv[0] === '--' ? argv.slice(1) : argv;
  let values: Record<string, string | boolean | undefined>;
  try {
    values = parseArgs({ args, options, strict: true, allowPositionals: false })
      .values as typeof values;
  } catch (err) {
    const message = (err as Error).message.split('\n')[0] as string;
    const unknown = /^Unknown option '([^']*)'/.exec(message);
    const known = Object.keys(spec)
      .map((n) => `--${n}`)
      .join(', ');
    throw new FlagError(
      unknown ? `unknown flag '${unknown[1]}' (flags: ${known}).` : `${message} (flags: ${known}).`,
    );
  }
  const out: Record<string, string | number | boolean | readonly string[]> = {};
  for (const [name, f] of Object.entries(spec)) {
    const v = values[name];
    out[name] = f.type === 'boolean' ? v === true : check(`--${name}`, f, v as string | undefined);
  }
  return out as Flags<S>;
}

function check(flag: string, f: Exclude<Flag, { type: 'boolean' }>, v: string | undefined) {
  if (v === undefined) return f.default;
  const bad = (what: string): never => {
    throw new FlagError(`${flag} must be ${what}, but got '${v}'.`);
  };
  switch (f.type) {
    case 'int': {
      const n = Number(v);
      if (!/^[+-]?\d+$/.test(v) || !Number.isSafeInteger(n) || n < f.min) {
        bad(`an integer >= ${f.min}`);
      }
      return n;
    }
    case 'number': {
      const n = Number(v);
      const ok = DECIMAL.test(v) && Number.isFinite(n) && (f.exclusive ? n > f.min : n >= f.min);
      if (!ok) bad(`a decimal number ${f.exclusive ? '>' : '>='} ${f.min}`);
      return n;
    }
    case 'choice':
      if (!f.values.includes(v)) bad(`one of ${f.values.join(', ')}`);
      return v;
    case 'list': {
      const items = v.split(',').map((x) => x.trim());
      if (items.some((x) => !f.values.includes(x))) {
        bad(`a comma-separated list of ${f.values.join(', ')}`);
      }
      return [...new Set(items)];
    }
    case 'folder': {
      if (v.trim() === '') bad('a folder path');
      let p = resolve(v);
      if (existsSync(p) && !statSync(p).isDirectory()) {
        throw new FlagError(`${flag} ${v} is a file, not a folder.`);
      }
      while (!existsSync(p)) p = dirname(p);
      if (!statSync(p).isDirectory()) {
        throw new FlagError(`${flag} ${v} cannot be created: ${p} is a file.`);
      }
      return v;
    }
  }
}

/**
 * Runs a script's `main`: a {@link FlagError} prints `<script>: error: <message>` on stderr and
 * exits with code 2; any other error prints with its stack and exits with code 1.
 */
export function runScript(script: string, main: () => Promise<void>): void {
  main().catch((err) => {
    if (err instanceof FlagError) {
      process.stderr.write(`${script}: error: ${err.message}\n`);
      process.exit(2);
    }
    console.error(err);
    process.exit(1);
  });
}
