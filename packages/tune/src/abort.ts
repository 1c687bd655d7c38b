/**
 * Abort helpers: searches reject with the signal's reason, as `fetch` does.
 */

/** The error a cancelled search rejects with: `signal.reason`, or a DOMException 'AbortError'. */
export function abortError(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('The search was aborted.', 'AbortError');
}

/** Throws {@link abortError} if `signal` is aborted. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw abortError(signal);
}

/**
 * Lets the event loop run once (timers, signals such as Ctrl-C, I/O) before the next job: tfjs's
 * `fit` yields only about every 125 ms, so a run of short jobs would otherwise never let an
 * abort be delivered.
 */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
