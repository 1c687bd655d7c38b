/**
 * A layer's place in the model graph, read from tfjs-layers' `inboundNodes` / `outboundNodes`
 * (each node's `inboundLayers` and `outboundLayer`) and a nested model's `layers`: typed in
 * tfjs's `dist/` declarations only, so read here through a narrow structural type.
 */
import type { layers } from '@tensorflow/tfjs-layers';

/** The fields of a tfjs layer this file reads. */
interface GraphLayer {
  inboundNodes?: { inboundLayers?: GraphLayer[] }[];
  outboundNodes?: { outboundLayer?: GraphLayer }[];
  layers?: GraphLayer[];
}

/**
 * Every layer connected to `start` in the graph of layers applied to one another (through the
 * nodes tfjs records when a layer is applied to symbolic inputs), `start` included, and the
 * layers of every nested model met on the way (a nested model's own layers are connected to
 * its inner inputs, not to the outer graph).
 */
export function connectedLayers(start: layers.Layer): layers.Layer[] {
  const seen = new Set<GraphLayer>();
  const queue: GraphLayer[] = [start as unknown as GraphLayer];
  while (queue.length > 0) {
    const layer = queue.pop() as GraphLayer;
    if (seen.has(layer)) continue;
    seen.add(layer);
    for (const node of layer.inboundNodes ?? []) queue.push(...(node.inboundLayers ?? []));
    for (const node of layer.outboundNodes ?? []) {
      if (node.outboundLayer) queue.push(node.outboundLayer);
    }
    if (Array.isArray(layer.layers)) queue.push(...layer.layers);
  }
  return [...seen] as unknown as layers.Layer[];
}
