/** @module ANSI colours, on only when the output is a terminal and `NO_COLOR` is not set. */

/**
 * The colour functions a command formats with; each is the identity when colours are off.
 *
 * @example
 * ```ts
 * const c = createColors(false);
 * c.red('error'); // 'error'
 * ```
 */
export interface Colors {
  readonly enabled: boolean;
  bold(text: string): string;
  dim(text: string): string;
  red(text: string): string;
  yellow(text: string): string;
  green(text: string): string;
  cyan(text: string): string;
  magenta(text: string): string;
}

const wrap =
  (enabled: boolean, open: number, close: number) =>
  (text: string): string =>
    enabled ? `\u001b[${open}m${text}\u001b[${close}m` : text;

/**
 * Colour functions, on or off.
 *
 * @example
 * ```ts
 * createColors(true).green('ok'); // '\u001b[32mok\u001b[39m'
 * ```
 */
export function createColors(enabled: boolean): Colors {
  return {
    enabled,
    bold: wrap(enabled, 1, 22),
    dim: wrap(enabled, 2, 22),
    red: wrap(enabled, 31, 39),
    yellow: wrap(enabled, 33, 39),
    green: wrap(enabled, 32, 39),
    cyan: wrap(enabled, 36, 39),
    magenta: wrap(enabled, 35, 39),
  };
}

/**
 * Whether to colour a stream: `NO_COLOR` (any non-empty value, https://no-color.org) wins, then
 * `FORCE_COLOR` (non-empty and not `0`), then a terminal that is not `TERM=dumb`.
 *
 * @example
 * ```ts
 * shouldColor(process.stdout.isTTY, process.env); // false when piped
 * ```
 */
export function shouldColor(
  isTTY: boolean | undefined,
  env: Readonly<Record<string, string | undefined>>,
): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '' && env.FORCE_COLOR !== '0')
    return true;
  return isTTY === true && env.TERM !== 'dumb';
}

/**
 * Remove ANSI colour sequences (to measure or compare text).
 *
 * @example
 * ```ts
 * stripColors('\u001b[31mred\u001b[39m'); // 'red'
 * ```
 */
export function stripColors(text: string): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    if (text.charCodeAt(i) === 0x1b && text[i + 1] === '[') {
      let j = i + 2;
      while (j < text.length && text.charCodeAt(j) !== 0x6d) j++;
      i = j + 1;
      continue;
    }
    out += text[i];
    i++;
  }
  return out;
}
