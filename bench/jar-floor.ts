/**
 * The floor of the jar rows: the least work that gives the same answers on the benchmark's inputs.
 * A hand-written jar that knows only what those inputs hold: well-formed lines split on `"; "`,
 * https URLs written plainly, registrable domains of two labels (three under `co.uk`), no
 * validation, no Secure check (every URL is https), no public suffix list, no limits, no SameSite context, no last-access times. The bench
 * checks that its `Cookie` headers equal the real jar's before timing it; it is a yardstick, not a
 * jar to use.
 */

interface FloorCookie {
  name: string;
  value: string;
  /** `name=value`, as the header carries it. */
  pair: string;
  domain: string;
  hostOnly: boolean;
  path: string;
  /** Epoch ms; NaN for a session cookie. */
  expiresAt: number;
}

/** The registrable domain as the benchmark's sites have it. */
function keyOf(host: string): string {
  let dot = host.lastIndexOf('.');
  dot = host.lastIndexOf('.', dot - 1);
  if (host.endsWith('.co.uk')) dot = host.lastIndexOf('.', dot - 1);
  return dot === -1 ? host : host.slice(dot + 1);
}

/** `https://host/path?query` split by hand. */
function hostAndPath(url: string): [host: string, path: string] {
  const start = url.indexOf('//') + 2;
  let slash = url.indexOf('/', start);
  if (slash === -1) slash = url.length;
  let end = url.indexOf('?', slash);
  if (end === -1) end = url.length;
  return [url.slice(start, slash), slash === end ? '/' : url.slice(slash, end)];
}

function domainMatch(host: string, domain: string): boolean {
  const cut = host.length - domain.length - 1;
  return cut > 0 && host.charCodeAt(cut) === 0x2e && host.endsWith(domain);
}

function defaultPath(path: string): string {
  const last = path.lastIndexOf('/');
  return last <= 0 ? '/' : path.slice(0, last);
}

function pathMatch(request: string, cookie: string): boolean {
  if (request === cookie) return true;
  if (!request.startsWith(cookie)) return false;
  return cookie.endsWith('/') || request.charCodeAt(cookie.length) === 0x2f;
}

/** One registrable domain's cookies: by identity, and in sending order (longer paths first, then creation). */
interface Group {
  byId: Map<string, FloorCookie>;
  order: FloorCookie[];
}

/** `cookie` goes after every cookie of a path as long or longer: a new cookie is the newest. */
function insertInOrder(order: FloorCookie[], cookie: FloorCookie): void {
  let at = order.length;
  while (at > 0 && (order[at - 1] as FloorCookie).path.length < cookie.path.length) at--;
  order.splice(at, 0, cookie);
}

/** A changed value gives a cookie a new creation time (to the end of its path length), as Chromium does. */
export class FloorJar {
  readonly #groups = new Map<string, Group>();

  setCookie(line: string, url: string, now = Date.now()): void {
    const [host, requestPath] = hostAndPath(url);
    const parts = line.split('; ');
    const pair = parts[0] as string;
    const eq = pair.indexOf('=');
    const name = pair.slice(0, eq);
    const value = pair.slice(eq + 1);
    let domain = '';
    let path = '';
    let expires = Number.NaN;
    let maxAge = Number.NaN;
    for (let i = 1; i < parts.length; i++) {
      const part = parts[i] as string;
      const at = part.indexOf('=');
      const key = (at === -1 ? part : part.slice(0, at)).toLowerCase();
      const arg = at === -1 ? '' : part.slice(at + 1);
      if (key === 'expires') expires = Date.parse(arg);
      else if (key === 'max-age') maxAge = Number(arg);
      else if (key === 'path') path = arg;
      else if (key === 'domain') domain = (arg.startsWith('.') ? arg.slice(1) : arg).toLowerCase();
    }
    const hostOnly = domain === '';
    const cookie: FloorCookie = {
      name,
      value,
      pair: line.slice(0, pair.length),
      domain: hostOnly ? host : domain,
      hostOnly,
      path: path === '' ? defaultPath(requestPath) : path,
      expiresAt: Number.isNaN(maxAge) ? expires : now + maxAge * 1000,
    };
    const groupKey = keyOf(cookie.domain);
    let group = this.#groups.get(groupKey);
    if (group === undefined) {
      group = { byId: new Map(), order: [] };
      this.#groups.set(groupKey, group);
    }
    const id = `${name}\0${cookie.domain}\0${hostOnly}\0${cookie.path}`;
    const old = group.byId.get(id);
    if (old !== undefined && old.value === value && cookie.expiresAt > now) {
      group.order[group.order.indexOf(old)] = cookie;
      group.byId.set(id, cookie);
      return;
    }
    if (old !== undefined) {
      group.order.splice(group.order.indexOf(old), 1);
      group.byId.delete(id);
    }
    if (cookie.expiresAt <= now) return;
    group.byId.set(id, cookie);
    insertInOrder(group.order, cookie);
  }

  getCookieHeader(url: string, now = Date.now()): string {
    const [host, path] = hostAndPath(url);
    const group = this.#groups.get(keyOf(host));
    if (group === undefined) return '';
    const pairs: string[] = [];
    for (const c of group.order) {
      if (c.expiresAt <= now) continue;
      if (c.domain !== host && (c.hostOnly || !domainMatch(host, c.domain))) continue;
      if (!pathMatch(path, c.path)) continue;
      pairs.push(c.pair);
    }
    return pairs.join('; ');
  }
}
