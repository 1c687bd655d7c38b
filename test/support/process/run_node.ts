/**
 * Runs Node (with tsx, for TypeScript) in a child process without blocking the test worker's
 * event loop (a long synchronous child would starve vitest's worker RPC). Resolves with stdout;
 * rejects with an Error whose message includes stderr.
 */
import { execFile } from 'node:child_process';

export async function runNode(args: string[], cwd: string): Promise<string> {
  return (await runNodeOutput(args, cwd)).stdout;
}

/** As {@link runNode}, resolving with stdout and stderr (warnings go to stderr). */
export function runNodeOutput(
  args: string[],
  cwd: string,
): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', ...args],
      { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error) reject(new Error(`${error.message}\n${stderr}`));
        else resolve({ stdout, stderr });
      },
    );
  });
}
