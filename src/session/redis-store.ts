/**
 * @module `RedisSessionStore`: sessions in Redis through ioredis, one hash per session with the ttl
 * kept by Redis, changes merged key by key in one Lua script (single key: Redis Cluster safe).
 */
import { type Cluster, Redis, type RedisOptions } from 'ioredis';
import { bytesToHex, utf8Encode } from '../internal/bytes.js';
import { hashBytes } from '../internal/hmac.js';
import {
  checkTtl,
  type SessionChanges,
  type SessionData,
  type SessionStore,
  SessionStoreError,
  type SessionStoreErrorCode,
  type SessionStoreOperation,
  type StoreCallOptions,
  type StoreWriteOptions,
  shortId,
} from './store.js';
import { decodeValue, encodeValue } from './value-codec.js';

/**
 * Options of {@link RedisSessionStore}: a client you made (a `Redis` or a `Cluster`), or a URL.
 *
 * @example
 * ```ts
 * const options: RedisSessionStoreOptions = { url: 'redis://127.0.0.1:6379/0', prefix: 'myapp:session:' };
 * ```
 */
export type RedisSessionStoreOptions = RedisStoreCommon &
  (
    | {
        /**
         * An ioredis `Redis` or `Cluster`. The store uses it as it is and does not close it. Its
         * `maxRetriesPerRequest` decides how long a call waits while Redis is down (ioredis's default,
         * 20 reconnection attempts, is several seconds; 1 fails fast).
         */
        readonly client: Redis | Cluster;
        readonly url?: undefined;
      }
    | {
        /**
         * `redis://[user:password@]host:port/db` (or `rediss://`). The store makes the client (set to
         * fail a call after one reconnection attempt, reconnect every ≤ 1 s, time out a command after
         * `commandTimeout`) and closes it in `close()`.
         */
        readonly url: string;
        readonly client?: undefined;
        /** More ioredis options for the client the store makes. */
        readonly redisOptions?: Omit<RedisOptions, 'replyMapping'> | undefined;
      }
  );

/**
 * The options both forms share.
 *
 * @example
 * ```ts
 * const common: RedisStoreCommon = { prefix: 'app:sess:' };
 * ```
 */
export interface RedisStoreCommon {
  /**
   * Put before each session id to make its key. To keep every session on one Cluster slot (not
   * needed: each call touches one key), use a hash tag such as `'{sessions}:'`. @default 'session:'
   */
  readonly prefix?: string | undefined;
  /** For a store made from `url`: milliseconds before a command fails. @default 2000 */
  readonly commandTimeout?: number | undefined;
}

/**
 * KEYS[1] = the session hash. ARGV = mode ('u' update an existing record, 'c' create or replace),
 * ttl seconds, clear ('1' or '0'), the number of keys to delete, those keys, then field/value pairs
 * to set. Returns nil when mode is 'u' and the record is gone, else the merged hash as a flat array
 * (empty when the session ended empty, and then the key is gone too).
 *
 * The HSETs come first: Redis checks `maxmemory` only at a script's first write, and only for
 * commands that may add memory (HSET does, DEL and HDEL do not). A script that began with DEL would
 * pass that check and then write past the limit; this one is refused whole (`-OOM`) by a full Redis,
 * before anything changed. Sets and deletes name different fields, and clear keeps only the fields
 * just set, so doing the sets first gives the same hash.
 */
const UPDATE_SCRIPT = `
local key = KEYS[1]
if ARGV[1] == 'u' and redis.call('EXISTS', key) == 0 then return false end
local clear = ARGV[3] == '1'
local ndel = tonumber(ARGV[4])
local last = 4 + ndel
local chunk = 200
local before = {}
if clear then before = redis.call('HKEYS', key) end
for i = last + 1, #ARGV, chunk * 2 do
  redis.call('HSET', key, unpack(ARGV, i, math.min(i + chunk * 2 - 1, #ARGV)))
end
if clear then
  local kept = {}
  for i = last + 1, #ARGV, 2 do kept[ARGV[i]] = true end
  local stale = {}
  for _, field in ipairs(before) do
    if not kept[field] then stale[#stale + 1] = field end
  end
  for i = 1, #stale, chunk do
    redis.call('HDEL', key, unpack(stale, i, math.min(i + chunk - 1, #stale)))
  end
end
for i = 5, last, chunk do
  redis.call('HDEL', key, unpack(ARGV, i, math.min(i + chunk - 1, last)))
end
if redis.call('EXISTS', key) == 0 then return {} end
redis.call('EXPIRE', key, tonumber(ARGV[2]))
return redis.call('HGETALL', key)
`;

