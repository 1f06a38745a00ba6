/**
 * @module The HTML of `/account` ("Your sessions"): the login form, the list of the user's live
 * sessions with their revoke buttons, and the explanation shown on the cookie store. Everything the
 * user or their browser supplied (the name, the user agent) goes through `escapeHtml`.
 */
import type { UserSession } from '../src/session.js';
import { escapeHtml, page } from './layout.js';
import { browserName } from './user-agent.js';

/** What `bind` stores for each session: shown in the list. */
export interface DeviceMetadata {
  readonly agent: string;
  readonly ip: string;
}

const LEAD =
  'Log in as any name: every browser that does is listed here, with where and when it was last seen, and any of them can sign the others out. <code>sessions.bind</code>, <code>list</code>, <code>revoke</code> and <code>revokeAll</code>.';

const DEMO_NOTE =
  '<p class="empty">A demo: there is no password, any name logs in. Open this page in a second browser (or a private window) and log in with the same name to see two sessions.</p>';

function frame(body: string): string {
  return page('Your sessions', body, { path: '/account', lead: LEAD });
}

/**
 * The login form (no one is logged in in this session, or it was revoked).
 *
 * @example
 * ```ts
 * loginPage('Give a name to log in.');
 * ```
 */
export function loginPage(problem?: string): string {
  const error =
    problem === undefined ? '' : `<p class="status error" role="alert">${escapeHtml(problem)}</p>`;
  return frame(`<section class="card" aria-labelledby="login-h">
<h2 id="login-h">Log in</h2>
${DEMO_NOTE}
<form method="post" action="/account" class="row">
<input type="hidden" name="action" value="login">
<label>Name <input type="text" name="name" id="login-name" required maxlength="40" autocomplete="username"></label>
<button type="submit" id="login">Log in</button>
</form>
${error}
</section>`);
}

/**
 * The user's sessions, most recently seen first; `current` is this browser's handle.
 *
 * @example
 * ```ts
 * sessionsPage('ada', await sessions.list('ada'), sessions.handleOf(session), new Date());
 * ```
 */
export function sessionsPage(
  user: string,
  list: readonly UserSession[],
  current: string | undefined,
  now: Date,
): string {
  // This device first, then the others, most recently seen first (the order `list` gives).
  const ordered = [...list].sort((a, b) => Number(b.id === current) - Number(a.id === current));
  const rows = ordered.map((entry) => row(entry, entry.id === current, now)).join('\n');
  const others = list.some((entry) => entry.id !== current);
  const everywhere = others
    ? '<button type="submit" name="action" value="others" id="revoke-others">Sign out everywhere else</button>'
    : '';
  return frame(`<section class="card" aria-labelledby="list-h">
<h2 id="list-h">Signed in as ${escapeHtml(user)} <small>${list.length} session${list.length === 1 ? '' : 's'}</small></h2>
<table id="sessions">
<tr><th>Browser</th><th>IP address</th><th>Signed in</th><th>Last seen</th><th></th></tr>
${rows}
</table>
<form method="post" action="/account" class="row actions">
${everywhere}
<button type="submit" name="action" value="logout" class="secondary" id="logout">Sign out</button>
</form>
${DEMO_NOTE}
</section>`);
}

function row(entry: UserSession, mine: boolean, now: Date): string {
  const { agent, ip } = metadataOf(entry);
  const name = browserName(agent);
  // An unknown browser shows the start of its header, escaped like the rest.
  const shown = name ?? (agent === '' ? 'Unknown browser' : agent.slice(0, 60));
  const action = mine
    ? '<span class="tag ok">this device</span>'
    : `<form method="post" action="/account"><input type="hidden" name="handle" value="${escapeHtml(entry.id)}"><button type="submit" name="action" value="revoke" class="small secondary">Revoke</button></form>`;
  const cells = [
    `<td title="${escapeHtml(agent)}">${escapeHtml(shown)}</td>`,
    `<td><code>${escapeHtml(ip)}</code></td>`,
    `<td>${when(entry.createdAt, now)}</td>`,
    `<td>${when(entry.lastSeenAt, now)}</td>`,
    `<td>${action}</td>`,
  ];
  return `<tr data-session="${escapeHtml(entry.id)}"${mine ? ' data-current' : ''}>${cells.join('')}</tr>`;
}

/** `bind`'s metadata, read defensively: another app version may have stored something else. */
function metadataOf(entry: UserSession): DeviceMetadata {
  const meta = entry.metadata;
  if (meta === null || typeof meta !== 'object' || Array.isArray(meta))
    return { agent: '', ip: '' };
  const { agent, ip } = meta as Record<string, unknown>;
  return { agent: typeof agent === 'string' ? agent : '', ip: typeof ip === 'string' ? ip : '' };
}

/** "2 minutes ago", with the exact time (UTC) as the title. */
function when(date: Date, now: Date): string {
  const iso = date.toISOString();
  const exact = `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`;
  return `<time datetime="${iso}" title="${exact}">${timeAgo(date, now)}</time>`;
}

/**
 * How long ago, in the largest whole unit.
 *
 * @example
 * ```ts
 * timeAgo(new Date(0), new Date(120_000)); // '2 minutes ago'
 * ```
 */
export function timeAgo(date: Date, now: Date): string {
  const seconds = Math.floor((now.getTime() - date.getTime()) / 1000);
  if (seconds < 10) return 'just now';
  const units = [
    ['day', 86400],
    ['hour', 3600],
    ['minute', 60],
    ['second', 1],
  ] as const;
  for (const [unit, size] of units) {
    const n = Math.floor(seconds / size);
    if (n >= 1) return `${n} ${unit}${n === 1 ? '' : 's'} ago`;
  }
  return 'just now';
}

/**
 * What the cookie store shows instead of the list: the whole session is in the cookie, so the
 * server has nothing to list or delete.
 *
 * @example
 * ```ts
 * cookieStorePage('ada');
 * ```
 */
export function cookieStorePage(user: string): string {
  return frame(`<section class="card" aria-labelledby="cookie-h" id="cookie-store">
<h2 id="cookie-h">Signed in as ${escapeHtml(user)}</h2>
<p>This demo runs with <code>SESSION_STORE=cookie</code>: the whole session is in the signed <code>session</code> cookie, and the server keeps nothing. So it cannot list this user’s devices, and it cannot revoke one: a copy of a signed cookie stays valid until it expires (<code>sessions.list</code> throws <code>ERR_SESSION_STORE_UNSUPPORTED</code>).</p>
<p>Run the demo with the default SQLite store, or <code>SESSION_STORE=memory</code>, <code>redis</code> or <code>postgres</code>, to see and revoke sessions.</p>
<form method="post" action="/account" class="row">
<button type="submit" name="action" value="logout" class="secondary" id="logout">Sign out</button>
</form>
</section>`);
}
