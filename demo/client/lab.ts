/**
 * @module The demo pages' script (served as `/lab.js`, importing `/shortbread-browser.js`): keeps the
 * lab's three panels live, sets and deletes cookies from JavaScript or through the server, runs the
 * countdowns, and the attribute page's examples. Everything is built with DOM calls and `textContent`,
 * so no cookie can inject markup.
 */
import { cookies, decodeBrowserValue, serializeBrowserCookie } from '../../src/browser.js';

/** A `Set-Cookie` line as the demo's API answers it (parsed on the server by `parseSetCookie`). */
interface SetCookieLine {
  line: string;
  cookie: {
    name: string;
    value: string;
    maxAge?: number;
    expires?: string;
    path?: string;
    domain?: string;
    secure: boolean;
    httpOnly: boolean;
    sameSite?: string;
    partitioned: boolean;
  } | null;
}

interface State {
  received: Array<[string, string]>;
  header: string;
  setCookie: SetCookieLine[];
  error?: string;
}

/** What the Cookie Store API tells about a cookie (Chromium fills every field). */
interface StoreCookie {
  name: string;
  value: string;
  path?: string;
  domain?: string | null;
  expires?: number | null;
  secure?: boolean;
  sameSite?: string;
  partitioned?: boolean;
}

type Child = Node | string | null | undefined | false;

function el(
  tag: string,
  attributes: Record<string, string> = {},
  ...children: Child[]
): HTMLElement {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, value);
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child);
  }
  return node;
}

const $ = (id: string): HTMLElement | null => document.getElementById(id);

/** Expiry times we learned from Set-Cookie lines and our own writes, by cookie name. */
const expiries = new Map<string, number>();

function tag(text: string, kind = ''): HTMLElement {
  return el('span', { class: `tag ${kind}`.trim() }, text);
}

function countdown(expires: number | undefined): HTMLElement {
  if (expires === undefined) return tag('session');
  const node = el('span', { class: 'tag countdown', 'data-expires': String(expires) });
  update(node);
  return node;
}

/** Seconds left to one decimal, minutes or days when far, "expired" at zero; red under 5 s. */
function update(node: HTMLElement): void {
  const left = (Number(node.dataset.expires) - Date.now()) / 1000;
  const text =
    left <= 0
      ? 'expired'
      : left > 86400 * 2
        ? `expires in ${Math.round(left / 86400)} days`
        : left > 120
          ? `expires in ${Math.round(left / 60)} min`
          : `expires in ${left.toFixed(1)} s`;
  if (node.textContent !== text) node.textContent = text;
  node.classList.toggle('soon', left > 0 && left < 5);
}

function tick(): void {
  for (const node of document.querySelectorAll<HTMLElement>('[data-expires]')) update(node);
}

async function api(path: string, body?: unknown): Promise<State> {
  const init: RequestInit =
    body === undefined
      ? { cache: 'no-store' }
      : {
          method: 'POST',
          cache: 'no-store',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        };
  const response = await fetch(path, init);
  const state = (await response.json()) as State;
  if (!response.ok) throw new Error(state.error ?? `HTTP ${response.status}`);
  return state;
}

function status(text: string, error = false): void {
  const node = $('status');
  if (!node) return;
  node.textContent = text;
  node.classList.toggle('error', error);
}

function table(head: string[], rows: HTMLElement[], empty: string): HTMLElement {
  if (rows.length === 0) return el('p', { class: 'empty' }, empty);
  return el(
    'table',
    {},
    el('thead', {}, el('tr', {}, ...head.map((h) => el('th', { scope: 'col' }, h)))),
    el('tbody', {}, ...rows),
  );
}

function deleteButton(label: string, onClick: () => Promise<void> | void): HTMLElement {
  const button = el(
    'button',
    { type: 'button', class: 'small secondary', 'aria-label': label },
    'Delete',
  );
  button.addEventListener('click', () => {
    Promise.resolve(onClick())
      .then(refresh)
      .catch((error: unknown) => status(String(error), true));
  });
  return button;
}

/** The JavaScript side: `cookieStore` gives attributes where the browser has it. */
async function jsCookies(): Promise<StoreCookie[]> {
  const store = (globalThis as { cookieStore?: { getAll(): Promise<StoreCookie[]> } }).cookieStore;
  if (store) return store.getAll();
  return Object.entries(cookies.getAll()).map(([name, value]) => ({ name, value }));
}

/** What each panel last drew, so an unchanged panel is left alone (buttons stay put for a click). */
const drawn = new Map<string, string>();

/** Replaces a panel's content only when what it shows changed. */
function draw(id: string, signature: string, content: () => Node): void {
  const node = $(id);
  if (!node || drawn.get(id) === signature) return;
  drawn.set(id, signature);
  node.replaceChildren(content());
}

