/**
 * A generated corpus of Set-Cookie lines for the Chromium differential test: attributes, odd spacing,
 * bad dates, size limits, prefixes, domains (public suffixes, IPs, localhost), paths and control
 * characters, each received by one of a few hosts. Deterministic: a case's id is its index.
 */

/** One case: the lines a response to `host` sends, in order. */
export interface CorpusCase {
  id: number;
  host: string;
  lines: string[];
}

/** An insecure named host, its subdomain, a public-suffix neighbour, a private-registry host. */
export const HOSTS = {
  www: 'www.example.test',
  deep: 'a.b.example.test',
  ip: '127.0.0.1',
  local: 'localhost',
  uk: 'shop.example.co.uk',
  gh: 'me.github.io',
  /** Named hosts that are secure over http (Chromium treats *.localhost as trustworthy). */
  secureWww: 'www.site.localhost',
  secureDeep: 'a.b.site.localhost',
} as const;

const paths = [
  '',
  '; Path=/',
  '; Path=/dir',
  '; Path=/dir/',
  '; Path=/dir/sub',
  '; Path=/dir/sub/page',
  '; Path=/other',
  '; Path=dir',
  '; Path=',
  '; path=/DIR',
  '; Path=/dir; Path=/',
  '; Path=/; Path=/other',
  '; Path=/di',
  '; Path=/dir/sub/',
];

const expiries = [
  '; Max-Age=100',
  '; Max-Age=0',
  '; Max-Age=-1',
  '; Max-Age=+50',
  '; Max-Age=+0',
  '; Max-Age=abc',
  '; Max-Age=1.5',
  '; Max-Age=99999999999',
  '; Max-Age=',
  '; Max-Age=100; Max-Age=abc',
  '; Expires=Wed, 01 Jan 2031 00:00:00 GMT',
  '; Expires=Wed, 01 Jan 2020 00:00:00 GMT',
  '; Expires=bogus',
  '; Expires=Fri, 01 Jan 9999 00:00:00 GMT',
  '; Max-Age=100; Expires=Wed, 01 Jan 2020 00:00:00 GMT',
  '; Expires=Wed, 01 Jan 2020 00:00:00 GMT; Max-Age=100',
  '; expires=Thu, 01-Jan-2026 00:00:00 GMT',
  '; Expires=Thu, 01-Jan-30 00:00:00 GMT',
  '; Expires=Thu, 01-Jan-69 00:00:00 GMT',
  '; Expires=01 Jan 2030 00:00:00',
  '; Expires=Jan 1 2030 10:00:00',
  '; Expires=Tue, 32 Jan 2030 00:00:00 GMT',
  '; Expires=Tue, 01 Jan 2030 24:00:00 GMT',
  '; Expires=Tue, 01 Jan 1600 00:00:00 GMT',
  '; Expires=Tue, 01 Foo 2030 00:00:00 GMT',
  '; Expires=',
  '; Expires=Wed, 01 Jan 2031 00:00:00 GMT; Expires=bogus',
];

const flags = [
  '; Secure',
  '; HttpOnly',
  '; Secure; HttpOnly',
  '; secure=1',
  '; HTTPONLY=no',
  '; SameSite=Strict',
  '; SameSite=Lax',
  '; SameSite=None',
  '; SameSite=None; Secure',
  '; SameSite=bogus',
  '; SameSite=',
  '; samesite=STRICT',
  '; SameSite=Lax; SameSite=None; Secure',
  '; Priority=High',
  '; Priority=low',
  '; Priority=bogus',
  '; Partitioned',
  '; Partitioned; Secure',
  '; Secure; Partitioned; Path=/',
  '; Unknown=1; Comment=x; Version=1',
];

const shapes = [
  'c = v ; Path = /dir ',
  'c=v;Path=/;Secure',
  '  c=v',
  'c=v;;; ;Path=/',
  'c=v; =x',
  'c=v; ;',
  'c="quoted"',
  'c="a b"',
  'c=a=b',
  'c=',
  'c=%20x',
  'c=a,b',
  'c=a b',
  'c=v\x01',
  'c=v\x7f',
  'c=a\tb',
  '\tc=v\t',
  'c=v; Path=/di\tr',
  'c=v; Unknown\x1f',
  'c\x0b=v',
  'valueonly',
  '=val',
  '=a=b',
  '=',
  ' ',
  'a b=c',
  'q"q=1',
  '__proto__=1',
  '__Secure-x',
  '=__Host-x',
  `c=${'v'.repeat(4094)}`,
  `c=${'v'.repeat(4095)}`,
  `c=v; Path=/${'p'.repeat(1023)}`,
  `c=v; Path=/${'p'.repeat(1024)}`,
  `c=v; Domain=${'d'.repeat(1025)}`,
  `c=v; Domain=example.test; Domain=${'d'.repeat(1025)}`,
];

const domains = [
  '; Domain=example.test',
  '; Domain=.example.test',
  '; Domain=EXAMPLE.test',
  '; Domain=www.example.test',
  '; Domain=b.example.test',
  '; Domain=test',
  '; Domain=other.test',
  '; Domain=',
  '; Domain=.',
  '; Domain=example.test; Domain=',
  '; Domain=127.0.0.1',
  '; Domain=localhost',
  '; Domain=co.uk',
  '; Domain=example.co.uk',
  '; Domain=github.io',
  '; Domain=me.github.io',
  '; Domain=example.test.',
  '; Domain=..example.test',
];

const prefixNames = [
  '__Secure-s',
  '__secure-s',
  '__Host-h',
  '__HOST-h',
  '__Http-x',
  '__Host-Http-y',
];
const prefixAttrs = [
  '',
  '; Secure',
  '; Secure; Path=/',
  '; Secure; Path=/; HttpOnly',
  '; Secure; Path=/; Domain=example.test',
  '; Secure; HttpOnly',
];

