/**
 * @module shortbread/session/sqlite: the SQLite session store (better-sqlite3, an optional peer
 * dependency: `npm install better-sqlite3`).
 */
export {
  SqliteSessionStore,
  type SqliteSessionStoreOptions,
  type SqliteStoreCommon,
} from './session/sqlite-store.js';
