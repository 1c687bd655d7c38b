/**
 * Runs a command in a child process without blocking the test worker's event loop (a long
 * synchronous child starves vitest's worker RPC). Resolves with stdout; rejects with an Error
 * that includes the output, also when the command outlasts `timeoutMs` (it is then killed).
 */
import { execFile } from 'node:child_process';

export interface RunOptions {
  cwd?: string;
  timeoutMs: number;
  env?: NodeJS.ProcessEnv;
}

export function run(command: string, args: string[], options: RunOptions): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      command,
      args,
      {
        cwd: options.cwd,
        env: options.env ?? process.env,
        encoding: 'utf8',
        maxBuffer: 64 * 1024 * 1024,
        timeout: options.timeoutMs,
        killSignal: 'SIGKILL',
      },
      (error, stdout, stderr) => {
        if (!error) resolve(stdout);
        else {
          const why = error.killed ? `killed after ${options.timeoutMs} ms` : error.message;
          reject(new Error(`${command} ${args.join(' ')} failed (${why}):\n${stdout}\n${stderr}`));
        }
      },
    );
  });
}