async function renderJs(): Promise<Set<string>> {
  const seen = new Set<string>();
  const items = await jsCookies();
  for (const c of items) seen.add(c.name);
  const signature = JSON.stringify([items, [...expiries]]);
  draw('js-list', signature, () => jsTable(items));
  const raw = $('doc-cookie');
  const text = `document.cookie = ${JSON.stringify(document.cookie)}`;
  if (raw && raw.textContent !== text) raw.textContent = text;
  return seen;
}

function jsTable(items: StoreCookie[]): HTMLElement {
  const rows = items.map((c) => {
    const value = 'path' in c ? decodeBrowserValue(c.value) : c.value;
    const tags = el(
      'div',
      { class: 'tags' },
      c.path !== undefined ? tag(`Path=${c.path}`) : null,
      c.domain ? tag(`Domain=${c.domain}`) : null,
      c.secure ? tag('Secure') : null,
      c.sameSite ? tag(`SameSite=${c.sameSite}`) : null,
      c.partitioned ? tag('Partitioned') : null,
      countdown(c.expires ?? expiries.get(c.name) ?? undefined),
    );
    return el(
      'tr',
      { 'data-cookie': c.name },
      el('td', {}, el('code', {}, c.name)),
      el('td', {}, el('code', {}, value), tags),
      el(
        'td',
        {},
        deleteButton(`Delete ${c.name} from JavaScript`, () => {
          const where = { path: c.path ?? '/' };
          cookies.remove(
            c.name,
            c.partitioned ? { ...where, partitioned: true, secure: true } : where,
          );
          if (c.domain) cookies.remove(c.name, { ...where, domain: c.domain });
        }),
      ),
    );
  });
  return table(['Name', 'Value', ''], rows, 'document.cookie is empty.');
}

function renderServer(state: State, seenByJs: Set<string>): void {
  const signature = JSON.stringify([state.received, [...seenByJs], [...expiries]]);
  draw('server-list', signature, () => serverTable(state, seenByJs));
}

function serverTable(state: State, seenByJs: Set<string>): HTMLElement {
  const rows = state.received.map(([name, value]) => {
    const hidden = !seenByJs.has(name);
    return el(
      'tr',
      { 'data-cookie': name },
      el('td', {}, el('code', {}, name)),
      el(
        'td',
        {},
        el('code', {}, value),
        el(
          'div',
          { class: 'tags' },
          hidden ? tag('HttpOnly: hidden from JS', 'warn') : tag('JS sees it', 'ok'),
          countdown(expiries.get(name)),
        ),
      ),
      el(
        'td',
        {},
        deleteButton(`Delete ${name} on the server`, async () => {
          showLast((await api('/api/delete', { name })).setCookie, 'Set-Cookie');
        }),
      ),
    );
  });
  return table(['Name', 'Value', ''], rows, 'No cookies came with the last request.');
}

function remember(lines: SetCookieLine[], at = Date.now()): void {
  for (const { cookie } of lines) {
    if (!cookie) continue;
    if (cookie.maxAge !== undefined) expiries.set(cookie.name, at + cookie.maxAge * 1000);
    else if (cookie.expires !== undefined) expiries.set(cookie.name, Date.parse(cookie.expires));
    else expiries.delete(cookie.name);
  }
}

function showLast(lines: SetCookieLine[] | string, label: string): void {
  const list = $('last-list');
  if (!list) return;
  if (typeof lines === 'string') {
    list.replaceChildren(
      el('p', {}, 'JavaScript wrote:'),
      el('pre', { 'data-line': '' }, `document.cookie = ${JSON.stringify(lines)}`),
    );
    return;
  }
  remember(lines);
  const items = lines.map(({ line, cookie }) =>
    el(
      'li',
      {},
      el('pre', { 'data-line': '' }, `${label}: ${line}`),
      cookie
        ? el(
            'div',
            { class: 'tags' },
            cookie.httpOnly ? tag('HttpOnly', 'warn') : null,
            cookie.secure ? tag('Secure') : null,
            cookie.sameSite ? tag(`SameSite=${cookie.sameSite}`) : null,
            cookie.path ? tag(`Path=${cookie.path}`) : null,
            cookie.domain ? tag(`Domain=${cookie.domain}`) : null,
            cookie.partitioned ? tag('Partitioned') : null,
            cookie.maxAge !== undefined && cookie.maxAge <= 0
              ? tag('deletes the cookie', 'warn')
              : countdown(expiries.get(cookie.name)),
          )
        : null,
    ),
  );
  list.replaceChildren(
    items.length === 0
      ? el('p', { class: 'empty' }, 'That response set no cookies.')
      : el('ul', { style: 'list-style:none;padding:0;margin:0;display:grid;gap:.6rem' }, ...items),
  );
}

let refreshing = false;

