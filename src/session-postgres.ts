/**
 * @module shortbread/session/postgres: the PostgreSQL session store (node-postgres, an optional peer
 * dependency: `npm install pg`).
 */
export {
  PostgresSessionStore,
  type PostgresSessionStoreOptions,
  type PostgresStoreCommon,
} from './session/postgres-store.js';
