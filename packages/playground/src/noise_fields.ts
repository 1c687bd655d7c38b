/**
 * The noise sliders, one per kind of the page (`PLAYGROUND_KINDS`), written into the form's
 * `#noise-fields` from the kind registry (`@tfjs-noise/tune/kinds`): its name in words, what
 * applies it (the tooltip), what its amount is, and its range. The element ids are the names in
 * words, hyphenated (`input-jitter`, `weight-noise`, ...): the URL's parameters and the test use
 * them.
 */
import { MLP_KIND_REGISTRY, type MlpNoiseKind } from '@tfjs-noise/tune/kinds';
import { el } from './dom';
import { PLAYGROUND_KINDS } from './model';

/** The amounts a fresh page starts with (every other kind off). */
const START: { readonly [K in MlpNoiseKind]?: number } = { input: 0.15 };

/** The id of a kind's slider: its name in words, hyphenated. */
export function fieldId(kind: MlpNoiseKind): string {
  return MLP_KIND_REGISTRY[kind].label.replace(/ /g, '-');
}

/** The digits shown for an amount: as many as the slider's step has. */
function digitsOf(step: number): number {
  return Math.max(0, Math.ceil(-Math.log10(step) - 1e-9));
}

/** Writes the label, the range input and its `<output>` of one kind; returns the input. */
function addField(fieldset: HTMLElement, kind: MlpNoiseKind): HTMLInputElement {
  const { label, amount, component, range } = MLP_KIND_REGISTRY[kind];
  const id = fieldId(kind);
  const start = START[kind] ?? 0;
  const digits = digitsOf(range.step);
  const text = document.createElement('label');
  text.htmlFor = id;
  text.title = component;
  text.textContent = `${label[0]?.toUpperCase()}${label.slice(1)} ${amount}`;
  const input = document.createElement('input');
  Object.assign(input, { id, name: id, type: 'range', min: '0' });
  input.max = String(range.max);
  input.step = String(range.step);
  input.value = String(start);
  input.defaultValue = String(start);
  const shown = document.createElement('output');
  shown.id = `${id}-value`;
  shown.htmlFor.add(id);
  shown.value = start.toFixed(digits);
  fieldset.append(text, input, shown);
  return input;
}

/** A kind's slider and the digits its `<output>` shows. */
export interface NoiseField {
  kind: MlpNoiseKind;
  input: HTMLInputElement;
  digits: number;
}

let fields: readonly NoiseField[] | undefined;

/**
 * The slider of each kind of the page, written into the form on the first call (the page's
 * settings read them first), the same ones on every later call.
 */
export function noiseFields(): readonly NoiseField[] {
  fields ??= PLAYGROUND_KINDS.map((kind) => ({
    kind,
    input: addField(el('noise-fields'), kind),
    digits: digitsOf(MLP_KIND_REGISTRY[kind].range.step),
  }));
  return fields;
}
