/**
 * The peers of a search (search/peers.ts): the plain regularizers trained beside noise on the
 * same folds: the MLP's defaults, the user's own, none for another builder, never one twice.
 */
import { describe, expect, it } from 'vitest';
import { MLP_BUILDER, type SearchOptions } from '../src/index';
import { DEFAULT_PEERS } from '../src/model/kinds';
import { buildMlp } from '../src/model/mlp';
import { peersOf } from '../src/search/peers';

const base: SearchOptions = {
  task: 'classification',
  grid: { kinds: ['input'], amounts: [0, 0.1] },
  builder: MLP_BUILDER,
};
const grid = [
  { kind: 'input', amount: 0 },
  { kind: 'input', amount: 0.1 },
];

describe('peersOf', () => {
  it('trains the default peers (L2 0.01, dropout 0.2) for the built-in MLP, as a reference or a function', () => {
    const expected = [
      { kind: 'l2', amount: 0.01 },
      { kind: 'dropout', amount: 0.2 },
    ];
    expect(DEFAULT_PEERS).toEqual(expected);
    expect(peersOf(base, grid, 'searchNoise')).toEqual(expected);
    expect(peersOf({ ...base, builder: buildMlp }, grid, 'searchNoise')).toEqual(expected);
    // Copies, not the defaults themselves.
    expect(peersOf(base, grid, 'searchNoise')[0]).not.toBe(DEFAULT_PEERS[0]);
  });

  it('trains none by default for another builder, which may not know l2 and dropout', () => {
    const own = { ...base, builder: { module: './my_builder.js', export: 'build' } };
    expect(peersOf(own, grid, 'searchNoise')).toEqual([]);
    const sameModuleOtherExport = { ...base, builder: { ...MLP_BUILDER, export: 'other' } };
    expect(peersOf(sameModuleOtherExport, grid, 'searchNoise')).toEqual([]);
  });

  it("trains the user's peers, and none for []", () => {
    const peers = [{ kind: 'dropout', amount: 0.5 }];
    expect(peersOf({ ...base, peers }, grid, 'searchNoise')).toEqual(peers);
    expect(peersOf({ ...base, peers: [] }, grid, 'searchNoise')).toEqual([]);
  });

  it('does not train twice a peer that is a candidate of the grid', () => {
    const withL2 = [...grid, { kind: 'l2', amount: 0.01 }];
    expect(peersOf(base, withL2, 'searchNoise')).toEqual([{ kind: 'dropout', amount: 0.2 }]);
  });

  it('refuses peers that are not an array, and a peer of amount 0, naming it', () => {
    expect(() => peersOf({ ...base, peers: 'l2' as never }, grid, 'searchNoise')).toThrow(
      'searchNoise: `peers` must be an array of {kind, amount}, but got "l2".',
    );
    expect(() =>
      peersOf({ ...base, peers: [{ kind: 'l2', amount: 0 }] }, grid, 'searchNoise'),
    ).toThrow('searchNoise: `peers[0].amount` must be a number > 0, but got 0.');
  });
});
