/**
 * @module `npm start`: serves the demo (`demo/app.ts`) on node:http at 127.0.0.1:$PORT (default 3000)
 * through shortbread's Node bridge, and stops cleanly on SIGINT/SIGTERM. `SESSION_STORE=cookie` puts
 * the session (`/session`, `/account`) in a Flask-compatible cookie instead of SQLite (`SESSION_DB`,
 * default in the temp dir); `SESSION_STORE=memory` in this process, `SESSION_STORE=redis` in Redis
 * at `REDIS_URL`, `SESSION_STORE=postgres` in PostgreSQL at `DATABASE_URL`; `SECRET_KEY` signs it (a
 * random key per run otherwise). Each request's socket address reaches the app as a header, for the
 * device list on `/account`.
 */
import { serve } from '../src/node.js';
import { app } from './app.js';
import { tellClientAddress } from './client-address.js';

const hostname = '127.0.0.1';
const portText = process.env.PORT ?? '3000';
const port = Number(portText);

if (!/^[0-9]{1,5}$/.test(portText) || port > 65535) {
  console.error(
    `PORT is invalid: ${JSON.stringify(portText)} (a number from 0 to 65535; e.g. PORT=3000)`,
  );
  process.exit(1);
}

const serving = await serve(app, {
  port,
  hostname,
  // The bridge answers 500 without details; the developer sees the error here.
  onError: (error) => console.error(error),
}).catch((error: unknown) => {
  const code = (error as { code?: unknown } | null)?.code;
  console.error(
    code === 'EADDRINUSE'
      ? `port ${port} is in use (set PORT to another one, e.g. PORT=3001 npm start)`
      : error,
  );
  process.exit(1);
});

// The device list on /account shows each session's IP address.
tellClientAddress(serving.server);

const stores: Record<string, string> = {
  cookie: 'a signed cookie',
  memory: 'memory',
  redis: `Redis at ${process.env.REDIS_URL ?? 'redis://127.0.0.1:6379/0'}`,
  postgres: `PostgreSQL at ${process.env.DATABASE_URL ?? 'postgres://127.0.0.1:5432/postgres'}`,
};
const store = stores[process.env.SESSION_STORE ?? ''] ?? 'SQLite';
console.log(`shortbread demo listening on ${serving.url} (try ${serving.url}/cookies)`);
console.log(`  ${serving.url}/            the cookie lab`);
console.log(`  ${serving.url}/session     a session counter (sessions in ${store})`);
console.log(
  `  ${serving.url}/account     your sessions on every device: list, revoke, sign out everywhere`,
);
console.log(`  ${serving.url}/attributes  Flask's set_cookie parameters, live`);

let stopping = false;
function stop(signal: NodeJS.Signals): void {
  if (stopping) {
    // A second Ctrl-C: do not wait for open requests.
    serving.server.closeAllConnections();
    return;
  }
  stopping = true;
  console.log(`${signal}: closing`);
  // Requests in flight finish; the process exits once the server is closed.
  void serving.close().then(
    () => console.log('closed'),
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
  // Keep-alive clients and slow streams get a few seconds, not forever.
  setTimeout(() => serving.server.closeAllConnections(), 5000).unref();
}

process.on('SIGINT', stop);
process.on('SIGTERM', stop);
