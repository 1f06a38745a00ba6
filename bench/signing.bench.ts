/**
 * @module `npm run bench:signing`: signing, verifying and sealing next to raw `node:crypto` and the
 * peers, in one process, with the best-of-rounds medians of `bench/run.ts`.
 *
 * Each case runs every row for several short rounds (the order rotates each round); a round's
 * figure is mitata's median ns/op and the case's figure is the best round. Asynchronous rows are
 * awaited on every call, so a promise's cost counts: shortbread's API returns promises (it must, for
 * WebCrypto), the raw baselines do not.
 *
 * The raw baselines ("raw node:crypto", the issue 9 target of ≤ 1.2×) do the least work that gives
 * the same answer as shortbread's Signer, with the key already derived (itsdangerous's
 * django-concat key, computed once outside the timing):
 *
 * - sign: `` `${value}.${createHmac('sha1', key).update(value).digest('base64url')}` ``: the same
 *   token string as `Signer.sign(value)`.
 * - verify: split the token at its last `.`, compute `createHmac('sha1', key).update(value)
 *   .digest('base64url')`, compare it with the received signature in constant time (length check,
 *   then a loop OR-ing the XOR of every char code), return the value. It accepts only the canonical
 *   spelling; shortbread also accepts every spelling itsdangerous's lenient decoder does.
 * - "raw node:crypto, bytes" (shown, not the target): the byte-wise way, `Buffer.from(sig,
 *   'base64url')` + `digest()` + `crypto.timingSafeEqual`.
 * - "raw one-shot hash() HMAC" (shown, not the target): the same RFC 2104 construction shortbread
 *   uses on Node, written out by hand with no wrapper and no promise: the padded key blocks made
 *   once, then `crypto.hash(inner block ‖ value)` and `crypto.hash(outer block ‖ that digest)`.
 *   shortbread's ratio to it is the cost of its own code and of the promise its API returns.
 *
 * Environment: `BENCH_ROUNDS` (default 7), `BENCH_TIME_MS` (default 60, CPU time per row per round),
 * `BENCH_FILTER=<substring>` (cases), `BENCH_JSON=<file>` (default
 * `bench/results/signing-latest.json`, read by `bench/chart.ts`; `BENCH_JSON=` writes none),
 * `SIGNING_BEFORE=<git-ref>` adds rows for the Signer at that commit (its `src/` extracted with
 * `git archive`), measured in the same rounds.
 */

import { execFileSync } from 'node:child_process';
import { createHmac, createSecretKey, hash as nodeHash, timingSafeEqual } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import cookieSignature from 'cookie-signature';
import { sealData, unsealData } from 'iron-session';
import Keygrip from 'keygrip';
import { do_not_optimize, measure } from 'mitata';
import { setPortableOnly } from '../src/internal/node-builtin.js';
import { FlaskSessionCodec } from '../src/signing/flask-session.js';
import { seal, unseal } from '../src/signing/seal.js';
import { Signer } from '../src/signing/signer.js';
import { writeRatioChart } from './chart.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const rounds = Number(process.env.BENCH_ROUNDS ?? 7);
const timeMs = Number(process.env.BENCH_TIME_MS ?? 60);
const filter = process.env.BENCH_FILTER ?? '';
const jsonFile = process.env.BENCH_JSON ?? 'bench/results/signing-latest.json';
const beforeRef = process.env.SIGNING_BEFORE;

const SECRET = 'a fairly long application secret, 32+ chars';
// A flat, non-internalized string, like a cookie value read from a request.
const VALUE = JSON.parse(JSON.stringify('user-42:1700000000:some-session-id-0123456789')) as string;

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

let before: Signer | undefined;
if (beforeRef !== undefined && beforeRef !== '') {
  const dir = mkdtempSync(join(tmpdir(), 'shortbread-signing-'));
  execFileSync('sh', ['-c', `git archive ${beforeRef} src | tar -x -C ${dir}`]);
  const module = (await import(pathToFileURL(join(dir, 'src/signing/signer.ts')).href)) as {
    Signer: typeof Signer;
  };
  before = new module.Signer(SECRET);
  await before.sign('warm-up');
}

