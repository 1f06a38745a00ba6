/**
 * @module `editSetCookie`: change a Node response's `Set-Cookie` lines through an editor kept per
 * response, on an array that Node holds by reference, so a second and third cookie cost no header
 * rewrite.
 */
import type { ServerResponse } from 'node:http';

/** What one caller keeps on a response: the array Node holds, and the editor over it. */
interface Held<T> {
  readonly lines: string[];
  readonly editor: T;
}

type Holder = Record<symbol, unknown>;

/**
 * Runs `change` on an editor of the response's `Set-Cookie` lines (one line per array item), keeping
 * lines that other code set. The first call copies the current lines into an array of its own, hands
 * it to `res.setHeader` (Node's own checks run then: `ERR_HTTP_HEADERS_SENT`, and the characters of
 * the lines others set), and makes the editor over it with `create`. Node keeps that array by
 * reference (`getHeader` returns it, `appendHeader` pushes onto it), so the editor's changes are the
 * header: no header is rebuilt and re-checked for every cookie. Whoever replaced or removed the header
 * since is seen (`getHeader` returns something else) and the lines are read again. The editor is kept
 * in `holder` under `key`: the response itself, or an object of the caller's for the request (a
 * framework that gives each response a new prototype makes adding a property to it slow). Each
 * caller passes its own `key`, so two editors made with different defaults never share an array.
 *
 * The lines an editor writes skip Node's character check, so it must only write lines that pass it:
 * `stringifySetCookie`'s do (control characters are refused; everything else is written as bytes,
 * `\x20`-`\xff`).
 *
 * @example
 * ```ts
 * const KEY = Symbol('mine');
 * editSetCookie(res, res, KEY, (lines) => new ResponseCookies(lines), (cookies) => cookies.set('a', '1'));
 * editSetCookie(res, res, KEY, (lines) => new ResponseCookies(lines), (cookies) => cookies.set('b', '2'));
 * res.getHeader('set-cookie'); // ['a=1; Path=/', 'b=2; Path=/']
 * ```
 */
export function editSetCookie<R extends ServerResponse, T>(
  res: R,
  holder: object,
  key: symbol,
  create: (lines: string[], res: R) => T,
  change: (editor: T) => void,
): void {
  const current = res.getHeader('set-cookie');
  const held = (holder as Holder)[key] as Held<T> | undefined;
  // Node still holds our array and has not sent the headers: edit it where it is.
  if (held !== undefined && current === held.lines && !res.headersSent) {
    change(held.editor);
    return;
  }
  const lines =
    current === undefined ? [] : Array.isArray(current) ? current.slice() : [String(current)];
  res.setHeader('set-cookie', lines);
  const editor = create(lines, res);
  (holder as Holder)[key] = { lines, editor };
  try {
    change(editor);
  } finally {
    // A change that threw (a cookie no browser would keep) leaves no empty header behind.
    if (lines.length === 0) res.removeHeader('set-cookie');
  }
}