/** HGETALL through EVAL, so the reply is the raw array (ioredis turns HGETALL into a plain object). */
const GET_SCRIPT = `return redis.call('HGETALL', KEYS[1])`;

interface Script {
  readonly source: string;
  /** The SHA-1 that EVALSHA names the script by, computed once on first use. */
  sha?: Promise<string>;
}

function script(source: string): Script {
  return { source };
}

function shaOf(run: Script): Promise<string> {
  run.sha ??= hashBytes('sha1', utf8Encode(run.source)).then(bytesToHex);
  return run.sha;
}

const UPDATE = script(UPDATE_SCRIPT);
const GET = script(GET_SCRIPT);

/** A reply error that means the script cache lacks the script (after a restart or SCRIPT FLUSH). */
function isNoScript(error: unknown): boolean {
  return error instanceof Error && error.message.startsWith('NOSCRIPT');
}

/**
 * Keeps sessions in Redis: shared by every server behind a load balancer, expired by Redis itself
 * (`EXPIRE` = the session lifetime, pushed on each write), survives app restarts.
 *
 * Each session is one hash (`<prefix><id>`), one field per session key, each value in tagged JSON.
 * Every call touches exactly one key, so it works with a Redis Cluster client as is. Concurrent
 * requests of one session do not lose writes: `update` runs one Lua script that deletes and sets
 * only the keys the request changed, on the hash as it is at that moment, and refreshes the ttl;
 * Redis runs scripts one at a time.
 *
 * When Redis is down, calls reject with `SessionStoreError` (`ERR_SESSION_STORE_UNAVAILABLE`, the
 * ioredis error as `cause`), nothing is half written, and ioredis reconnects by itself: requests
 * succeed again as soon as Redis is back.
 *
 * @example
 * ```ts
 * import { Sessions } from 'shortbread/session';
 * import { RedisSessionStore } from 'shortbread/session/redis';
 *
 * const store = new RedisSessionStore({ url: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379' });
 * const sessions = new Sessions({ secret: process.env.SECRET_KEY!, store });
 * ```
 */
export class RedisSessionStore implements SessionStore {
  readonly kind = 'redis';
  /** The ioredis client (made by the store from `url`, or yours). */
  readonly client: Redis | Cluster;
  /** The key prefix. */
  readonly prefix: string;
  readonly #owned: boolean;

  /**
   * @example
   * ```ts
   * import { Redis } from 'ioredis';
   * const store = new RedisSessionStore({ client: new Redis({ maxRetriesPerRequest: 1 }), prefix: 'app:s:' });
   * ```
   */
  constructor(options: RedisSessionStoreOptions) {
    this.prefix = options.prefix ?? 'session:';
    if (typeof this.prefix !== 'string') {
      throw new TypeError(`prefix is invalid: ${JSON.stringify(this.prefix)} (a string)`);
    }
    if (options.client !== undefined) {
      this.client = options.client;
      this.#owned = false;
      return;
    }
    if (typeof options.url !== 'string' || !/^rediss?:\/\//.test(options.url)) {
      throw new TypeError(
        `redis url is invalid: ${JSON.stringify(options.url)} (redis://host:port/db or rediss://...)`,
      );
    }
    const settings: Omit<RedisOptions, 'replyMapping'> = {
      // Fail a call fast while Redis is down instead of queueing it for ~10 s: the handler decides.
      maxRetriesPerRequest: 1,
      commandTimeout: options.commandTimeout ?? 2000,
      retryStrategy: (times: number) => Math.min(times * 100, 1000),
      // The calls of many requests made in one turn of the event loop go out in one write: a server
      // answering many users at once pays one socket write, not one per call.
      enableAutoPipelining: true,
      ...options.redisOptions,
    };
    const client = new Redis(options.url, settings);
    // Without a listener ioredis prints every failed reconnection; the calls report the failure.
    client.on('error', () => undefined);
    this.client = client;
    this.#owned = true;
  }

