/**
 * @module `npm run test:tarball`: the package as npm would publish it. Packs it (`npm pack`, which
 * builds first), lints the tarball with publint and @arethetypeswrong/cli, then on Node 20.19 (the
 * `engines` floor) and on the newest Node the npm registry ships installs the tarball into a fresh
 * folder with the optional peers, imports every subpath there, compares each export's kind with the
 * sources, opens the SQLite stores and runs the `shortbread` bin. Writes `reports/packaging.json`.
 */
import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import config from '../tsup.config.js';
import { writeReport } from './harness/write-report.js';

const root = resolve(import.meta.dirname, '..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  name: string;
  engines: { node: string };
  exports: Record<string, string | { default: string }>;
  bin: Record<string, string>;
  peerDependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

/** One check: it counts as one passed or one failed test in CI's total. */
interface Check {
  name: string;
  ok: boolean;
  ms: number;
  detail?: string;
}

const checks: Check[] = [];
const timings: Record<string, number> = {};

function record(name: string, ok: boolean, ms: number, detail?: string): boolean {
  checks.push(detail === undefined ? { name, ok, ms } : { name, ok, ms, detail });
  console.log(
    `${ok ? 'ok  ' : 'FAIL'} ${name} (${(ms / 1000).toFixed(1)} s)${ok ? '' : `: ${detail}`}`,
  );
  return ok;
}

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

function run(
  command: string,
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; timeout?: number } = {},
): Run {
  const started = performance.now();
  const result = spawnSync(command, args, {
    cwd: options.cwd ?? root,
    env: options.env ?? process.env,
    encoding: 'utf8',
    timeout: options.timeout ?? 600_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  return {
    status: result.status,
    stdout: result.stdout ?? '',
    stderr: `${result.stderr ?? ''}${result.error ? String(result.error) : ''}`,
    ms: performance.now() - started,
  };
}

/** The last lines of a failed command's output, for the report. */
function tail(r: Run, lines = 15): string {
  return `${r.stdout}\n${r.stderr}`.trim().split('\n').slice(-lines).join('\n');
}

/** `./codec` -> `shortbread/codec`; `.` -> `shortbread`. Every subpath but `./package.json`. */
function subpaths(): { subpath: string; source: string }[] {
  const entries = (config as { entry: Record<string, string> }).entry;
  return Object.entries(manifest.exports)
    .filter(([key]) => key !== './package.json')
    .map(([key, target]) => {
      const file = typeof target === 'string' ? target : target.default;
      const entry = /^\.\/dist\/(.+)\.js$/.exec(file)?.[1] ?? '';
      const source = entries[entry];
      if (source === undefined) throw new Error(`${key} -> ${file} has no tsup entry`);
      return { subpath: key === '.' ? manifest.name : `${manifest.name}${key.slice(1)}`, source };
    });
}

/** The Node versions under test: the `engines` floor, and the registry's newest (or TARBALL_NODES). */
function nodeVersions(nodePackage: string): string[] {
  if (process.env.TARBALL_NODES) return process.env.TARBALL_NODES.split(/[\s,]+/).filter(Boolean);
  const floor = /^>=\s*(\d+)\.(\d+)(?:\.(\d+))?$/.exec(manifest.engines.node);
  if (!floor) throw new Error(`engines.node ${manifest.engines.node} is not ">=X.Y"`);
  const newest = run('npm', ['view', nodePackage, 'dist-tags.latest']);
  const latest = newest.stdout.trim();
  record(
    `newest ${nodePackage} on the registry: ${latest}`,
    /^\d+\.\d+\.\d+$/.test(latest),
    newest.ms,
    tail(newest),
  );
  return [`${floor[1]}.${floor[2]}.${floor[3] ?? 0}`, latest];
}

/** A Node binary from the npm registry, cached outside the project (never a devDependency: its bin would shadow the system node). */
function installNode(nodePackage: string, version: string): string | undefined {
  const cache =
    process.env.SHORTBREAD_NODE_CACHE ?? join(homedir(), '.cache', 'shortbread', 'node');
  const prefix = join(cache, version);
  const bin = join(prefix, 'node_modules', nodePackage, 'bin', 'node');
  let ms = 0;
  if (!existsSync(bin)) {
    mkdirSync(prefix, { recursive: true });
    const install = run('npm', [
      'install',
      '--prefix',
      prefix,
      '--no-audit',
      '--no-fund',
      `${nodePackage}@${version}`,
    ]);
    ms += install.ms;
    if (install.status !== 0) {
      record(`node ${version}: install ${nodePackage}@${version}`, false, ms, tail(install));
      return undefined;
    }
  }
  const check = run(bin, ['--version']);
  ms += check.ms;
  timings[`node ${version}: get the binary`] = Math.round(ms);
  const ok = check.stdout.trim() === `v${version}`;
  return record(`node ${version}: binary from ${nodePackage}@${version}`, ok, ms, tail(check))
    ? bin
    : undefined;
}

/** Each export's kind per subpath, as `tarball-imports.mjs` prints it. */
type Kinds = Record<
  string,
  { kinds?: Record<string, string>; error?: string; smoked?: boolean; resolved?: string }
>;

function importAll(
  node: string,
  modules: Record<string, string>,
  cwd: string,
  env: NodeJS.ProcessEnv,
  args: string[] = [],
): Kinds | string {
  // Bare specifiers resolve from the importing file: the script runs from `cwd`, so that in the
  // install folder `shortbread` is the installed tarball, never this checkout (a package can import
  // itself by name).
  const script = join(cwd, 'tarball-imports.mjs');
  if (cwd !== join(root, 'scripts'))
    copyFileSync(join(root, 'scripts', 'tarball-imports.mjs'), script);
  const r = run(node, [...args, script, JSON.stringify(modules), '--smoke'], { cwd, env });
  if (r.status !== 0) return tail(r);
  try {
    return (JSON.parse(r.stdout.trim().split('\n').at(-1) ?? '') as { results: Kinds }).results;
  } catch {
    return tail(r);
  }
}

async function main(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'shortbread-pack-'));
  const nodePackage = `node-${process.platform}-${process.arch}`;
  const all = subpaths();

  // What the sources export, read through tsx by the Node running this script.
  const reference = importAll(
    process.execPath,
    Object.fromEntries(
      all.map(({ subpath, source }) => [subpath, pathToFileURL(join(root, source)).href]),
    ),
    join(root, 'scripts'),
    process.env,
    ['--import', 'tsx'],
  );
  if (typeof reference === 'string')
    throw new Error(`cannot read the sources' exports: ${reference}`);

  // npm pack runs prepack (npm run build: tsup, then the purity check of the built files).
  const pack = run('npm', ['pack', '--json', '--pack-destination', work], { timeout: 300_000 });
  timings['npm pack (with the build)'] = Math.round(pack.ms);
  let tarball = '';
  let packed: { size?: number; unpackedSize?: number; entryCount?: number } = {};
  try {
    // The build's log comes first on stdout, coloured under CI (ESC "[34m" holds a "["): npm's JSON
    // is the array that opens on a line of its own.
    const json = pack.stdout.slice(pack.stdout.search(/^\[$/m));
    packed =
      (
        JSON.parse(json) as {
          filename: string;
          size: number;
          unpackedSize: number;
          entryCount: number;
        }[]
      )[0] ?? {};
    tarball = join(work, (packed as { filename?: string }).filename ?? '');
  } catch {
    tarball = '';
  }
  if (!record('npm pack', pack.status === 0 && existsSync(tarball), pack.ms, tail(pack)))
    return finish(work, {});

  const publint = run(join(root, 'node_modules/.bin/publint'), [tarball, '--strict']);
  timings.publint = Math.round(publint.ms);
  record(
    'publint (strict, every suggestion counts)',
    publint.status === 0 && publint.stdout.includes('All good!'),
    publint.ms,
    tail(publint),
  );

  // An ESM-only package: the esm-only profile leaves out `require` from CommonJS under TypeScript's
  // node16 rules (attw's TypeScript predates require(esm), which Node 20.19 has) and the node10
  // resolution, which predates `exports` and cannot see a subpath. Every other problem fails.
  const attw = run(join(root, 'node_modules/.bin/attw'), [
    tarball,
    '--profile',
    'esm-only',
    '--format',
    'ascii',
    '--no-color',
  ]);
  timings['attw --profile esm-only'] = Math.round(attw.ms);
  record('@arethetypeswrong/cli --profile esm-only', attw.status === 0, attw.ms, tail(attw, 40));

  const peers = Object.keys(manifest.peerDependencies).map(
    (name) => `${name}@${manifest.devDependencies[name] ?? manifest.peerDependencies[name]}`,
  );
  const nodes: Record<string, string> = {};
  for (const version of nodeVersions(nodePackage)) {
    const node = installNode(nodePackage, version);
    if (node === undefined) {
      for (const { subpath } of all)
        record(`node ${version}: import ${subpath}`, false, 0, 'no Node binary');
      record(`node ${version}: shortbread --help`, false, 0, 'no Node binary');
      continue;
    }
    nodes[version] = node;
    const folder = mkdtempSync(join(work, `node-${version}-`));
    const folderManifest = {
      name: 'tarball-check',
      private: true,
      type: 'module',
      // npm 11 asks for install scripts to be allowed: better-sqlite3 builds its addon in one.
      allowScripts: { 'better-sqlite3': true },
    };
    writeFileSync(join(folder, 'package.json'), `${JSON.stringify(folderManifest, null, 2)}\n`);
    // npm and every install script (better-sqlite3's node-gyp build) run on the Node under test,
    // against its own headers (shipped in the package), so the native addon matches its ABI.
    const env = {
      ...process.env,
      PATH: `${dirname(node)}${delimiter}${process.env.PATH ?? ''}`,
      npm_config_nodedir: resolve(dirname(node), '..'),
    };
    const install = run('npm', ['install', '--no-audit', '--no-fund', tarball, ...peers], {
      cwd: folder,
      env,
      timeout: 900_000,
    });
    timings[`node ${version}: npm install (tarball + ${peers.join(', ')})`] = Math.round(
      install.ms,
    );
    record(
      `node ${version}: npm install the tarball and the optional peers`,
      install.status === 0,
      install.ms,
      tail(install),
    );

    const started = performance.now();
    const installed = importAll(
      node,
      Object.fromEntries(all.map(({ subpath }) => [subpath, subpath])),
      folder,
      env,
    );
    const importMs = performance.now() - started;
    timings[`node ${version}: import every subpath`] = Math.round(importMs);
    for (const { subpath } of all) {
      const got = typeof installed === 'string' ? { error: installed } : installed[subpath];
      const want = reference[subpath]?.kinds;
      // The module must come from the install folder's node_modules, not from this checkout.
      const fromTarball = got?.resolved?.startsWith(
        pathToFileURL(join(folder, 'node_modules', manifest.name)).href,
      );
      const detail =
        got?.error ??
        (!fromTarball
          ? `resolved to ${got?.resolved}, not the installed tarball`
          : JSON.stringify(got?.kinds) === JSON.stringify(want)
            ? undefined
            : `exports ${JSON.stringify(got?.kinds)}, the sources ${JSON.stringify(want)}`);
      const smoked = got?.smoked ? ' (smoke call passed)' : '';
      record(
        `node ${version}: import ${subpath}${smoked}`,
        detail === undefined && want !== undefined,
        importMs / all.length,
        detail,
      );
    }

    const binName = Object.keys(manifest.bin)[0] ?? 'shortbread';
    const help = run(join(folder, 'node_modules', '.bin', binName), ['--help'], {
      cwd: folder,
      env,
    });
    timings[`node ${version}: ${binName} --help`] = Math.round(help.ms);
    record(
      `node ${version}: ${binName} --help`,
      help.status === 0 && help.stdout.includes('Usage'),
      help.ms,
      tail(help),
    );
  }
  finish(work, {
    tarball: {
      file: tarball.split('/').at(-1),
      bytes: packed.size,
      unpackedBytes: packed.unpackedSize,
      files: packed.entryCount,
    },
    nodes: Object.keys(nodes),
  });
}

function finish(work: string, figures: Record<string, unknown>): void {
  if (!process.env.KEEP_TARBALL_DIRS) rmSync(work, { recursive: true, force: true });
  const passed = checks.filter((c) => c.ok).length;
  const failed = checks.length - passed;
  writeReport('packaging', { passed, failed, figures: { ...figures, timings, checks } });
  console.log(`packaging: ${passed} passed, ${failed} failed`);
  if (failed > 0) process.exitCode = 1;
}

await main().catch((error: unknown) => {
  console.error(error);
  writeReport('packaging', { passed: 0, failed: 1, figures: { error: String(error), checks } });
  process.exitCode = 1;
});
