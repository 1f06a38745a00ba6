/**
 * The Flask session codec, the signers and seal in a real browser (headless Chromium, where there
 * is no `process`, no node:crypto and no node:zlib): bundled from src/signing.ts, it must produce
 * the same cookies as on Node, which test/flask-vectors.test.ts holds to real Flask.
 * Fails (never skips) when Chromium is missing.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FlaskSessionCodec } from '../src/signing/flask-session.js';
import {
  decodeUrlSafePayload,
  URLSafeTimedSerializer,
} from '../src/signing/url-safe-serializer.js';

/** The JSON inside a Flask cookie (payload segment, inflated when compressed). */
async function payloadJson(cookie: string): Promise<string> {
  return decodeUrlSafePayload(cookie.split('.').slice(0, -2).join('.'));
}

const run = promisify(execFile);
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

interface EncodeCase {
  name: string;
  secret: string | { $bytes_hex: string };
  fallbacks?: string[];
  now: number;
  cookie: string;
}

const vectors = JSON.parse(
  readFileSync(new URL('./fixtures/flask-vectors.json', import.meta.url), 'utf8'),
) as { stacks: Record<string, { flask_encode: EncodeCase[] }> };
const cases = (vectors.stacks.modern?.flask_encode ?? []).filter(
  (c) => typeof c.secret === 'string',
);

/** What the page computes, in the browser, for every Flask cookie: decode it, encode it again. */
const pageScript = `
(async () => {
  const out = document.getElementById('out');
  try {
    const cases = ${JSON.stringify(cases)};
    const reencoded = [];
    for (const c of cases) {
      const codec = new shortbread.FlaskSessionCodec({ secretKey: c.secret, ...(c.fallbacks ? { fallbacks: c.fallbacks } : {}) });
      const session = await codec.decode(c.cookie, { now: new Date(c.now * 1000) });
      reencoded.push(await codec.encode(session, { now: new Date(c.now * 1000) }));
    }
    let tampered = 'accepted';
    try { await new shortbread.FlaskSessionCodec({ secretKey: 'dev' }).decode(cases[1].cookie + 'x', { now: new Date(cases[1].now * 1000) }); }
    catch (e) { tampered = e.name; }
    const s = new shortbread.URLSafeTimedSerializer('secret');
    const token = await s.dumps({ data: 'y'.repeat(400) }, { now: 1700000000000 });
    const keys = [{ id: 'a', secret: 'TNFqhNle5x-W3IIw82KTexOyLEZOivCSODWOXQTCzmU' }];
    const sealed = await shortbread.seal({ n: 1 }, { keys, ttl: 60 });
    const opened = await shortbread.unseal(sealed, { keys });
    out.textContent = JSON.stringify({ reencoded, tampered, token, opened, hasProcess: typeof process });
  } catch (e) {
    out.textContent = JSON.stringify({ error: String(e && e.stack || e) });
  }
})();`;

describe('shortbread/signing in headless Chromium', () => {
  let dir: string;
  let result: {
    reencoded?: string[];
    tampered?: string;
    token?: string;
    opened?: unknown;
    hasProcess?: string;
    error?: string;
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'shortbread-browser-'));
    await build({
      entryPoints: [new URL('../src/signing.ts', import.meta.url).pathname],
      bundle: true,
      format: 'iife',
      globalName: 'shortbread',
      platform: 'browser',
      outfile: join(dir, 'bundle.js'),
      logLevel: 'silent',
    });
    writeFileSync(
      join(dir, 'page.html'),
      `<!doctype html><html><body><pre id="out">pending</pre><script src="bundle.js"></script><script>${pageScript}</script></body></html>`,
    );
    const { stdout } = await run(
      CHROMIUM,
      [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--no-first-run',
        `--user-data-dir=${join(dir, 'profile')}`,
        '--virtual-time-budget=20000',
        '--dump-dom',
        `file://${join(dir, 'page.html')}`,
      ],
      { timeout: 60_000, maxBuffer: 16 * 1024 * 1024 },
    );
    const match = /<pre id="out">([\s\S]*?)<\/pre>/.exec(stdout);
    const text = (match?.[1] ?? '')
      .replaceAll('&quot;', '"')
      .replaceAll('&amp;', '&')
      .replaceAll('&lt;', '<')
      .replaceAll('&gt;', '>');
    result =
      text === 'pending' || text === ''
        ? { error: `page did not finish: ${stdout.slice(0, 200)}` }
        : JSON.parse(text);
  });
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('runs without process, node:crypto or node:zlib', () => {
    expect(result.error).toBeUndefined();
    expect(result.hasProcess).toBe('undefined');
  });

  it("decodes every Flask cookie and encodes it back to Flask's cookie", async () => {
    expect(cases.length).toBeGreaterThan(30);
    expect(result.reencoded).toHaveLength(cases.length);
    let exact = 0;
    for (const [i, c] of cases.entries()) {
      const got = result.reencoded?.[i] as string;
      if (got === c.cookie) {
        exact++;
        continue;
      }
      // Compressed: another zlib build may pick other deflate bytes; the JSON inside must match,
      // and the cookie must verify.
      expect(await payloadJson(got), c.name).toBe(await payloadJson(c.cookie));
      const codec = new FlaskSessionCodec({ secretKey: c.secret as string });
      await expect(codec.decode(got, { now: new Date(c.now * 1000) })).resolves.toBeDefined();
    }
    // Chromium's CompressionStream matched Python's zlib byte for byte when this was written.
    console.info(`browser: ${exact}/${cases.length} cookies byte-identical to Flask's`);
    expect(exact).toBeGreaterThan(cases.length / 2);
  });

  it('rejects a tampered cookie and round-trips compressed tokens and seals', async () => {
    expect(result.tampered).toBe('BadTimeSignature');
    const s = new URLSafeTimedSerializer('secret');
    expect(result.token?.startsWith('.')).toBe(true);
    await expect(s.loads(result.token as string)).resolves.toEqual({ data: 'y'.repeat(400) });
    expect(result.opened).toEqual({ n: 1 });
  });
});
