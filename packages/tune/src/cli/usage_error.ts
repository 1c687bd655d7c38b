/**
 * Errors in what the user gave the CLI (flags, CSV file): printed as one line, exit code 2.
 */

/** A problem with the command line or the input file; the CLI exits with code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}
