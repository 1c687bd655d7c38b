/** The command line that started the demo, as the user can type it again. */
import { relative } from 'node:path';

/** What {@link commandLine} reads of the process (all of it by default). */
export interface ProcessView {
  argv: string[];
  execArgv: string[];
  cwd: string;
  env: Record<string, string | undefined>;
}

/**
 * The command that ran: `pnpm demo ...` when started by a package script (pnpm or npm sets
 * `npm_lifecycle_event`), else `node --import tsx <script> ...` or `tsx <script> ...` with the
 * script relative to the working directory, followed by the arguments as given.
 */
export function commandLine(
  view: ProcessView = {
    argv: process.argv,
    execArgv: process.execArgv,
    cwd: process.cwd(),
    env: process.env,
  },
): string {
  const args = view.argv.slice(2);
  const event = view.env.npm_lifecycle_event;
  const script = view.env.npm_lifecycle_script ?? '';
  let start: string;
  if (event !== undefined && script.includes('circles/main.ts')) {
    start = `pnpm ${event}`;
  } else {
    const file = relative(view.cwd, view.argv[1] ?? '');
    const node = view.execArgv.join(' ');
    if (node === '--import tsx' || node === '') start = `node ${node} ${file}`.replace(/ +/g, ' ');
    else if (node.includes('tsx'))
      start = `tsx ${file}`; // the tsx command's own loader flags
    else start = `node ${node} ${file}`;
  }
  return [start, ...args].join(' ');
}
