/**
 * The jar against tough-cookie, side by side: `getCookieHeader` on a 50-cookie jar, `setCookie`, and
 * the heap taken by 100k cookies. Run: `node --expose-gc --import tsx bench/jar.bench.ts`.
 */
import { bench, group, run, summary } from 'mitata';
import { CookieJar as ToughJar } from 'tough-cookie';
import { CookieJar } from '../src/jar/cookie-jar.js';

const URL_ = 'https://www.example.com/app/page';
const lines = Array.from(
  { length: 50 },
  (_, i) =>
    `cookie${i}=value${i}abcdefgh; Path=${i % 3 === 0 ? '/app' : '/'}; ${i % 2 ? 'Domain=example.com; ' : ''}Max-Age=86400${i % 5 === 0 ? '; Secure; HttpOnly' : ''}`,
);

const ours = new CookieJar();
const tough = new ToughJar();
for (const line of lines) {
  ours.setCookie(line, URL_);
  tough.setCookieSync(line, URL_);
}
if (ours.getCookieHeader(URL_).split('; ').length !== 50) throw new Error('setup: ours');
if (tough.getCookieStringSync(URL_).split('; ').length !== 50) throw new Error('setup: tough');

summary(() => {
  group('getCookieHeader, 50 cookies', () => {
    bench('shortbread CookieJar.getCookieHeader', () => ours.getCookieHeader(URL_));
    bench('tough-cookie getCookieStringSync', () => tough.getCookieStringSync(URL_));
  });
});

let n = 0;
summary(() => {
  group('setCookie (new cookie each time, 100 distinct names)', () => {
    const a = new CookieJar();
    const b = new ToughJar();
    bench('shortbread CookieJar.setCookie', () => {
      a.setCookie(`n${n++ % 100}=v; Path=/; Max-Age=3600; SameSite=Lax`, URL_);
    });
    bench('tough-cookie setCookieSync', () => {
      b.setCookieSync(`n${n++ % 100}=v; Path=/; Max-Age=3600; SameSite=Lax`, URL_);
    });
  });
});

await run();

/** Heap bytes per cookie for 100k cookies over 1000 sites (limits off: Chromium's would cap at 3300). */
function heapPerCookie(fill: () => unknown): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) throw new Error('run with node --expose-gc');
  gc();
  const before = process.memoryUsage().heapUsed;
  const keep = fill();
  gc();
  const after = process.memoryUsage().heapUsed;
  if (keep === undefined) throw new Error('unreachable');
  return (after - before) / 100_000;
}

const now = Date.now();
const oursBytes = heapPerCookie(() => {
  const jar = new CookieJar({ limits: false });
  for (let i = 0; i < 100_000; i++) {
    jar.setCookie(
      `c${i}=v${i}; Path=/; Max-Age=86400`,
      `https://s${i % 1000}.example${i % 7}.com/`,
      { now },
    );
  }
  if (jar.store.size !== 100_000) throw new Error(`ours holds ${jar.store.size}`);
  return jar;
});
const toughBytes = heapPerCookie(() => {
  const jar = new ToughJar();
  for (let i = 0; i < 100_000; i++) {
    jar.setCookieSync(
      `c${i}=v${i}; Path=/; Max-Age=86400`,
      `https://s${i % 1000}.example${i % 7}.com/`,
    );
  }
  return jar;
});
console.log(
  `heap per cookie, 100k cookies: shortbread ${oursBytes.toFixed(0)} B, tough-cookie ${toughBytes.toFixed(0)} B`,
);