  #key(id: string): string {
    return `${this.prefix}${id}`;
  }

  #error(operation: SessionStoreOperation, id: string, cause: unknown): SessionStoreError {
    const reason = cause instanceof Error ? cause.message : String(cause);
    const name = cause instanceof Error ? cause.name : '';
    let code: SessionStoreErrorCode = 'ERR_SESSION_STORE_UNAVAILABLE';
    let fix = 'check that Redis is running and reachable; ioredis reconnects by itself';
    if (/timed? ?out/i.test(reason)) {
      code = 'ERR_SESSION_STORE_TIMEOUT';
      fix = 'Redis did not answer in time; retry, check its load and the network';
    } else if (name === 'ReplyError') {
      code = 'ERR_SESSION_STORE_FAILED';
      fix = 'Redis refused the command; see cause (OOM, READONLY replica, ACL, WRONGTYPE key)';
    }
    return new SessionStoreError(
      code,
      this.kind,
      operation,
      `session store is ${code === 'ERR_SESSION_STORE_FAILED' ? 'failing' : 'unavailable'}: redis ${operation} of ${shortId(id)} failed with ${JSON.stringify(reason)} (${fix}; nothing was changed)`,
      { cause },
    );
  }

  /** EVALSHA, falling back to EVAL when Redis lost its script cache. */
  async #eval(run: Script, key: string, args: readonly (string | number)[]): Promise<unknown> {
    try {
      return await this.client.evalsha(await shaOf(run), 1, key, ...args);
    } catch (error) {
      if (!isNoScript(error)) throw error;
      return this.client.eval(run.source, 1, key, ...args);
    }
  }

  #decodeHash(id: string, reply: unknown, operation: SessionStoreOperation): SessionData {
    const data: SessionData = Object.create(null);
    if (!Array.isArray(reply)) {
      throw new SessionStoreError(
        'ERR_SESSION_STORE_CORRUPT',
        this.kind,
        operation,
        `session record is unreadable: redis ${operation} of ${shortId(id)} answered ${JSON.stringify(typeof reply)} (is ${JSON.stringify(this.#key(id).slice(0, this.prefix.length))} used by something else?)`,
      );
    }
    try {
      for (let i = 0; i + 1 < reply.length; i += 2) {
        data[String(reply[i])] = decodeValue(String(reply[i + 1]));
      }
    } catch (cause) {
      throw new SessionStoreError(
        'ERR_SESSION_STORE_CORRUPT',
        this.kind,
        operation,
        `session record is unreadable: redis hash ${shortId(id)} holds a field that is not session data (destroy the session; check what else writes under the prefix ${JSON.stringify(this.prefix)})`,
        { cause },
      );
    }
    return data;
  }

  async #apply(
    operation: 'set' | 'update',
    id: string,
    mode: 'u' | 'c',
    clear: boolean,
    deletes: Iterable<string>,
    sets: Iterable<readonly [string, string]>,
    ttl: number,
  ): Promise<SessionData | undefined> {
    const removed = [...deletes];
    const args: (string | number)[] = [mode, Math.ceil(ttl), clear ? '1' : '0', removed.length];
    args.push(...removed);
    for (const [key, text] of sets) args.push(key, text);
    let reply: unknown;
    try {
      reply = await this.#eval(UPDATE, this.#key(id), args);
    } catch (error) {
      throw this.#error(operation, id, error);
    }
    if (reply === null) return undefined;
    return this.#decodeHash(id, reply, operation);
  }

  /**
   * @example
   * ```ts
   * await store.get(id); // { user_id: 42 } or undefined
   * ```
   */
  async get(id: string, _options?: StoreCallOptions): Promise<SessionData | undefined> {
    let reply: unknown;
    try {
      reply = await this.#eval(GET, this.#key(id), []);
    } catch (error) {
      throw this.#error('get', id, error);
    }
    const data = this.#decodeHash(id, reply, 'get');
    return Object.keys(data).length === 0 ? undefined : data;
  }

  /**
   * Replaces the hash with `data` and sets its ttl, in one script.
   *
   * @example
   * ```ts
   * await store.set(id, { user_id: 42 }, { ttl: 3600 });
   * ```
   */
  async set(id: string, data: SessionData, options: StoreWriteOptions): Promise<void> {
    const ttl = checkTtl(options.ttl);
    const sets: [string, string][] = [];
    for (const key of Object.keys(data)) sets.push([key, encodeValue(data[key] ?? null)]);
    await this.#apply('set', id, 'c', true, [], sets, ttl);
  }

  /**
   * Applies the changes in one Lua script (atomic; Redis runs one script at a time).
   *
   * @example
   * ```ts
   * await store.update(id, { clear: false, set: new Map([['b', 2]]), delete: new Set() }, { ttl: 3600 });
   * ```
   */
  async update(
    id: string,
    changes: SessionChanges,
    options: StoreWriteOptions,
  ): Promise<SessionData | undefined> {
    const ttl = checkTtl(options.ttl);
    // Encode before sending: a value that cannot be stored fails the call with nothing written.
    const sets: [string, string][] = [];
    for (const [key, value] of changes.set) sets.push([key, encodeValue(value)]);
    // 'c' merges into the hash whether or not it exists: an upsert.
    const mode = options.upsert === true ? 'c' : 'u';
    return this.#apply('update', id, mode, changes.clear, changes.delete, sets, ttl);
  }

  /**
   * @example
   * ```ts
   * await store.destroy(id);
   * ```
   */
  async destroy(id: string, _options?: StoreCallOptions): Promise<void> {
    try {
      await this.client.del(this.#key(id));
    } catch (error) {
      throw this.#error('destroy', id, error);
    }
  }

  /**
   * `EXPIRE` on the hash: only an existing record is extended (a logged-out session stays gone).
   *
   * @example
   * ```ts
   * await store.touch(id, { ttl: 3600 }); // true
   * ```
   */
  async touch(id: string, options: StoreWriteOptions): Promise<boolean> {
    const ttl = checkTtl(options.ttl);
    try {
      return (await this.client.expire(this.#key(id), Math.ceil(ttl))) === 1;
    } catch (error) {
      throw this.#error('touch', id, error);
    }
  }

  /**
   * Closes the client if the store made it (from `url`); a client you passed stays open. Settles
   * within `commandTimeout` even while Redis is down: the client stops reconnecting, and the socket
   * is closed without QUIT when Redis does not answer.
   *
   * @example
   * ```ts
   * await store.close();
   * ```
   */
  async close(): Promise<void> {
    if (!this.#owned || this.client.status === 'end') return;
    const client = this.client;
    const limit = (client.options as RedisOptions).commandTimeout ?? 2000;
    const ended = new Promise<void>((resolve) => client.once('end', () => resolve()));
    if (client.status === 'ready') {
      // QUIT says goodbye; when Redis does not answer in time, the socket is closed without it.
      let timer: ReturnType<typeof setTimeout> | undefined;
      const late = new Promise<'late'>((resolve) => {
        timer = setTimeout(() => resolve('late'), limit);
      });
      try {
        if ((await Promise.race([client.quit(), late])) === 'late') client.disconnect();
      } catch {
        client.disconnect();
      } finally {
        clearTimeout(timer);
      }
    } else {
      // Connecting or reconnecting (Redis down): no QUIT can be answered. disconnect() stops the
      // retries. Between two attempts there is no socket to close, so ioredis emits no 'end' (its
      // status stays 'reconnecting', with no timer left): nothing more to wait for.
      client.disconnect();
      if (client.status === 'reconnecting') return;
    }
    // quit() resolves on Redis's OK; the socket closes just after. Resolve when it has, or after
    // commandTimeout at the latest (the client is ended either way).
    let timer: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([
      ended,
      new Promise<void>((resolve) => {
        timer = setTimeout(resolve, limit);
      }),
    ]);
    clearTimeout(timer);
  }
}
