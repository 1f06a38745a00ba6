/**
 * @module Issue 21's in-process table: what one request's session costs in codec work alone, a
 * decode of the cookie the browser sent plus an encode of the changed session, for shortbread's
 * `FlaskSessionCodec` and `seal`/`unseal` next to the codecs of the peers users would pick:
 *
 * - **cookie-session 2.1** (the reference, ratio 1.0): its codec is
 *   `Buffer.from(JSON.stringify(session)).toString('base64')`, signed by the `cookies` module as
 *   `keygrip.sign(name + '=' + value)` into a `name.sig` cookie; reading verifies with
 *   `keygrip.index(name + '=' + value, sig)` and parses `JSON.parse(Buffer.from(value, 'base64')
 *   .toString('utf8'))`. Reproduced here from the real `keygrip` 1.1 (its `sign`/`index`, tsscmp's
 *   double-HMAC compare included), as cookie-session 2.1.0's `index.js` and cookies 0.9 do it.
 * - **iron-session 8**: `sealData` / `unsealData` (AES-256-CBC + HMAC-SHA-256 with PBKDF2 keys,
 *   through WebCrypto).
 * - **@fastify/secure-session 8**: its own `decodeSecureSession` / `encodeSecureSession` (libsodium
 *   `crypto_secretbox`, XSalsa20-Poly1305, via sodium-native), taken from a registered plugin.
 *
 * Inputs: 1000 different sessions of 4 keys (`user_id`, `name`, `csrf` a random hex token, `count`),
 * each codec's own cookies made once before timing; every operation takes the next cookie,
 * decodes it, adds one to `count` and encodes the result, so no two neighbouring calls see the
 * same input. Rounds are paired and interleaved: every round times every row on a batch of about
 * 150 ms of its work (the order reversed every other round), each row's ratio is taken to
 * cookie-session's time in the same round, and the table quotes the median ratio with its min-max
 * over at least 21 rounds. Time is
 * the process's CPU time (all threads), so time spent descheduled on the shared machine does not
 * count; still, only ratios mean anything.
 *
 * Environment: `CODECS_ROUNDS` (default 21), `CODECS_BATCH_MS` (milliseconds of work per row per
 * round, default 150), `CODECS_BATCH` (a fixed number of operations per row per round instead),
 * `CODECS_BEFORE=<git-ref>` adds rows for shortbread's codecs at that commit (its `src/`
 * extracted with `git archive`), measured in the same rounds. `--profile <row>` runs one row in a
 * loop for `--seconds` (default 5) under `node --cpu-prof`.
 */
import { execFileSync } from 'node:child_process';
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import secureSession from '@fastify/secure-session';
import Fastify from 'fastify';
import { sealData, unsealData } from 'iron-session';
import Keygrip from 'keygrip';
import { zlibCannotSaveTwoBytes } from '../src/internal/deflate-bound.js';
import { type HmacKey, importHmacKey } from '../src/internal/hmac.js';
import { zlibCompressSync } from '../src/internal/zlib.js';
import { FlaskSessionCodec as CurrentFlaskSessionCodec } from '../src/signing/flask-session.js';
import { seal as currentSeal, unseal as currentUnseal } from '../src/signing/seal.js';
import { median } from './median.js';

/** One codec: a cookie for session `i`, and one decode + change + encode round trip. */
export interface CodecRow {
  readonly name: string;
  /** The cookie value(s) a browser would send for each session, made before timing. */
  prepare(sessions: readonly SessionData[]): Promise<readonly unknown[]>;
  /** Decode `cookie`, add one to `count`, encode: sync where the codec is. */
  roundTrip(cookie: unknown): unknown;
}

/** A session as the apps keep it. */
export interface SessionData {
  user_id: number;
  name: string;
  csrf: string;
  count: number;
}

/** One row of the table: medians of per-round figures. */
export interface CodecResult {
  readonly name: string;
  readonly nsPerOp: number;
  readonly ratio: number;
  readonly ratioMin: number;
  readonly ratioMax: number;
  /** Operations per round this row was timed over. */
  readonly batch: number;
}

const REFERENCE = 'cookie-session 2.1 (keygrip + base64 JSON)';
const SESSION_COUNT = 1000;
/** Random key material, as the seal now requires (`openssl rand -base64 32`). */
const SEAL_SECRET = 'C7O86JlKdlLeiWZyRxGMRS9gbFPp9YQDKS--8QZIKeg';
const SEAL_KEYS = [{ id: '2026', secret: SEAL_SECRET }];
const SECRET = 'a long application secret for the session codecs bench';

