/**
 * @module `/`: the cookie lab. Three panels side by side (what the server received, what JavaScript
 * sees, the last `Set-Cookie` lines), a form that sets a cookie with every attribute from JavaScript
 * (through the served `shortbread/browser` bundle) or from the server, and a delete button per cookie.
 * The server renders the first panel; `/lab.js` keeps all three live.
 */
import type { RequestCookies } from '../src/index.js';
import { escapeHtml, page } from './layout.js';

/**
 * The lab page, with the cookies this request carried already in the server panel.
 *
 * @example
 * ```ts
 * labPage(new RequestCookies(request));
 * ```
 */
export function labPage(cookies: RequestCookies): string {
  const rows = [...cookies]
    .map(
      ([name, value]) =>
        `<tr><td><code>${escapeHtml(name)}</code></td><td><code>${escapeHtml(value)}</code></td><td></td></tr>`,
    )
    .join('');
  const server =
    cookies.size === 0
      ? '<p class="empty">No cookies came with this request.</p>'
      : `<table><thead><tr><th scope="col">Name</th><th scope="col">Value</th><th scope="col"><span class="sr-only">Actions</span></th></tr></thead><tbody>${rows}</tbody></table>`;
  return page(
    'Cookie lab',
    `<section class="card" aria-labelledby="set-h">
<h2 id="set-h">Set a cookie</h2>
<form class="set" id="set-form" novalidate>
<label>Name <input type="text" name="name" id="f-name" value="flavor" required autocomplete="off"></label>
<label>Value <input type="text" name="value" id="f-value" value="chocolate chip" autocomplete="off"></label>
<label>Max-Age (seconds) <input type="number" name="maxAge" id="f-maxage" placeholder="session" step="1"></label>
<label>Expires (days) <input type="number" name="expires" id="f-expires" placeholder="session" step="any"></label>
<label>Path <input type="text" name="path" id="f-path" value="/" autocomplete="off"></label>
<label>Domain <input type="text" name="domain" id="f-domain" placeholder="this host only" autocomplete="off"></label>
<label>SameSite <select name="sameSite" id="f-samesite"><option value="">browser default (Lax)</option><option value="lax">Lax</option><option value="strict">Strict</option><option value="none">None (needs Secure)</option></select></label>
<fieldset>
<legend>Flags</legend>
<label class="check"><input type="checkbox" name="secure" id="f-secure"> Secure</label>
<label class="check"><input type="checkbox" name="partitioned" id="f-partitioned"> Partitioned</label>
<label class="check"><input type="checkbox" name="httpOnly" id="f-httponly"> HttpOnly <span class="tag">server only</span></label>
</fieldset>
<fieldset>
<legend>Set it from</legend>
<label class="check"><input type="radio" name="from" value="js" id="from-js" checked> JavaScript <code>cookies.set()</code></label>
<label class="check"><input type="radio" name="from" value="server" id="from-server"> the server (<code>Set-Cookie</code>)</label>
</fieldset>
<div class="row actions">
<button type="submit" id="set-button">Set cookie</button>
<button type="button" class="secondary" id="tutorial-button">Server: the tutorial’s cookies</button>
</div>
</form>
<p class="status" id="status" role="status" aria-live="polite"></p>
</section>
<div class="grid" style="margin-top:1rem">
<section class="card" aria-labelledby="server-h">
<h2 id="server-h">The server received <small><code>Cookie</code> header</small></h2>
<div id="server-list">${server}</div>
</section>
<section class="card" aria-labelledby="js-h">
<h2 id="js-h">JavaScript sees <small><code>document.cookie</code></small></h2>
<div id="js-list"><p class="empty">Loading…</p></div>
<pre id="doc-cookie" aria-label="document.cookie"></pre>
</section>
<section class="card" aria-labelledby="last-h">
<h2 id="last-h">The last write <small><code>Set-Cookie</code> / <code>document.cookie =</code></small></h2>
<div id="last-list"><p class="empty">Set a cookie to see the line the browser was given.</p></div>
</section>
</div>`,
    {
      path: '/',
      script: '/lab.js',
      lead: 'Cookies from both ends. The server panel is the <code>Cookie</code> header of a request this page sends every second; HttpOnly cookies show there and not in the JavaScript panel. Countdowns run to each cookie’s expiry.',
    },
  );
}
