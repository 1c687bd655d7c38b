/**
 * Which tfjs versions the consumer test installs: the oldest version that tfjs-noise's peer range
 * admits and the version the workspace develops against, if different (and in the range).
 * Narrowing or widening the range in packages/tfjs-noise/package.json changes this list.
 */
import { minVersion, satisfies, validRange } from 'semver';

export function tfjsVersionsToTest(range: string, devVersion: string): string[] {
  if (validRange(range) === null) throw new Error(`not a semver range: '${range}'`);
  const oldest = minVersion(range);
  if (oldest === null) throw new Error(`the range '${range}' admits no version`);
  const versions = [oldest.version];
  if (devVersion !== oldest.version && satisfies(devVersion, range)) versions.push(devVersion);
  return versions;
}
