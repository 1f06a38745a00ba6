/** @module Bundles a bench entry with shortbread's sources, as tsup builds `dist/`. */
import { basename, join } from 'node:path';
import { build } from 'esbuild';

/**
 * Bundles `entry` with shortbread's sources into one ES module beside the bench scripts (so that
 * its `import.meta.dirname` and node_modules are theirs), the packages left external; returns its
 * path (the caller removes it). esbuild as tsup runs it: no `keepNames`, whose helper tsx adds to
 * every function of ours and to none of the peers' JavaScript.
 *
 * @example
 * ```ts
 * const script = await bundleScript('bench/sessions-http-server.ts');
 * ```
 */
export async function bundleScript(entry: string): Promise<string> {
  const outfile = join(import.meta.dirname, `.${basename(entry, '.ts')}-${process.pid}.mjs`);
  await build({
    entryPoints: [entry],
    bundle: true,
    packages: 'external',
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile,
    logLevel: 'warning',
  });
  return outfile;
}