/** 1000 different 4-key sessions. */
export function makeSessions(count = SESSION_COUNT): SessionData[] {
  return Array.from({ length: count }, (_, i) => ({
    user_id: 100_000 + i,
    name: `user-${i.toString(36)}@example.com`,
    csrf: randomBytes(16).toString('hex'),
    count: i % 97,
  }));
}

/** cookie-session 2.1's codec over the cookies module and keygrip, as its source does it. */
function cookieSessionRow(): CodecRow {
  const keys = new Keygrip([SECRET]);
  const name = 'session';
  const encode = (body: object): string => Buffer.from(JSON.stringify(body)).toString('base64');
  const decode = (value: string): Record<string, unknown> =>
    JSON.parse(Buffer.from(value, 'base64').toString('utf8'));
  return {
    name: REFERENCE,
    async prepare(sessions) {
      return sessions.map((s) => {
        const value = encode(s);
        return { value, sig: keys.sign(`${name}=${value}`) };
      });
    },
    roundTrip(cookie) {
      const { value, sig } = cookie as { value: string; sig: string };
      // cookies.get(name, { signed: true }): the .sig cookie must match one of the keys.
      if (keys.index(`${name}=${value}`, sig) < 0) throw new Error('bad signature');
      const session = decode(value);
      session.count = (session.count as number) + 1;
      const out = encode(session);
      return { value: out, sig: keys.sign(`${name}=${out}`) };
    },
  };
}

type FlaskCodecClass = typeof CurrentFlaskSessionCodec;
type SealFn = typeof currentSeal;
type UnsealFn = typeof currentUnseal;

function flaskRow(name: string, Codec: FlaskCodecClass): CodecRow {
  const codec = new Codec({ secretKey: SECRET });
  return {
    name,
    async prepare(sessions) {
      return Promise.all(sessions.map((s) => codec.encode(s)));
    },
    async roundTrip(cookie) {
      const session = await codec.decode(cookie as string);
      session.count = (session.count as number) + 1;
      return codec.encode(session);
    },
  };
}

function sealRow(name: string, seal: SealFn, unseal: UnsealFn): CodecRow {
  const options = { keys: SEAL_KEYS, ttl: 2_678_400, context: 'session' };
  return {
    name,
    async prepare(sessions) {
      return Promise.all(sessions.map((s) => seal(s, options)));
    },
    async roundTrip(cookie) {
      const session = await unseal<SessionData>(cookie as string, options);
      session.count += 1;
      return seal(session, options);
    },
  };
}

function ironRow(): CodecRow {
  const options = { password: SEAL_SECRET, ttl: 2_678_400 };
  return {
    name: 'iron-session 8 (sealData/unsealData)',
    async prepare(sessions) {
      return Promise.all(sessions.map((s) => sealData(s, options)));
    },
    async roundTrip(cookie) {
      const session = await unsealData<SessionData>(cookie as string, options);
      session.count += 1;
      return sealData(session, options);
    },
  };
}

interface SecureSessionApp {
  decodeSecureSession(cookie: string): {
    get(key: string): unknown;
    set(key: string, value: unknown): void;
  } | null;
  encodeSecureSession(session: unknown): string;
  createSecureSession(data: object): unknown;
  close(): Promise<void>;
}

async function secureSessionRow(): Promise<CodecRow> {
  const app = Fastify();
  await app.register(secureSession, { key: randomBytes(32), cookieName: 'session' });
  await app.ready();
  const codec = app as unknown as SecureSessionApp;
  return {
    name: '@fastify/secure-session 8 (sodium secretbox)',
    async prepare(sessions) {
      return sessions.map((s) => codec.encodeSecureSession(codec.createSecureSession({ ...s })));
    },
    roundTrip(cookie) {
      const session = codec.decodeSecureSession(cookie as string);
      if (session === null) throw new Error('secure-session refused its own cookie');
      session.set('count', (session.get('count') as number) + 1);
      return codec.encodeSecureSession(session);
    },
  };
}

