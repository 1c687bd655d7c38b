/**
 * Command-line flags of the example and benchmark scripts, on Node's `util.parseArgs`. Each
 * script declares its flags with their checks;
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

/**
 * A default that depends on the script's boolean flags (`--quick`, `--full`): given their values,
 * it returns the default.
 */
export type SwitchDefault<T> = (switches: Readonly<Record<string, boolean>>) => T;

/** One flag and its check. */
export type Flag =
  | { type: 'boolean' }
  | { type: 'int'; default: number | SwitchDefault<number>; min: number }
  | { type: 'number'; default: number | SwitchDefault<number>; min: number; exclusive?: boolean }
  | { type: 'choice'; default: string; values: readonly string[] }
  | { type: 'list'; default: readonly string[]; values: readonly string[] }
  | { type: 'folder'; default: string }
  | { type: 'string'; default?: string };

/** The parsed values of a flag spec. */
export type Flags<S extends Record<string, Flag>> = {
  [K in keyof S]: S[K] extends { type: 'boolean' }
    ? boolean
    : S[K] extends { type: 'int' | 'number' }
      ? number
      : S[K] extends { type: 'list' }
        ? string[]
        : S[K] extends { type: 'string'; default: string }
          ? string
          : S[K] extends { type: 'string' }
            ? string | undefined
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
    // All of it: e.g. "--rounds -1" (parseArgs takes -1 for a flag) says to write --rounds=-1.
    const message = (err as Error).message.split('\n').join(' ');
    const unknown = /^Unknown option '([^']*)'/.exec(message);
    const known = Object.keys(spec)
      .map((n) => `--${n}`)
      .join(', ');
    throw new FlagError(
      unknown ? `unknown flag '${unknown[1]}' (flags: ${known}).` : `${message} (flags: ${known}).`,
    );
  }
  const switches: Record<string, boolean> = {};
  for (const [name, f] of Object.entries(spec)) {
    if (f.type === 'boolean') switches[name] = values[name] === true;
  }
  const out: Record<string, string | number | boolean | readonly string[] | undefined> = {
    ...switches,
  };
  for (const [name, f] of Object.entries(spec)) {
    if (f.type !== 'boolean') out[name] = check(`--${name}`, f, values[name] as string, switches);
  }
  return out as Flags<S>;
}

function check(
  flag: string,
  f: Exclude<Flag, { type: 'boolean' }>,
  v: string | undefined,
  switches: Readonly<Record<string, boolean>>,
) {
  if (v === undefined) return typeof f.default === 'function' ? f.default(switches) : f.default;
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
    case 'string':
      return v;
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

/**
 * Checks one value `v` given to `flag` as `f` says (an item of a comma-separated list, say);
 * throws a {@link FlagError} naming the flag.
 */
export function checkFlag<F extends Exclude<Flag, { type: 'boolean' }>>(
  flag: string,
  f: F,
  v: string,
): F extends { type: 'int' | 'number' } ? number : string {
  return check(flag, f, v, {}) as F extends { type: 'int' | 'number' } ? number : string;
}

/**
 * Runs `read` (a script's reading of its command line) as the script loads: a
 * {@link FlagError} prints `<script>: error: <message>` on stderr and exits with code 2 at once.
 */
export function readFlagsOrExit<T>(script: string, read: () => T): T {
  try {
    return read();
  } catch (err) {
    if (!(err instanceof FlagError)) throw err;
    process.stderr.write(`${script}: error: ${err.message}\n`);
    process.exit(2);
  }
}

/** {@link parseFlags} for a script that needs its flags as it loads (module-level constants). */
export function parseFlagsOrExit<S extends Record<string, Flag>>(
  script: string,
  spec: S,
  argv: string[] = process.argv.slice(2),
): Flags<S> {
  return readFlagsOrExit(script, () => parseFlags(spec, argv));
}
