/**
 * @module The demo's page frame: one stylesheet, a navigation bar, and HTML escaping. Plain HTML and
 * CSS, no framework; pages add a module script when they need one.
 */
import { makeResponse } from '../src/index.js';

/** The demo's pages, in the order the navigation lists them. */
const NAV = [
  ['/', 'Cookie lab'],
  ['/cookies', 'Tutorial: /cookies'],
  ['/session', 'Session counter'],
  ['/account', 'Your sessions'],
  ['/attributes', 'Attributes'],
] as const;

const CSS = `
:root { --bg: #fbf7f1; --card: #fff; --ink: #2b2118; --muted: #6f6257; --line: #e7dccd;
  --accent: #9a4b16; --accent-ink: #fff; --ok: #2f6b3a; --warn: #8a5a00; --bad: #a1261f;
  font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); }
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); }
header { background: #3b2a1d; color: #fff; }
header .wrap { display: flex; gap: 1.5rem; align-items: center; flex-wrap: wrap; }
header .brand { font-weight: 700; font-size: 1.15rem; letter-spacing: .01em; color: #fff; text-decoration: none; display: flex; align-items: center; gap: .5rem; }
header .brand::before { content: ""; width: 1.1rem; height: 1.1rem; border-radius: 50%; background: radial-gradient(circle at 30% 35%, #5a3a22 0 8%, transparent 9%), radial-gradient(circle at 65% 60%, #5a3a22 0 8%, transparent 9%), radial-gradient(circle at 40% 72%, #5a3a22 0 7%, transparent 8%), #e0a56c; }
nav ul { display: flex; gap: .25rem; list-style: none; margin: 0; padding: 0; flex-wrap: wrap; }
nav a { display: block; padding: .85rem .75rem; color: #f2e6d8; text-decoration: none; border-bottom: 3px solid transparent; }
nav a:hover, nav a:focus-visible { color: #fff; border-bottom-color: #e0a56c; }
nav a[aria-current="page"] { color: #fff; border-bottom-color: #e0a56c; font-weight: 600; }
.wrap { max-width: 78rem; margin: 0 auto; padding: 0 1.25rem; }
main { padding: 1.5rem 0 3rem; }
h1 { font-size: 1.8rem; margin: .2rem 0 .4rem; }
h2 { font-size: 1.1rem; margin: 0 0 .6rem; }
p.lead { color: var(--muted); margin-top: 0; max-width: 52rem; }
a { color: var(--accent); }
code { font: .9em/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; background: #f3ebe0; padding: .05em .3em; border-radius: 4px; word-break: break-all; }
.grid { display: grid; gap: 1rem; grid-template-columns: repeat(auto-fit, minmax(22rem, 1fr)); align-items: start; }
.grid > * { min-width: 0; }
.card { overflow-wrap: anywhere; background: var(--card); border: 1px solid var(--line); border-radius: 12px; padding: 1rem 1.1rem; box-shadow: 0 1px 2px rgb(60 40 20 / 6%); }
.card h2 { display: flex; justify-content: space-between; align-items: baseline; gap: .5rem; }
.card h2 small { font-weight: 400; color: var(--muted); font-size: .8rem; }
table { width: 100%; border-collapse: collapse; font-size: .92rem; }
th, td { text-align: left; padding: .4rem .35rem; border-bottom: 1px solid var(--line); vertical-align: top; }
td:first-child code { word-break: normal; white-space: nowrap; }
th { font-weight: 600; color: var(--muted); font-size: .8rem; text-transform: uppercase; letter-spacing: .04em; }
.empty { color: var(--muted); font-style: italic; }
.tags { display: flex; flex-wrap: wrap; gap: .25rem; margin-top: .2rem; }
.tag { font-size: .75rem; border: 1px solid var(--line); border-radius: 999px; padding: 0 .45rem; background: #faf5ee; color: var(--muted); }
td:last-child:not(:first-child):not(:nth-child(2)) { width: 1%; white-space: nowrap; }
.tag.warn { border-color: #e8c98a; background: #fff6e0; color: var(--warn); }
.tag.ok { border-color: #b9d8bf; background: #eef8ef; color: var(--ok); }
.countdown { font-variant-numeric: tabular-nums; }
.countdown.soon { color: var(--bad); font-weight: 600; }
button, .button { font: inherit; font-size: .9rem; border-radius: 8px; border: 1px solid var(--accent); background: var(--accent); color: var(--accent-ink); padding: .45rem .9rem; cursor: pointer; text-decoration: none; display: inline-block; }
button.secondary { background: #fff; color: var(--accent); }
button.small { font-size: .8rem; padding: .15rem .55rem; }
button:hover { filter: brightness(1.08); }
button:focus-visible, input:focus-visible, select:focus-visible, a:focus-visible { outline: 3px solid #e0a56c; outline-offset: 2px; }
form.set { display: grid; gap: .7rem 1rem; grid-template-columns: repeat(auto-fit, minmax(11rem, 1fr)); align-items: end; }
form.set fieldset { grid-column: span 2; border: 0; padding: 0; margin: 0; display: flex; flex-wrap: wrap; gap: .4rem 1rem; align-items: center; }
form.set fieldset legend { font-size: .85rem; color: var(--muted); padding: 0; width: 100%; margin-bottom: .2rem; }
form.set .actions { grid-column: 1 / -1; }
label { display: grid; gap: .2rem; font-size: .85rem; color: var(--muted); }
label.check { display: flex; align-items: center; gap: .4rem; color: var(--ink); }
input[type=text], input[type=number], select { font: inherit; padding: .4rem .5rem; border: 1px solid #d8c9b6; border-radius: 8px; background: #fff; color: var(--ink); }
pre { background: #2b2118; color: #f6ecdf; padding: .75rem; border-radius: 8px; overflow-x: auto; font-size: .85rem; margin: 0; white-space: pre-wrap; word-break: break-all; }
.status { min-height: 1.5rem; margin: .6rem 0 0; }
.status.error { color: var(--bad); }
.big { font-size: 3.5rem; font-weight: 700; line-height: 1; margin: .5rem 0; font-variant-numeric: tabular-nums; }
.row { display: flex; gap: .6rem; flex-wrap: wrap; align-items: center; }
form.row.actions { margin-top: .8rem; }
dl.attrs { display: grid; grid-template-columns: minmax(8rem, 12rem) 1fr; gap: 0; margin: 0; }
dl.attrs > * { padding: .8rem .6rem; border-bottom: 1px solid var(--line); margin: 0; }
dl.attrs dt { font-weight: 600; }
dl.attrs dd p { margin: 0 0 .4rem; }
.sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
footer { color: var(--muted); font-size: .85rem; padding: 1rem 0 2rem; }
@media (prefers-reduced-motion: no-preference) { .flash { animation: flash 1s ease-out; } }
@keyframes flash { from { background: #fff1c2; } to { background: transparent; } }
`;

