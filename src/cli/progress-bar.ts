/** @module A one-line progress bar for a terminal's stderr, redrawn in place. */

/**
 * The bar's text for `done` of `total` (no newline; starts with `\r` to redraw over the last one).
 *
 * @example
 * ```ts
 * renderProgress(5000, 10000, 'converting', 20); // '\rconverting [##########          ]  50% 5000/10000'
 * ```
 */
export function renderProgress(done: number, total: number, label: string, width = 30): string {
  const ratio = total <= 0 ? 1 : Math.min(1, Math.max(0, done / total));
  const filled = Math.round(ratio * width);
  const percent = String(Math.floor(ratio * 100)).padStart(3);
  return `\r${label} [${'#'.repeat(filled)}${' '.repeat(width - filled)}] ${percent}% ${done}/${total}`;
}
