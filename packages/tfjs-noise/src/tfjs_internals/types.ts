/**
 * Types of tfjs's internal modules that tfjs does not export publicly, written out here so that
 * the published `.d.ts` never imports from `@tensorflow/*\/dist/...` (those deep imports do not
 * resolve for ESM TypeScript users with `moduleResolution: nodenext`). Each is structurally the
 * same as tfjs 4.x's own type, so values pass between them freely.
 */
import type { DataType, Tensor } from '@tensorflow/tfjs-core';

/** The base arguments of every tfjs layer (tfjs-layers' `LayerArgs`). */
export interface LayerArgs {
  /** Input shape without the batch dimension; makes the layer the model's input. */
  inputShape?: (null | number)[];
  /** Input shape including the batch dimension. */
  batchInputShape?: (null | number)[];
  /** Batch size, with `inputShape`. */
  batchSize?: number;
  /** The layer's dtype. */
  dtype?: DataType;
  /** The layer's name. */
  name?: string;
  /** Whether the layer's weights are trainable. */
  trainable?: boolean;
  /** Initial weight values. */
  weights?: Tensor[];
  /** Legacy input dtype. */
  inputDType?: DataType;
}

/** Keyword arguments of a layer call, e.g. `{training: true}` (tfjs-layers' `Kwargs`). */
export interface Kwargs {
  // biome-ignore lint/suspicious/noExplicitAny: the same as tfjs's own Kwargs.
  [key: string]: any;
}

/** A named tensor, as in an optimizer's gradient list (tfjs-core's `NamedTensor`). */
export interface NamedTensor {
  /** The variable's name. */
  name: string;
  /** The tensor. */
  tensor: Tensor;
}

/** Tensors by name (tfjs-core's `NamedTensorMap`). */
export interface NamedTensorMap {
  [name: string]: Tensor;
}