const key1 = Buffer.from(await sbSha1.deriveKey());
const key256 = Buffer.from(await sbSha256.deriveKey());
// node:crypto's own handle for the key, as a careful raw caller would keep it (shortbread does).
const keyObject1 = createSecretKey(key1);
const keyObject256 = createSecretKey(key256);
const keygrip = new Keygrip([SECRET]);

const token1 = await sbSha1.sign(VALUE);
const token256 = await sbSha256.sign(VALUE);
const tokenWeb = await sbWeb.sign(VALUE);
const csToken = cookieSignature.sign(VALUE, SECRET);
const kgDigest = keygrip.sign(VALUE);

/** The raw sign baseline: the same token string as `Signer.sign`. */
function rawSign(key: unknown, digest: string, value: string): string {
  return `${value}.${createHmac(digest, key as Buffer)
    .update(value)
    .digest('base64url')}`;
}

// @types/node leaves 'latin1' out of hash()'s output encodings; Node accepts every Buffer encoding.
const hash = nodeHash as (
  algorithm: string,
  data: Uint8Array,
  encoding: 'latin1' | 'base64url',
) => string;

/** RFC 2104 over one-shot `hash()`, with the padded key blocks made once (64-byte block). */
function oneShotHmac(digest: 'sha1' | 'sha256', key: Uint8Array): (text: string) => string {
  const inner = Buffer.alloc(64 + 3 * 1024);
  const outer = Buffer.alloc(64 + (digest === 'sha1' ? 20 : 32));
  for (let i = 0; i < 64; i++) {
    inner[i] = (key[i] ?? 0) ^ 0x36;
    outer[i] = (key[i] ?? 0) ^ 0x5c;
  }
  return (text) => {
    const length = inner.write(text, 64, 'utf8');
    outer.write(hash(digest, inner.subarray(0, 64 + length), 'latin1'), 64, 'latin1');
    return hash(digest, outer, 'base64url');
  };
}
const oneShot1 = oneShotHmac('sha1', key1);

function rawOneShotSign(value: string): string {
  return `${value}.${oneShot1(value)}`;
}

function rawOneShotVerify(token: string): string | undefined {
  const at = token.lastIndexOf('.');
  const value = token.slice(0, at);
  const sig = token.slice(at + 1);
  const mac = oneShot1(value);
  if (mac.length !== sig.length) return undefined;
  let difference = 0;
  for (let i = 0; i < mac.length; i++) difference |= mac.charCodeAt(i) ^ sig.charCodeAt(i);
  return difference === 0 ? value : undefined;
}

/** The raw verify baseline: split, MAC as base64url, constant-time text compare. */
function rawVerify(key: unknown, digest: string, token: string): string | undefined {
  const at = token.lastIndexOf('.');
  const value = token.slice(0, at);
  const sig = token.slice(at + 1);
  const mac = createHmac(digest, key as Buffer)
    .update(value)
    .digest('base64url');
  if (mac.length !== sig.length) return undefined;
  let difference = 0;
  for (let i = 0; i < mac.length; i++) difference |= mac.charCodeAt(i) ^ sig.charCodeAt(i);
  return difference === 0 ? value : undefined;
}

/** The byte-wise raw verify: decode, MAC as bytes, `crypto.timingSafeEqual`. */
function rawVerifyBytes(key: unknown, digest: string, token: string): string | undefined {
  const at = token.lastIndexOf('.');
  const value = token.slice(0, at);
  const sig = Buffer.from(token.slice(at + 1), 'base64url');
  const mac = createHmac(digest, key as Buffer)
    .update(value)
    .digest();
  return mac.length === sig.length && timingSafeEqual(mac, sig) ? value : undefined;
}

