/**
 * The peers of a search: plain regularizers trained on the same folds as the noise settings, so
 * that the verdict can say whether a plain tool does as well.
 */
import { fail } from 'tfjs-noise/extend';
import { buildConvnet, CONVNET_BUILDER, CONVNET_DEFAULT_PEERS } from '../model/convnet';
import { DEFAULT_PEERS } from '../model/kinds';
import { buildMlp, MLP_BUILDER } from '../model/mlp';
import { isBuilderRef } from '../run/builder';
import type { NoiseSetting } from '../types';
import { expandGrid } from './grid';
import type { SearchOptions } from './options';

/**
 * The peers to train: `options.peers` (validated like a grid), or `DEFAULT_PEERS` for the
 * built-in MLP, `CONVNET_DEFAULT_PEERS` for the built-in convnet, and none for another builder (it may not know the kinds `l2` and `dropout`).
 * A peer that is also in the grid is a candidate there and is not trained twice.
 */
export function peersOf(
  options: SearchOptions,
  grid: readonly NoiseSetting[],
  owner: string,
): NoiseSetting[] {
  const given = options.peers;
  let peers: NoiseSetting[];
  if (given === undefined) {
    peers = isBuiltInMlp(options.builder)
      ? DEFAULT_PEERS.map((p) => ({ ...p }))
      : isBuiltInConvnet(options.builder)
        ? CONVNET_DEFAULT_PEERS.map((p) => ({ ...p }))
        : [];
  } else {
    if (!Array.isArray(given)) fail(owner, 'peers', 'an array of {kind, amount}', given);
    peers = given.length === 0 ? [] : expandGrid(given, owner);
    peers.forEach((p, i) => {
      if (p.amount === 0) fail(owner, `peers[${i}].amount`, 'a number > 0', p.amount);
    });
  }
  const inGrid = (p: NoiseSetting) => grid.some((g) => g.kind === p.kind && g.amount === p.amount);
  return peers.filter((p) => !inGrid(p));
}

function isBuiltInConvnet(builder: SearchOptions['builder']): boolean {
  if (builder === buildConvnet) return true;
  return (
    isBuilderRef(builder) &&
    builder.module === CONVNET_BUILDER.module &&
    builder.export === CONVNET_BUILDER.export
  );
}

function isBuiltInMlp(builder: SearchOptions['builder']): boolean {
  if (builder === buildMlp) return true;
  return (
    isBuilderRef(builder) &&
    builder.module === MLP_BUILDER.module &&
    builder.export === MLP_BUILDER.export
  );
}