/**
 * Text to HTML: the five characters that can end an element or an attribute.
 *
 * @example
 * ```ts
 * escapeHtml('<b>"x"</b>'); // '&lt;b&gt;&quot;x&quot;&lt;/b&gt;'
 * ```
 */
export function escapeHtml(text: string): string {
  let out = '';
  for (const char of text) {
    switch (char) {
      case '&':
        out += '&amp;';
        break;
      case '<':
        out += '&lt;';
        break;
      case '>':
        out += '&gt;';
        break;
      case '"':
        out += '&quot;';
        break;
      case "'":
        out += '&#39;';
        break;
      default:
        out += char;
    }
  }
  return out;
}

/**
 * A whole page: the frame, the navigation (the current page marked for screen readers too), the
 * body, and an optional module script by URL.
 *
 * @example
 * ```ts
 * page('Cookies', '<p>Hello</p>', { path: '/cookies' });
 * ```
 */
export function page(
  title: string,
  body: string,
  options: { path?: string; script?: string; lead?: string } = {},
): string {
  const heading = escapeHtml(title);
  const links = NAV.map(([href, label]) => {
    const current = href === options.path ? ' aria-current="page"' : '';
    return `<li><a href="${href}"${current}>${escapeHtml(label)}</a></li>`;
  }).join('');
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<link rel="icon" href="data:,">',
    `<title>${heading} · shortbread</title>`,
    `<style>${CSS}</style>`,
    '</head>',
    '<body>',
    '<header><div class="wrap">',
    '<a class="brand" href="/">shortbread</a>',
    `<nav aria-label="Demo pages"><ul>${links}</ul></nav>`,
    '</div></header>',
    '<main class="wrap">',
    `<h1>${heading}</h1>`,
    options.lead ? `<p class="lead">${options.lead}</p>` : '',
    body,
    '</main>',
    '<footer class="wrap">shortbread demo · Flask’s cookie tutorial on a standard <code>Request</code> and <code>Response</code></footer>',
    options.script ? `<script type="module" src="${options.script}"></script>` : '',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

/**
 * The 405 page for a method a route does not take, with `Allow` listing the ones it does (HEAD
 * goes with GET).
 *
 * @example
 * ```ts
 * methodNotAllowed(['GET', 'POST']); // 405, Allow: GET, HEAD, POST
 * ```
 */
export function methodNotAllowed(methods: readonly ('GET' | 'POST')[]): Response {
  const allow = methods.flatMap((m) => (m === 'GET' ? ['GET', 'HEAD'] : [m]));
  return makeResponse(page('Method Not Allowed', `<p>Use ${methods.join(' or ')}.</p>`), {
    status: 405,
    headers: { allow: allow.join(', ') },
  });
}
