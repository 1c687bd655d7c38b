/**
 * The CLI's help for --kinds and --amounts, written from the kind registry (dependency-free, as
 * the CLI prints it before it loads tfjs).
 */
import { DEFAULT_KINDS, MLP_KIND_REGISTRY, MLP_KINDS, type MlpKind } from './kinds';

/** Column where the description of a flag starts in the usage text. */
const INDENT = 29;
/** Width of the usage text. */
const WIDTH = 100;

/** `text` wrapped at word boundaries into lines of at most WIDTH columns after INDENT. */
function wrap(text: string): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line !== '' && INDENT + line.length + 1 + word.length > WIDTH) {
      lines.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  if (line !== '') lines.push(line);
  return lines;
}

/** A flag and its description (paragraphs, each starting on a line of its own), as in the usage text. */
function flag(name: string, paragraphs: string[]): string {
  const [first, ...rest] = paragraphs.flatMap(wrap);
  return [`  ${name.padEnd(INDENT - 2)}${first}`, ...rest.map((l) => ' '.repeat(INDENT) + l)].join(
    '\n',
  );
}

/** The kinds of one role, in registry order. */
function kindsOf(role: 'noise' | 'peer' | 'none'): MlpKind[] {
  return MLP_KINDS.filter((kind) => MLP_KIND_REGISTRY[kind].role === role);
}

/**
 * The usage lines of `--kinds` and `--amounts`: the kinds by role, the default kinds, what each
 * amount is and each kind's default amounts.
 */
export function kindsHelp(): string {
  const used = MLP_KINDS.filter((kind) => MLP_KIND_REGISTRY[kind].role !== 'none');
  const meanings = new Map<string, MlpKind[]>();
  for (const kind of used) {
    const { amount } = MLP_KIND_REGISTRY[kind];
    meanings.set(amount, [...(meanings.get(amount) ?? []), kind]);
  }
  const amounts = [...meanings].map(([amount, kinds]) => `${amount} for ${kinds.join(', ')}`);
  const defaults = used.map((kind) => `${kind} ${MLP_KIND_REGISTRY[kind].defaults.join(',')}`);
  return [
    flag('--kinds <list>', [
      `kinds: ${kindsOf('noise').join(', ')} (noise), ${kindsOf('peer').join(', ')} ` +
        `(candidates too when listed here), ${kindsOf('none').join(', ')} (default ${DEFAULT_KINDS.join(',')})`,
    ]),
    flag('--amounts <list>', [
      `amounts for every kind (${amounts.join('; ')})`,
      `(default per kind: ${defaults.join('; ')}); no noise is always added`,
    ]),
  ].join('\n');
}
