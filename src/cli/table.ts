/** @module Plain-text tables for the terminal: columns padded to the widest cell, colours ignored in widths. */
import { stripColors } from './color.js';

/** Display width of a cell: code points, colour sequences not counted. */
function width(text: string): number {
  let n = 0;
  for (const _ of stripColors(text)) n++;
  return n;
}

/**
 * Lay out rows under a header, two spaces between columns; the last column is not padded.
 *
 * @example
 * ```ts
 * formatTable(['name', 'value'], [['a', '1'], ['bb', '2']]);
 * // 'name  value\na     1\nbb    2\n'
 * ```
 */
export function formatTable(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  style: (text: string) => string = (text) => text,
): string {
  const widths = header.map((h) => width(h));
  for (const row of rows) {
    row.forEach((cell, i) => {
      widths[i] = Math.max(widths[i] ?? 0, width(cell));
    });
  }
  const line = (cells: readonly string[]): string =>
    cells
      .map((cell, i) =>
        i === cells.length - 1 ? cell : cell + ' '.repeat((widths[i] ?? 0) - width(cell)),
      )
      .join('  ')
      .trimEnd();
  let out = `${style(line(header))}\n`;
  for (const row of rows) out += `${line(row)}\n`;
  return out;
}

/**
 * Show a value on one line of a terminal: control characters escaped, long text cut with `…`.
 *
 * @example
 * ```ts
 * displayValue('a\tb'); // 'a\\tb'
 * ```
 */
export function displayValue(text: string, max = 60): string {
  let out = '';
  let count = 0;
  for (const ch of text) {
    if (count >= max) return `${out}…`;
    const code = ch.codePointAt(0) ?? 0;
    if (code < 0x20 || code === 0x7f) {
      out +=
        code === 9
          ? '\\t'
          : code === 10
            ? '\\n'
            : code === 13
              ? '\\r'
              : `\\x${code.toString(16).padStart(2, '0')}`;
    } else out += ch;
    count++;
  }
  return out;
}
