/** @module shortbread/jar/sqlite: a cookie jar store in SQLite (needs the optional peer better-sqlite3). */
export { SqliteJarStore, type SqliteJarStoreOptions } from './jar/stores/sqlite-jar-store.js';
