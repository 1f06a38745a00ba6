/**
 * @module A separate process for the cross-process SQLite test: opens the session file with its own
 * connection and applies `count` single-key updates to one session, as fast as it can.
 *
 * Run: node --import tsx test/helpers/session-sqlite-writer.ts FILE SESSION_ID KEY_PREFIX COUNT START_AT
 *
 * START_AT (epoch ms) lines the processes up, so their writes really overlap.
 */
import { SqliteSessionStore } from '../../src/session/sqlite-store.js';

const [filename, id, prefix, countText, startAt] = process.argv.slice(2);
if (!filename || !id || !prefix || !countText || !startAt) {
  throw new Error('usage: session-sqlite-writer.ts FILE SESSION_ID KEY_PREFIX COUNT START_AT');
}
const store = new SqliteSessionStore({ filename, timeout: 10_000 });
let applied = 0;
await new Promise((resolve) => setTimeout(resolve, Math.max(0, Number(startAt) - Date.now())));
const started = Date.now();
for (let i = 0; i < Number(countText); i++) {
  const merged = await store.update(
    id,
    { clear: false, set: new Map([[`${prefix}${i}`, i]]), delete: new Set() },
    { ttl: 600 },
  );
  if (merged !== undefined) applied++;
}
await store.close();
process.stdout.write(`${applied} ${started} ${Date.now()}\n`);
