/**
 * @module shortbread/session/redis: the Redis session store (ioredis, an optional peer dependency:
 * `npm install ioredis`); works with a single Redis and with a Redis Cluster client.
 */
export {
  RedisSessionStore,
  type RedisSessionStoreOptions,
  type RedisStoreCommon,
} from './session/redis-store.js';
