import { describe, expect, it } from 'vitest';
import { CookieJar } from './cookie-jar.js';
import { CHROMIUM_LIMITS } from './eviction.js';

const NOW = Date.UTC(2026, 10, 25);

function fill(jar: CookieJar, count: number, attrs: (i: number) => string, start = 0): void {
  for (let i = start; i < start + count; i++) {
    jar.setCookie(`c${i}=v; ${attrs(i)}`, `https://h${i % 7}.example.com/`, {
      now: NOW + i * 1000,
    });
  }
}

describe('per-domain limit (Chromium: 180, evict to 150)', () => {
  it('evicts the least recently accessed down to 150 when the 181st arrives', () => {
    const jar = new CookieJar();
    fill(jar, 180, () => 'Domain=example.com');
    expect(jar.allCookies()).toHaveLength(180);
    fill(jar, 1, () => 'Domain=example.com', 180);
    const names = jar.allCookies().map((c) => c.name);
    expect(names).toHaveLength(150);
    expect(names).not.toContain('c30');
    expect(names).toContain('c31');
    expect(names).toContain('c180');
  });

  it('counts per registrable domain, not per host', () => {
    const jar = new CookieJar();
    fill(jar, 181, () => ''); // host-only cookies on h0..h6.example.com
    expect(jar.allCookies()).toHaveLength(150);
    for (let i = 0; i < 181; i++) jar.setCookie(`o${i}=v`, 'https://other.test/', { now: NOW + i });
    expect(jar.allCookies()).toHaveLength(300);
  });

  it('evicts expired cookies first', () => {
    const jar = new CookieJar();
    fill(jar, 10, () => 'Domain=example.com; Max-Age=5');
    fill(jar, 171, () => 'Domain=example.com', 10);
    // At the 181st insertion (t = 180 s) the ten 5-second cookies have expired: they alone go.
    expect(jar.allCookies()).toHaveLength(171);
  });

  it('keeps higher priorities: low-priority cookies go first', () => {
    const jar = new CookieJar();
    fill(jar, 40, () => 'Domain=example.com; Priority=High');
    fill(jar, 141, () => 'Domain=example.com; Priority=Low', 40);
    const kept = jar.allCookies();
    expect(kept).toHaveLength(150);
    expect(kept.filter((c) => c.priority === 'high')).toHaveLength(40);
  });

  it('protects Secure cookies while non-secure ones of the priority remain', () => {
    const jar = new CookieJar();
    fill(jar, 81, () => 'Domain=example.com');
    fill(jar, 100, () => 'Domain=example.com; Secure', 81);
    const kept = jar.allCookies();
    expect(kept).toHaveLength(150);
    expect(kept.filter((c) => c.secure)).toHaveLength(100);
  });
});

describe('global limit and partitions', () => {
  it('evicts least recently accessed, non-secure first, beyond the total', () => {
    const jar = new CookieJar({ limits: { total: 10, totalPurgeTo: 8, globalSafeMillis: 0 } });
    for (let i = 0; i < 11; i++) {
      jar.setCookie(`g${i}=1${i < 2 ? '; Secure' : ''}`, `https://site${i}.test/`, {
        now: NOW + i * 1000,
      });
    }
    const names = jar.allCookies().map((c) => c.name);
    expect(names).toHaveLength(8);
    expect(names).toContain('g0'); // secure, though oldest
    expect(names).not.toContain('g2');
  });

  it('spares cookies accessed in the last 30 days from global eviction (Chromium)', () => {
    const jar = new CookieJar({ limits: { total: 5, totalPurgeTo: 4 } });
    for (let i = 0; i < 6; i++) jar.setCookie(`g${i}=1`, `https://s${i}.test/`, { now: NOW });
    expect(jar.allCookies()).toHaveLength(6);
    expect(CHROMIUM_LIMITS.total).toBe(3300);
  });

  it('limits a partition to 10 KiB of name and value per site', () => {
    const jar = new CookieJar();
    const big = 'x'.repeat(3000);
    for (let i = 0; i < 4; i++) {
      jar.setCookie(`p${i}=${big}; Secure; Partitioned`, 'https://w.example/', {
        now: NOW + i,
        topLevelSite: 'https://top.example',
      });
    }
    expect(jar.allCookies().map((c) => c.name)).toEqual(['p1', 'p2', 'p3']);
  });

  it('can be switched off', () => {
    const jar = new CookieJar({ limits: false });
    fill(jar, 200, () => 'Domain=example.com');
    expect(jar.allCookies()).toHaveLength(200);
  });
});
