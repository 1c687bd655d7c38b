/** Whether a call happens inside a training step, as the noise components need to know. */
import { engine } from '@tensorflow/tfjs-core';

/**
 * True while tfjs records a gradient tape, i.e. inside a training step (`fit`, `trainOnBatch`,
 * `optimizer.minimize`, `tf.grad`). Asks the engine whether its tape is on (a gradient depth
 * that tfjs restores even when the step throws) rather than looking at the tape itself, which a
 * step that threw leaves set until the next step starts.
 */
export function isRecordingGradients(): boolean {
  return engine().isTapeOn();
}

/**
 * The gradient tape being recorded (one per training step: `fit` and `trainOnBatch` start a new
 * one per batch), or null outside a training step. Identifies the step: calls that see the same
 * tape belong to the same batch.
 */
export function currentTape(): unknown {
  return isRecordingGradients() ? engine().state.activeTape : null;
}
