/**
 * The README's runnable blocks: every fenced code block (``` or ~~~, at most 3 spaces of
 * indentation, CommonMark) whose info string is exactly `ts`. See consumer.test.ts for the
 * contract those blocks follow.
 */

/** One `ts` block: its code and the README line of its first code line (1-based). */
export interface TsBlock {
  code: string;
  line: number;
}

/** The `ts` blocks of `markdown`, in order. */
export function tsBlocks(markdown: string): TsBlock[] {
  const lines = markdown.split(/\r?\n/);
  const blocks: TsBlock[] = [];
  let open: { fence: string; indent: number; info: string; start: number; body: string[] } | null =
    null;
  lines.forEach((text, i) => {
    if (open === null) {
      const m = /^( {0,3})(`{3,}|~{3,})(.*)$/.exec(text);
      if (!m) return;
      const [, indent, fence, rest] = m as unknown as [string, string, string, string];
      if (fence[0] === '`' && rest.includes('`')) return; // not a fence (CommonMark)
      open = { fence, indent: indent.length, info: rest.trim(), start: i + 2, body: [] };
      return;
    }
    const close = /^ {0,3}(`{3,}|~{3,})\s*$/.exec(text);
    if (close && close[1]![0] === open.fence[0] && close[1]!.length >= open.fence.length) {
      if (open.info === 'ts') blocks.push({ code: `${open.body.join('\n')}\n`, line: open.start });
      open = null;
      return;
    }
    // Content lines lose up to the opening fence's indentation.
    open.body.push(text.replace(new RegExp(`^ {0,${open.indent}}`), ''));
  });
  return blocks;
}

/**
 * The lines a block states it prints: the text after `// prints: ` in each of its line comments,
 * in order (e.g. `console.log(...); // prints: training accuracy: 0.983`).
 */
export function statedOutput(code: string): string[] {
  return [...code.matchAll(/\/\/ prints: (.*)$/gm)].map((m) => m[1]!.trim());
}
