/**
 * The progress bar: no ETA until a fit has ended (cli-progress estimates it from the rate of
 * finished fits, and printed `ETA 0s` before the first one), then an ETA.
 */
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { Job } from '../src/run/job';
import { createProgress } from '../src/run/progress';

/** A stream that says it is a terminal and keeps what is written to it. */
function fakeTerminal(): { stream: NodeJS.WriteStream; text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      chunks.push(String(chunk));
      done();
    },
  }) as unknown as NodeJS.WriteStream & { [k: string]: unknown };
  Object.assign(stream, {
    isTTY: true,
    columns: 200,
    cursorTo: (_x: number, _y?: number) => true,
    clearLine: () => true,
    clearScreenDown: () => true,
    moveCursor: () => true,
  });
  return { stream, text: () => chunks.join('') };
}

const job = { setting: { kind: 'input', amount: 0.1 } } as Job;

describe('progress bar', () => {
  it('prints no ETA before the first fit ends, and one after', () => {
    const { stream, text } = fakeTerminal();
    const progress = createProgress('bar', 4, stream);
    const before = text();
    expect(before).toContain('0/4 fits');
    expect(before).not.toContain('ETA');
    progress.tick(job, null);
    progress.stop();
    const after = text().slice(before.length);
    expect(after).toContain('1/4 fits');
    expect(after).toMatch(/ETA \d/);
  });
});