/**
 * Not a codec: the part of a Flask-compatible round trip that no implementation can skip, done with
 * the fastest primitives this repo has. Verifying the cookie is one HMAC-SHA1 and signing the new
 * one another (itsdangerous's format); and itsdangerous keeps the compressed payload whenever zlib
 * saves 2 bytes, so writing the same bytes as Flask takes one deflate of the payload wherever
 * `zlibCannotSaveTwoBytes` cannot rule it out (every session of this table: their JSON repeats
 * `":"`). No JSON, no base64, no timestamps: the row is the floor under the Flask codec's row.
 */
function flaskFloorRow(): CodecRow {
  let key: HmacKey | undefined;
  return {
    name: 'floor of a Flask-compatible round trip (2 HMAC-SHA1 + 1 deflate, nothing else)',
    async prepare(sessions) {
      key = await importHmacKey('sha1', new TextEncoder().encode(SECRET));
      const codec = new CurrentFlaskSessionCodec({ secretKey: SECRET });
      return Promise.all(
        sessions.map(async (s) => {
          const cookie = await codec.encode(s);
          const json = new TextEncoder().encode(JSON.stringify(s));
          if (zlibCannotSaveTwoBytes(json))
            throw new Error('the floor row needs a deflate attempt');
          return { body: cookie.slice(0, cookie.lastIndexOf('.')), json };
        }),
      );
    },
    roundTrip(cookie) {
      const { body, json } = cookie as { body: string; json: Uint8Array };
      const hmac = key as HmacKey;
      const verified = hmac.signBase64Url(body);
      const compressed = zlibCompressSync(json);
      return [verified, compressed, hmac.signBase64Url(body)];
    },
  };
}

/**
 * Not a codec: the part of an AES-256-GCM round trip that node:crypto cannot do cheaper, one
 * `createDecipheriv` opening the cookie and one `createCipheriv` sealing the new one (node has no
 * one-shot AES-GCM; WebCrypto's is a promise on the threadpool, slower still), on the bytes of the
 * seal's own tokens. No JSON, no base64, no random IV. Next to @fastify/secure-session's row (one
 * libsodium call each way) it is the floor under any AES-GCM session cookie on Node.
 */
function sealFloorRow(): CodecRow {
  const key = randomBytes(32);
  const aad = new TextEncoder().encode('v1.2026\u0000session');
  return {
    name: 'floor of an AES-256-GCM round trip on node:crypto (decipher + cipher, nothing else)',
    async prepare(sessions) {
      return sessions.map((s) => {
        const iv = randomBytes(12);
        const cipher = createCipheriv('aes-256-gcm', key, iv).setAAD(aad);
        const plain = JSON.stringify({ v: s, iat: 1_700_000_000 });
        const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
        return { iv, body, tag: cipher.getAuthTag(), plain };
      });
    },
    roundTrip(cookie) {
      const { iv, body, tag, plain } = cookie as {
        iv: Buffer;
        body: Buffer;
        tag: Buffer;
        plain: string;
      };
      const decipher = createDecipheriv('aes-256-gcm', key, iv).setAAD(aad).setAuthTag(tag);
      const opened = [decipher.update(body), decipher.final()];
      const cipher = createCipheriv('aes-256-gcm', key, iv).setAAD(aad);
      return [opened, cipher.update(plain, 'utf8'), cipher.final(), cipher.getAuthTag()];
    },
  };
}

/** shortbread's codecs at `ref`, from its `src/` extracted to a temporary directory. */
async function beforeRows(ref: string): Promise<CodecRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'shortbread-codecs-'));
  execFileSync('sh', ['-c', `git archive ${ref} src | tar -x -C ${dir}`]);
  const flask = (await import(pathToFileURL(join(dir, 'src/signing/flask-session.ts')).href)) as {
    FlaskSessionCodec: FlaskCodecClass;
  };
  const sealing = (await import(pathToFileURL(join(dir, 'src/signing/seal.ts')).href)) as {
    seal: SealFn;
    unseal: UnsealFn;
  };
  return [
    flaskRow(`shortbread@${ref} FlaskSessionCodec`, flask.FlaskSessionCodec),
    sealRow(`shortbread@${ref} seal/unseal`, sealing.seal, sealing.unseal),
  ];
}

/** Every row, the reference first. */
export async function codecRows(before?: string): Promise<CodecRow[]> {
  const rows: CodecRow[] = [
    cookieSessionRow(),
    flaskRow('shortbread FlaskSessionCodec', CurrentFlaskSessionCodec),
    flaskFloorRow(),
    sealRow('shortbread seal/unseal (node:crypto AES-GCM)', currentSeal, currentUnseal),
    sealFloorRow(),
    ironRow(),
    await secureSessionRow(),
  ];
  if (before !== undefined && before !== '') rows.push(...(await beforeRows(before)));
  return rows;
}

