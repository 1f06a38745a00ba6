/**
 * Signing and sealing, side by side with the peers: `npx tsx bench/signing.bench.ts`.
 * Prints mitata's table, then one ratio table per group (time relative to the group's first row).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import cookieSignature from 'cookie-signature';
import { sealData, unsealData } from 'iron-session';
import Keygrip from 'keygrip';
import { bench, do_not_optimize, group, run, summary } from 'mitata';
import { setPortableOnly } from '../src/internal/node-builtin.js';
import { FlaskSessionCodec } from '../src/signing/flask-session.js';
import { seal, unseal } from '../src/signing/seal.js';
import { Signer } from '../src/signing/signer.js';

const SECRET = 'a fairly long application secret, 32+ chars';
const VALUE = 'user-42:1700000000:some-session-id-0123456789';

// shortbread on node:crypto (the default on Node) and forced onto WebCrypto (the path of Deno,
// Bun, Workers and browsers). The backend is fixed when the key is first used.
const sbSha1 = new Signer(SECRET);
const sbSha256 = new Signer(SECRET, { digestMethod: 'sha256' });
setPortableOnly(true);
const sbWeb = new Signer(SECRET);
await sbWeb.sign('warm-up');
setPortableOnly(false);
await sbSha1.sign('warm-up');
await sbSha256.sign('warm-up');

const keygrip = new Keygrip([SECRET]);
const rawKey = await sbSha1.deriveKey();

const sb1Token = await sbSha1.sign(VALUE);
const sb256Token = await sbSha256.sign(VALUE);
const sbWebToken = await sbWeb.sign(VALUE);
const csToken = cookieSignature.sign(VALUE, SECRET);
const kgDigest = keygrip.sign(VALUE);
const rawSig = createHmac('sha1', rawKey).update(VALUE).digest();

const flask = new FlaskSessionCodec({ secretKey: SECRET });
const flaskSession = { _user_id: '42', _fresh: true, csrf_token: 'f'.repeat(40), count: 7 };
const flaskCookie = await flask.encode(flaskSession);

const SEAL_KEY = 'k'.repeat(32);
const sealValue = { userId: 42, roles: ['admin', 'editor'], csrf: 'f'.repeat(40) };
const sbSealed = await seal(sealValue, { keys: SEAL_KEY, ttl: 3600 });
const ironSealed = await sealData(sealValue, { password: SEAL_KEY, ttl: 3600 });

const groups: Record<string, string[]> = {};
const named = (groupName: string, name: string, fn: () => unknown) => {
  groups[groupName] = [...(groups[groupName] ?? []), name];
  return bench(name, fn);
};

group('sign', () => {
  summary(() => {
    named('sign', 'raw node:crypto HMAC-SHA1 (base64url)', () =>
      do_not_optimize(createHmac('sha1', rawKey).update(VALUE).digest('base64url')),
    );
    named('sign', 'shortbread Signer sha1 (node:crypto)', async () =>
      do_not_optimize(await sbSha1.sign(VALUE)),
    );
    named('sign', 'shortbread Signer sha256 (node:crypto)', async () =>
      do_not_optimize(await sbSha256.sign(VALUE)),
    );
    named('sign', 'shortbread Signer sha1 (WebCrypto)', async () =>
      do_not_optimize(await sbWeb.sign(VALUE)),
    );
    named('sign', 'cookie-signature sign (sha256)', () =>
      do_not_optimize(cookieSignature.sign(VALUE, SECRET)),
    );
    named('sign', 'keygrip sign (sha1)', () => do_not_optimize(keygrip.sign(VALUE)));
  });
});

group('verify', () => {
  summary(() => {
    named('verify', 'raw node:crypto HMAC-SHA1 + timingSafeEqual', () =>
      do_not_optimize(timingSafeEqual(createHmac('sha1', rawKey).update(VALUE).digest(), rawSig)),
    );
    named('verify', 'shortbread unsign sha1 (node:crypto)', async () =>
      do_not_optimize(await sbSha1.unsign(sb1Token)),
    );
    named('verify', 'shortbread unsign sha256 (node:crypto)', async () =>
      do_not_optimize(await sbSha256.unsign(sb256Token)),
    );
    named('verify', 'shortbread unsign sha1 (WebCrypto)', async () =>
      do_not_optimize(await sbWeb.unsign(sbWebToken)),
    );
    named('verify', 'cookie-signature unsign (sha256)', () =>
      do_not_optimize(cookieSignature.unsign(csToken, SECRET)),
    );
    named('verify', 'keygrip verify (sha1)', () =>
      do_not_optimize(keygrip.verify(VALUE, kgDigest)),
    );
  });
});

group('flask session', () => {
  summary(() => {
    named('flask session', 'FlaskSessionCodec.encode (small session)', async () =>
      do_not_optimize(await flask.encode(flaskSession)),
    );
    named('flask session', 'FlaskSessionCodec.decode (small session)', async () =>
      do_not_optimize(await flask.decode(flaskCookie)),
    );
  });
});

group('seal', () => {
  summary(() => {
    named('seal', 'shortbread seal (AES-256-GCM)', async () =>
      do_not_optimize(await seal(sealValue, { keys: SEAL_KEY, ttl: 3600 })),
    );
    named('seal', 'iron-session sealData', async () =>
      do_not_optimize(await sealData(sealValue, { password: SEAL_KEY, ttl: 3600 })),
    );
  });
});

group('unseal', () => {
  summary(() => {
    named('unseal', 'shortbread unseal (AES-256-GCM)', async () =>
      do_not_optimize(await unseal(sbSealed, { keys: SEAL_KEY })),
    );
    named('unseal', 'iron-session unsealData', async () =>
      do_not_optimize(await unsealData(ironSealed, { password: SEAL_KEY, ttl: 3600 })),
    );
  });
});

const { benchmarks } = await run();

const avg = new Map<string, number>();
for (const trial of benchmarks) {
  const stats = trial.runs[0]?.stats;
  if (stats) avg.set(trial.alias, stats.avg);
}
const fmt = (ns: number) => (ns >= 1000 ? `${(ns / 1000).toFixed(2)} µs` : `${ns.toFixed(0)} ns`);
let table =
  '\n| group | benchmark | avg | ops/s | vs first row |\n| --- | --- | --- | --- | --- |\n';
for (const [groupName, names] of Object.entries(groups)) {
  const base = avg.get(names[0] as string) ?? Number.NaN;
  for (const name of names) {
    const ns = avg.get(name) ?? Number.NaN;
    table += `| ${groupName} | ${name} | ${fmt(ns)} | ${Math.round(1e9 / ns).toLocaleString('en-US')} | ${(ns / base).toFixed(2)}× |\n`;
  }
}
console.log(table);