for (const [name, got] of [
  ['raw sign', rawSign(keyObject1, 'sha1', VALUE) === token1],
  ['raw sign sha256', rawSign(keyObject256, 'sha256', VALUE) === token256],
  ['raw verify', rawVerify(keyObject1, 'sha1', token1) === VALUE],
  ['raw verify bytes', rawVerifyBytes(keyObject1, 'sha1', token1) === VALUE],
  ['raw verify sha256', rawVerify(keyObject256, 'sha256', token256) === VALUE],
  ['raw one-shot sign', rawOneShotSign(VALUE) === token1],
  ['raw one-shot verify', rawOneShotVerify(token1) === VALUE],
  ['before', before === undefined || (await before.sign(VALUE)) === token1],
] as const) {
  if (!got) throw new Error(`${name} does not give shortbread's answer`);
}

const flask = new FlaskSessionCodec({ secretKey: SECRET });
const flaskSession = { _user_id: '42', _fresh: true, csrf_token: 'f'.repeat(40), count: 7 };
const flaskCookie = await flask.encode(flaskSession);

// Random key material (openssl rand -base64 32, URL-safe): seal refuses passwords.
const SEAL_KEY = 'XSr5fpDNlEZKOxo0_BxVDOY9UTCv_308B9tnH_Rq3p8';
const sealValue = { userId: 42, roles: ['admin', 'editor'], csrf: 'f'.repeat(40) };
const sbSealed = await seal(sealValue, { keys: SEAL_KEY, ttl: 3600 });
const ironSealed = await sealData(sealValue, { password: SEAL_KEY, ttl: 3600 });

interface Case {
  title: string;
  /** Row name to function; `shortbread` is the row the ratios are of. */
  fns: Record<string, () => unknown>;
}

const beforeName = `shortbread@${beforeRef}`;
const cases: Case[] = [
  {
    title: 'sign, itsdangerous HMAC-SHA1',
    fns: {
      shortbread: () => sbSha1.sign(VALUE),
      'raw node:crypto': () => rawSign(keyObject1, 'sha1', VALUE),
      'raw one-shot hash() HMAC': () => rawOneShotSign(VALUE),
      ...(before ? { [beforeName]: () => (before as Signer).sign(VALUE) } : {}),
      'shortbread (WebCrypto)': () => sbWeb.sign(VALUE),
      'keygrip (sha1, base64url, no value)': () => keygrip.sign(VALUE),
    },
  },
  {
    title: 'verify, itsdangerous HMAC-SHA1',
    fns: {
      shortbread: () => sbSha1.unsign(token1),
      'raw node:crypto': () => rawVerify(keyObject1, 'sha1', token1),
      'raw node:crypto, bytes': () => rawVerifyBytes(keyObject1, 'sha1', token1),
      'raw one-shot hash() HMAC': () => rawOneShotVerify(token1),
      ...(before ? { [beforeName]: () => (before as Signer).unsign(token1) } : {}),
      'shortbread (WebCrypto)': () => sbWeb.unsign(tokenWeb),
      'keygrip (sha1)': () => keygrip.verify(VALUE, kgDigest),
    },
  },
  {
    title: 'sign, HMAC-SHA256',
    fns: {
      shortbread: () => sbSha256.sign(VALUE),
      'raw node:crypto': () => rawSign(keyObject256, 'sha256', VALUE),
      'cookie-signature': () => cookieSignature.sign(VALUE, SECRET),
    },
  },
  {
    title: 'verify, HMAC-SHA256',
    fns: {
      shortbread: () => sbSha256.unsign(token256),
      'raw node:crypto': () => rawVerify(keyObject256, 'sha256', token256),
      'cookie-signature': () => cookieSignature.unsign(csToken, SECRET),
    },
  },
  {
    title: 'Flask session encode, small session',
    fns: { shortbread: () => flask.encode(flaskSession) },
  },
  {
    title: 'Flask session decode, small session',
    fns: { shortbread: () => flask.decode(flaskCookie) },
  },
  {
    title: 'seal (AES-256-GCM)',
    fns: {
      shortbread: () => seal(sealValue, { keys: SEAL_KEY, ttl: 3600 }),
      'iron-session': () => sealData(sealValue, { password: SEAL_KEY, ttl: 3600 }),
    },
  },
  {
    title: 'unseal (AES-256-GCM)',
    fns: {
      shortbread: () => unseal(sbSealed, { keys: SEAL_KEY }),
      'iron-session': () => unsealData(ironSealed, { password: SEAL_KEY, ttl: 3600 }),
    },
  },
];

