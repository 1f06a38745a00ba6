/**
 * The dependency direction of ARCHITECTURE.md ("What may import what"), checked over the imports of every source file: imports only
 * point down, the pure layers touch no `node:*`, and nothing imports adapters, the CLI or the demo.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '..');
const src = join(root, 'src');

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return listFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

/** The part a file belongs to: `codec`, `server`, `adapters/node`, or `entry` for src/<entry>.ts. */
function partOf(file: string): string {
  const parts = relative(src, file).split('/');
  if (parts.length === 1) return 'entry';
  if (parts[0] === 'adapters' || parts[0] === 'jar')
    return parts.slice(0, 2).join('/').replace(/\.ts$/, '');
  return parts[0] ?? '';
}

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specifiers: string[] = [];
  for (const match of text.matchAll(
    /(?:^|\n)\s*(?:import|export)[^'"]*?from\s*['"]([^'"]+)['"]/g,
  )) {
    if (match[1]) specifiers.push(match[1]);
  }
  for (const match of text.matchAll(/import\(\s*['"]([^'"]+)['"]\s*\)/g)) {
    if (match[1]) specifiers.push(match[1]);
  }
  return specifiers;
}

/** Which parts each part may import (besides itself). */
const allowed: Record<string, string[]> = {
  internal: [],
  codec: ['internal'],
  signing: ['internal'],
  server: ['codec', 'internal'],
  jar: ['codec', 'internal'],
  browser: ['codec', 'internal'],
  'node-bridge': ['codec', 'internal'],
  session: ['server', 'signing', 'codec', 'internal'],
  cli: ['codec', 'signing', 'session', 'jar', 'internal', 'server'],
  entry: ['*'],
};

/** Parts (or single files) where `node:*` may appear. */
const nodeAllowed = [
  /^node-bridge/,
  /^adapters\//,
  /^cli/,
  /^session\/(sqlite|redis|postgres)-store/,
  /^jar\/stores\/sqlite/,
];

const files = listFiles(src);

describe('dependency direction (ARCHITECTURE.md)', () => {
  it('finds the source files', () => {
    expect(files.length).toBeGreaterThan(3);
  });

  it.each(files.map((f) => [relative(src, f), f] as const))(
    '%s imports only downward',
    (_, file) => {
      const from = partOf(file);
      const rel = relative(src, file);
      for (const spec of importsOf(file)) {
        if (spec.startsWith('node:')) {
          expect(
            nodeAllowed.some((re) => re.test(rel)),
            `${rel} imports ${spec}`,
          ).toBe(true);
          continue;
        }
        if (!spec.startsWith('.')) continue;
        const target = resolve(file, '..', spec);
        expect(target.startsWith(src), `${rel} imports outside src: ${spec}`).toBe(true);
        const to = partOf(target);
        if (to === from || from.startsWith(`${to}/`) || to.startsWith(`${from}/`)) continue;
        const toTop = to.split('/')[0] ?? '';
        const fromTop = from.split('/')[0] ?? '';
        if (toTop === fromTop && toTop === 'jar') continue;
        // The subpath entries (src/<entry>.ts) are the one place that re-exports an adapter.
        if (from === 'entry') continue;
        expect(toTop, `${rel} imports ${spec}`).not.toBe('adapters');
        expect(toTop, `${rel} imports ${spec}`).not.toBe('cli');
        const rules = allowed[fromTop] ?? allowed[from];
        if (fromTop === 'adapters') continue; // layer 3: anything below except other adapters (checked above)
        expect(rules, `no rule for part ${from}`).toBeDefined();
        if (rules?.includes('*')) continue;
        expect(rules, `${rel} (${from}) may not import ${spec} (${toTop})`).toContain(toTop);
      }
    },
  );

  it('adapters do not import each other', () => {
    for (const file of files.filter((f) => partOf(f).startsWith('adapters/'))) {
      const from = partOf(file);
      for (const spec of importsOf(file).filter((s) => s.startsWith('.'))) {
        const to = partOf(resolve(file, '..', spec));
        if (to.startsWith('adapters/')) expect(to, `${file} imports ${spec}`).toBe(from);
      }
    }
  });
});