/** CPU nanoseconds per round trip of `row` over `count` operations, starting at cookie `start`. */
async function timeBatch(
  row: CodecRow,
  cookies: readonly unknown[],
  start: number,
  count: number,
): Promise<number> {
  // CPU time of the whole process (every thread: the libuv pool's WebCrypto jobs and GC too), not
  // wall time: on a machine shared with other jobs, time spent descheduled is not the codec's.
  const began = process.cpuUsage();
  for (let i = 0; i < count; i++) {
    const result = row.roundTrip(cookies[(start + i) % cookies.length]);
    if (result instanceof Promise) await result;
  }
  const used = process.cpuUsage(began);
  return ((used.user + used.system) * 1000) / count;
}

/**
 * The table: every row timed in every round on `batch` operations, paired with the reference in
 * the same round.
 */
export async function runSessionCodecs(
  options: {
    rounds?: number;
    batch?: number;
    batchMs?: number;
    before?: string;
    log?: (line: string) => void;
  } = {},
): Promise<CodecResult[]> {
  const rounds = Math.max(21, options.rounds ?? 21);
  const log = options.log ?? (() => undefined);
  const rows = await codecRows(options.before);
  const sessions = makeSessions();
  const cookies = await Promise.all(rows.map((row) => row.prepare(sessions)));
  // Warm-up: every row over every cookie once, so the JIT has seen them all; its time sizes the
  // batches. Each row gets as many operations as take `batchMs` (default 150 ms), so that a slow
  // row (iron-session) does not stretch the run and a fast one is not timed over a few
  // milliseconds, where one collection swings the ratio.
  const warm: number[] = [];
  for (const [index, row] of rows.entries())
    warm.push(await timeBatch(row, cookies[index] as unknown[], 0, SESSION_COUNT));
  const batchNs = (options.batchMs ?? 150) * 1e6;
  const batches = warm.map((ns) =>
    options.batch !== undefined ? options.batch : Math.max(100, Math.round(batchNs / ns)),
  );
  const times = rows.map(() => [] as number[]);
  const ratios = rows.map(() => [] as number[]);
  for (let round = 0; round < rounds; round++) {
    const order = rows.map((_, i) => i);
    if (round % 2 === 1) order.reverse();
    const roundTimes: number[] = new Array(rows.length).fill(0);
    for (const index of order) {
      const batch = batches[index] as number;
      const start = (round * batch) % SESSION_COUNT;
      roundTimes[index] = await timeBatch(
        rows[index] as CodecRow,
        cookies[index] as unknown[],
        start,
        batch,
      );
    }
    const reference = roundTimes[0] as number;
    for (const [index, ns] of roundTimes.entries()) {
      times[index]?.push(ns);
      ratios[index]?.push(ns / reference);
    }
    log(`round ${round + 1}/${rounds}: ${roundTimes.map((ns) => ns.toFixed(0)).join(' ')} ns`);
  }
  return rows.map((row, index) => ({
    name: row.name,
    nsPerOp: median(times[index] as number[]),
    ratio: median(ratios[index] as number[]),
    ratioMin: Math.min(...(ratios[index] as number[])),
    ratioMax: Math.max(...(ratios[index] as number[])),
    batch: batches[index] as number,
  }));
}

/** `--profile <row substring>`: one row in a loop, for `node --cpu-prof`. */
async function profile(match: string, seconds: number): Promise<void> {
  const rows = await codecRows();
  const row = rows.find((r) => r.name.includes(match));
  if (row === undefined) throw new Error(`no row matches ${JSON.stringify(match)}`);
  const cookies = await row.prepare(makeSessions());
  const until = Date.now() + seconds * 1000;
  let ops = 0;
  while (Date.now() < until) {
    await timeBatch(row, cookies, ops, 1000);
    ops += 1000;
  }
  console.log(`${row.name}: ${ops} round trips in ${seconds} s`);
}

const args = process.argv.slice(2);
const main =
  process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (main && args[0] === '--profile') {
  const seconds = args[2] === '--seconds' ? Number(args[3]) : 5;
  await profile(args[1] ?? '', seconds);
  process.exit(0);
}