const sequences: string[][] = [
  ['a=1', 'b=2', 'a=1'], // same value: a keeps its place
  ['a=1', 'b=2', 'a=3'], // new value: a moves after b
  ['a=1; Secure', 'a=2'], // an insecure origin cannot overwrite a Secure cookie
  ['a=1; Secure; Path=/', 'a=2; Path=/dir'],
  ['a=1; Secure', 'a=2; Max-Age=0'],
  ['a=1; HttpOnly', 'a=2'],
  ['a=1', 'a=2; Domain=example.test'],
  ['a=1; Path=/', 'b=1; Path=/dir', 'c=1; Path=/dir/sub'],
  ['a=1', 'a=1; Max-Age=0'],
  ['a=1; Max-Age=100', 'a=2; Expires=Wed, 01 Jan 2020 00:00:00 GMT'],
  ['x', 'y'],
  ['a=1; Domain=example.test', 'a=2; Domain=example.test; Path=/dir'],
  // Per-domain eviction: the 181st cookie evicts down to 150 ...
  Array.from({ length: 181 }, (_, i) => `k${i}=v`),
  // ... keeping priority quotas ...
  Array.from({ length: 181 }, (_, i) => `k${i}=v; Priority=${i < 100 ? 'High' : 'Low'}`),
  Array.from(
    { length: 181 },
    (_, i) => `k${i}=v; Priority=${i < 60 ? 'Low' : i < 120 ? 'Medium' : 'High'}`,
  ),
  // ... and protecting Secure cookies (a secure origin only: localhost).
  Array.from({ length: 181 }, (_, i) => `k${i}=v${i < 100 ? '; Secure' : ''}`),
];

/**
 * Builds the corpus: every path, expiry, flag and shape on an insecure and a secure host, domains
 * on every host, prefixes on both, and multi-line sequences.
 *
 * @example
 * ```ts
 * const cases = buildCorpus(); // 300+ cases
 * ```
 */
export function buildCorpus(): CorpusCase[] {
  const cases: CorpusCase[] = [];
  const add = (host: string, lines: string[]) => cases.push({ id: cases.length, host, lines });
  for (const host of [HOSTS.www, HOSTS.ip]) {
    for (const attr of [...paths, ...expiries, ...flags]) add(host, [`c=v${attr}`]);
    for (const shape of shapes) add(host, [shape]);
    for (const name of prefixNames) for (const attr of prefixAttrs) add(host, [`${name}=v${attr}`]);
  }
  const insecureHosts = [HOSTS.www, HOSTS.deep, HOSTS.ip, HOSTS.local, HOSTS.uk, HOSTS.gh];
  for (const host of insecureHosts) for (const d of domains) add(host, [`c=v${d}`]);
  for (const host of [HOSTS.www, HOSTS.local]) for (const seq of sequences) add(host, seq);
  // Secure named hosts: Domain, Secure, prefixes and SameSite=None together (ids above stay stable).
  const secureDomains = domains.map((d) => d.replaceAll('example.test', 'site.localhost'));
  for (const host of [HOSTS.secureWww, HOSTS.secureDeep]) {
    for (const d of secureDomains) {
      add(host, [`c=v${d}`]);
      add(host, [`c=v${d}; Secure; SameSite=None`]);
    }
    for (const name of prefixNames) {
      for (const attr of prefixAttrs)
        add(host, [`${name}=v${attr.replace('example.test', 'site.localhost')}`]);
    }
    for (const attr of flags) add(host, [`c=v${attr}; Domain=site.localhost`]);
  }
  add(HOSTS.secureWww, ['a=1; Secure; Domain=site.localhost', 'a=2; Domain=site.localhost']);
  add(HOSTS.secureWww, ['a=1; Secure; Partitioned; Path=/', 'a=2; Secure; Path=/']);
  // Dates at the edges of §5.1.1 where Chromium is looser or stricter.
  for (const date of [
    'Fri, 01 Jan 10000 00:00:00 GMT',
    'Wed, 01 Jan 2031 100:00:00 GMT',
    'Wed, 01 Jan 999 00:00:00 GMT',
    'Sat, 01 Jan 1601 00:00:00 GMT',
    'Wed, 01 Jan 2031 00:00:60 GMT',
    'Wed, 01 Jan 2031 00:60:00 GMT',
    'Wed, 1 Jan 31 00:00:00 GMT',
    'Wed, 01 Jan 70 00:00:00 GMT',
    'Wed, 01 Jan 2031 00:00 GMT',
    'Wed Jan 01 2031 00:00:00 GMT+0000 (UTC)',
    '2031-01-01T00:00:00Z',
    'Wed, 01-Jan-2031 00:00:00 UTC',
    'Wednesday, 01-Jan-31 00:00:00 GMT',
  ]) {
    add(HOSTS.www, [`c=v; Expires=${date}`]);
  }
  // CHIPS limits per partition and site: 180 cookies, 10 KiB of names and values.
  add(
    HOSTS.secureWww,
    Array.from({ length: 181 }, (_, i) => `p${i}=v; Secure; Partitioned`),
  );
  add(
    HOSTS.secureWww,
    Array.from({ length: 4 }, (_, i) => `p${i}=${'x'.repeat(3000)}; Secure; Partitioned`),
  );
  add(HOSTS.secureWww, [
    ...Array.from({ length: 3 }, (_, i) => `p${i}=${'x'.repeat(3000)}; Secure; Partitioned`),
    ...Array.from({ length: 3 }, (_, i) => `u${i}=${'x'.repeat(3000)}; Secure`),
  ]);
  return cases;
}