/** Asks the server what it receives now and redraws both cookie panels. */
async function refresh(): Promise<void> {
  if (refreshing || !$('server-list')) return;
  refreshing = true;
  try {
    const seen = await renderJs();
    renderServer(await api('/api/state'), seen);
  } finally {
    refreshing = false;
  }
}

function field(id: string): HTMLInputElement {
  return $(id) as HTMLInputElement;
}

function formOptions(): Record<string, unknown> {
  const options: Record<string, unknown> = {};
  const maxAge = field('f-maxage').value;
  if (maxAge !== '') options.maxAge = Number(maxAge);
  const expires = field('f-expires').value;
  if (expires !== '') options.expires = Number(expires);
  const path = field('f-path').value;
  if (path !== '') options.path = path;
  const domain = field('f-domain').value;
  if (domain !== '') options.domain = domain;
  const sameSite = (field('f-samesite') as unknown as HTMLSelectElement).value;
  if (sameSite !== '') options.sameSite = sameSite;
  if (field('f-secure').checked) options.secure = true;
  if (field('f-partitioned').checked) options.partitioned = true;
  return options;
}

async function submit(): Promise<void> {
  const name = field('f-name').value;
  const value = field('f-value').value;
  const options = formOptions();
  if (field('from-server').checked) {
    if (field('f-httponly').checked) options.httpOnly = true;
    const state = await api('/api/set', { name, value, ...options });
    showLast(state.setCookie, 'Set-Cookie');
    status(`The server set ${name}.`);
  } else {
    if (field('f-httponly').checked) {
      throw new Error(
        'HttpOnly cannot be set from JavaScript: a browser ignores such a write. Choose “the server”.',
      );
    }
    cookies.set(name, value, options);
    const line = serializeBrowserCookie(name, value, options);
    if (typeof options.maxAge === 'number') expiries.set(name, Date.now() + options.maxAge * 1000);
    else if (typeof options.expires === 'number')
      expiries.set(name, Date.now() + options.expires * 864e5);
    else expiries.delete(name);
    showLast(line, 'document.cookie');
    status(
      cookies.get(name) === value
        ? `JavaScript set ${name}; cookies.get(${JSON.stringify(name)}) reads it back.`
        : `The browser did not keep ${name} for this page (its path, domain or flags exclude it here).`,
    );
  }
}

function startLab(): void {
  const form = $('set-form');
  form?.addEventListener('submit', (event) => {
    event.preventDefault();
    submit()
      .then(refresh)
      .catch((error: unknown) =>
        status(error instanceof Error ? error.message : String(error), true),
      );
  });
  $('tutorial-button')?.addEventListener('click', () => {
    api('/api/tutorial', {})
      .then((state) => {
        showLast(state.setCookie, 'Set-Cookie');
        status(
          'The server set the tutorial’s cookies (flavor for 30 seconds) and an HttpOnly one.',
        );
      })
      .then(refresh)
      .catch((error: unknown) => status(String(error), true));
  });
  void refresh();
  setInterval(() => void refresh(), 1000);
}

/** The attributes page: each button sets its example through the server, then reports what happened. */
function startAttributes(): void {
  const result = $('example-result');
  if (!result) return;
  for (const button of document.querySelectorAll<HTMLButtonElement>('button[data-example]')) {
    button.addEventListener('click', async () => {
      const example = JSON.parse(button.dataset.example ?? '{}') as Record<string, unknown>;
      if (example.domainFromPage) {
        delete example.domainFromPage;
        example.domain = location.hostname;
      }
      try {
        const state = await api('/api/set', example);
        remember(state.setCookie);
        const name = String(example.name);
        const next = await api('/api/state');
        const inJs = cookies.get(name);
        const sent = next.received.find(([n]) => n === name);
        result.dataset.for = name;
        result.replaceChildren(
          el('p', {}, 'The server answered:'),
          ...state.setCookie.map(({ line }) =>
            el('pre', { 'data-line': '' }, `Set-Cookie: ${line}`),
          ),
          el(
            'ul',
            {},
            el(
              'li',
              { 'data-js': inJs === undefined ? 'hidden' : 'visible' },
              inJs === undefined
                ? 'document.cookie on this page does not show it.'
                : `document.cookie shows it; cookies.get() reads ${JSON.stringify(inJs)}.`,
            ),
            el(
              'li',
              { 'data-sent': sent ? 'yes' : 'no' },
              sent
                ? `The next request from this page carried it: ${JSON.stringify(sent[1])}.`
                : 'The next request from this page did not carry it.',
            ),
            expiries.has(name) ? el('li', {}, countdown(expiries.get(name))) : null,
          ),
        );
      } catch (error) {
        result.replaceChildren(el('p', { class: 'status error' }, String(error)));
      }
    });
  }
}

startLab();
startAttributes();
setInterval(tick, 250);