async function runCase(c: Case): Promise<Record<string, number>> {
  const names = Object.keys(c.fns);
  const best: Record<string, number> = {};
  for (let round = 0; round < rounds; round++) {
    for (let k = 0; k < names.length; k++) {
      const name = names[(k + round) % names.length] as string;
      const fn = c.fns[name] as () => unknown;
      // A row that returns a promise is awaited on every call.
      const timed =
        fn() instanceof Promise
          ? async () => do_not_optimize(await fn())
          : () => do_not_optimize(fn());
      // Samples of 256 calls (mitata's default is 4096): each fits well inside a scheduler time
      // slice, so on a shared machine the median is less often a sample that was preempted.
      const stats = await measure(timed, {
        gc,
        min_cpu_time: timeMs * 1e6,
        min_samples: 12,
        batch_samples: 256,
      });
      best[name] = Math.min(best[name] ?? Number.POSITIVE_INFINITY, stats.p50);
    }
  }
  return best;
}

function formatNs(ns: number): string {
  if (ns >= 1e4) return `${(ns / 1e3).toFixed(1)} µs`;
  if (ns >= 1e3) return `${(ns / 1e3).toFixed(2)} µs`;
  return `${ns.toFixed(0)} ns`;
}

const started = performance.now();
const loadStart = loadavg()[0] as number;
console.log(
  `shortbread signing bench: node ${process.version}, ${cpus().length} cores, ${cpus()[0]?.model ?? '?'}; best of ${rounds} rounds x ${timeMs} ms; load average ${loadStart.toFixed(2)}`,
);
const results: Array<{ title: string; kind: 'typical'; ns: Record<string, number> }> = [];
for (const c of cases.filter((x) => filter === '' || x.title.includes(filter))) {
  const ns = await runCase(c);
  results.push({ title: c.title, kind: 'typical', ns });
  const own = ns.shortbread as number;
  console.log(`\n${c.title}`);
  for (const [name, value] of Object.entries(ns)) {
    const ratio = name === 'shortbread' ? '' : `   shortbread/row = ${(own / value).toFixed(2)}`;
    console.log(`  ${name.padEnd(38)} ${formatNs(value).padStart(10)}/op${ratio}`);
  }
}

console.log('\n| case | shortbread | raw node:crypto | ratio | other rows (shortbread/row) |');
console.log('|---|---:|---:|---:|---|');
for (const r of results) {
  const own = r.ns.shortbread as number;
  const raw = r.ns['raw node:crypto'];
  const others = Object.entries(r.ns)
    .filter(([name]) => name !== 'shortbread' && name !== 'raw node:crypto')
    .map(([name, ns]) => `${name} ${formatNs(ns)} (${(own / ns).toFixed(2)})`)
    .join('; ');
  console.log(
    `| ${r.title} | ${formatNs(own)} | ${raw === undefined ? '–' : formatNs(raw)} | ${raw === undefined ? '–' : `${(own / raw).toFixed(2)}×`} | ${others || '–'} |`,
  );
}

const loadEnd = loadavg()[0] as number;
if (jsonFile !== '') {
  mkdirSync(dirname(jsonFile), { recursive: true });
  writeFileSync(
    jsonFile,
    `${JSON.stringify(
      {
        bench: 'signing',
        node: process.version,
        date: new Date().toISOString(),
        loadAverage: [loadStart, loadEnd],
        rounds,
        timeMs,
        before: beforeRef,
        results,
      },
      null,
      2,
    )}\n`,
  );
  console.log(`\nwrote ${jsonFile}`);
}
console.log(
  `(${((performance.now() - started) / 1000).toFixed(1)} s, load average ${loadStart.toFixed(2)} → ${loadEnd.toFixed(2)})`,
);
if (jsonFile !== '') writeRatioChart();
