#!/usr/bin/env node
/** @module The `shortbread` bin (built to dist/cli.js): finds the package version and runs the CLI. */
import { existsSync, readFileSync } from 'node:fs';
import { runMain } from './main.js';

/** The version in the nearest package.json above this file (dist/ when built, src/cli/ from source). */
function packageVersion(): string {
  let dir = new URL('./', import.meta.url);
  for (let depth = 0; depth < 4; depth++) {
    const file = new URL('package.json', dir);
    if (existsSync(file)) {
      const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'shortbread' && typeof pkg.version === 'string') return pkg.version;
    }
    dir = new URL('../', dir);
  }
  return 'unknown';
}

await runMain(process.argv.slice(2), packageVersion());
