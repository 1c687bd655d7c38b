/**
 * The edge of the grid in the direction of each kind's amounts: the largest stddev, the smallest
 * SNR in dB (a kind the builder declares `lessNoise`).
 */
import { describe, expect, it } from 'vitest';
import { atNoisyEdge, edgeSentence } from '../src/search/edge';

describe('atNoisyEdge / edgeSentence', () => {
  it('a stddev is at the edge when largest; an SNR (lessNoise) when smallest', () => {
    expect(atNoisyEdge({ kind: 'input', amount: 0.4 }, [0.1, 0.2, 0.4])).toBe(true);
    expect(atNoisyEdge({ kind: 'input', amount: 0.1 }, [0.1, 0.2, 0.4])).toBe(false);
    expect(atNoisyEdge({ kind: 'snr', amount: 8 }, [20, 14, 8], ['snr'])).toBe(true);
    expect(atNoisyEdge({ kind: 'snr', amount: 20 }, [20, 14, 8], ['snr'])).toBe(false);
    // Without the declaration, 20 dB would be read as the most noise: the wrong edge.
    expect(atNoisyEdge({ kind: 'snr', amount: 20 }, [20, 14, 8])).toBe(true);
    expect(atNoisyEdge({ kind: 'snr', amount: 8 }, [8], ['snr'])).toBe(false);
  });

  it('says which way the untried amounts lie', () => {
    expect(edgeSentence({ kind: 'snr', amount: 8 }, ['snr'])).toBe(
      '8 is the smallest amount of snr noise tried, the most noise (its larger amounts are less noise): a smaller one was not measured and might do better (add it to the grid).',
    );
    expect(edgeSentence({ kind: 'input', amount: 0.4 })).toBe(
      '0.4 is the largest amount of input noise tried: a larger one was not measured and might do better (add it to the grid).',
    );
  });
});
