/**
 * Every `ts`/`js` block of README.md and docs/*.md, as a user would paste it into a project that
 * installed shortbread: type-checked strictly against the BUILT package (imports from
 * 'shortbread/...', resolved through package.json `exports` to dist/), then run, and each value a
 * comment shows is asserted. A block that reads `process.env.PORT` is a server: it is started on a
 * free port, asked for `/`, and stopped. A block importing 'shortbread/browser' runs with an
 * in-memory `document.cookie` (MemoryDocument). CONTRIBUTING.md ("Writing docs") has the rules.
 * Needs `npm run build` first (npm test and npm run test:docs do it).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DocBlock, docFiles, extractBlocks, instrument, ROOT } from './helpers/doc-blocks.js';
import { freePort } from './helpers/free-port.js';
import { type PostgresServer, startPostgres } from './helpers/postgres.js';
import { type RedisServer, startRedis } from './helpers/redis.js';

const WORK = join(ROOT, 'reports/doctest/code');
const PRELUDE = join(ROOT, 'test/helpers/doc-prelude.mjs');
const CODE_LANGS = new Set(['ts', 'typescript', 'js', 'javascript']);

/** What a strict user project compiles with (the repository's own tsconfig rules). */
const COMPILER_OPTIONS: ts.CompilerOptions = {
  strict: true,
  noUncheckedIndexedAccess: true,
  exactOptionalPropertyTypes: true,
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  moduleDetection: ts.ModuleDetectionKind.Force,
  lib: ['lib.es2022.d.ts', 'lib.dom.d.ts', 'lib.dom.iterable.d.ts'],
  types: ['node'],
  noEmit: true,
  // shortbread's own .d.ts are checked too: an error there is one a user would see.
  skipLibCheck: false,
};

interface Prepared {
  readonly block: DocBlock;
  readonly name: string;
  readonly diagnostics: string[];
  readonly checks: number;
}

const blocks = docFiles().flatMap((file) =>
  extractBlocks(file).filter((b) => CODE_LANGS.has(b.lang)),
);
const prepared = new Map<DocBlock, Prepared>();
let redis: RedisServer | undefined;
let postgres: PostgresServer | undefined;

function slug(block: DocBlock): string {
  return `${block.file.replace(/[/.]/g, '_')}-L${block.line}`;
}

beforeAll(() => {
  if (!existsSync(join(ROOT, 'dist/index.js'))) {
    throw new Error(
      'dist/ is missing: run `npm run build` first (npm test and npm run test:docs do)',
    );
  }
  rmSync(WORK, { recursive: true, force: true });
  mkdirSync(join(WORK, 'node_modules'), { recursive: true });
  // A user's project: its own package.json, shortbread installed (a link to this package).
  writeFileSync(
    join(WORK, 'package.json'),
    '{ "name": "doc-user", "private": true, "type": "module" }\n',
  );
  symlinkSync(ROOT, join(WORK, 'node_modules/shortbread'), 'dir');

  const files = blocks.map((block) => {
    const path = join(WORK, `${slug(block)}.ts`);
    writeFileSync(path, block.code);
    return path;
  });
  const program = ts.createProgram(files, COMPILER_OPTIONS);
  const all = ts.getPreEmitDiagnostics(program);
  blocks.forEach((block, index) => {
    const path = files[index] ?? '';
    const diagnostics = all
      .filter((d) => d.file?.fileName === path || d.file === undefined)
      .map((d) => {
        const text = ts.flattenDiagnosticMessageText(d.messageText, '\n');
        if (d.file === undefined || d.start === undefined) return text;
        const { line } = d.file.getLineAndCharacterOfPosition(d.start);
        return `${block.file}:${block.line + line}: ${text}`;
      });
    const { code, checks } = instrument(block.code);
    const js = ts.transpileModule(code, {
      compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext },
    }).outputText;
    writeFileSync(join(WORK, `${slug(block)}.mjs`), js);
    prepared.set(block, { block, name: slug(block), diagnostics, checks: checks.length });
  });
}, 180_000);

afterAll(async () => {
  await redis?.stop();
  await postgres?.stop();
});

/** Resolves once something accepts connections on 127.0.0.1:port. */
async function listening(port: number, child: ChildProcess, deadline: number): Promise<void> {
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}`);
    const up = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (up) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`nothing listened on port ${port} within 20 s`);
}

interface Ran {
  exitCode: number | null;
  output: string;
  ran: number[];
  status?: number;
}

async function run(p: Prepared): Promise<Ran> {
  const cwd = mkdtempSync(join(tmpdir(), 'shortbread-doc-'));
  const checksFile = join(cwd, '.doc-checks.json');
  const code = p.block.code;
  const server = code.includes('process.env.PORT');
  const port = await freePort();
  if (code.includes('REDIS_URL') && redis === undefined) redis = await startRedis();
  if (code.includes('DATABASE_URL') && postgres === undefined) postgres = await startPostgres();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    SECRET_KEY: randomBytes(32).toString('hex'),
    SEAL_KEY: randomBytes(32).toString('hex'),
    DOC_CHECKS_FILE: checksFile,
    DOC_DIST: join(ROOT, 'dist'),
    ...(redis === undefined ? {} : { REDIS_URL: redis.url }),
    ...(postgres === undefined ? {} : { DATABASE_URL: postgres.url }),
    ...(/from 'shortbread\/browser'/.test(code) ? { DOC_BROWSER_URL: 'https://example.com/' } : {}),
  };
  const child = spawn(process.execPath, ['--import', PRELUDE, join(WORK, `${p.name}.mjs`)], {
    cwd,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
  const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
  let status: number | undefined;
  try {
    if (server) {
      await listening(port, child, Date.now() + 20_000);
      const answer = await fetch(`http://127.0.0.1:${port}/`);
      status = answer.status;
      output += `\n[GET / answered ${status}: ${(await answer.text()).slice(0, 500)}]`;
      child.kill('SIGTERM');
    }
    const exitCode = await exited;
    const ran = existsSync(checksFile)
      ? (JSON.parse(readFileSync(checksFile, 'utf8')) as number[])
      : [];
    return {
      exitCode: server && child.signalCode === 'SIGTERM' ? 0 : exitCode,
      output,
      ran,
      ...(status === undefined ? {} : { status }),
    };
  } catch (error) {
    child.kill('SIGKILL');
    throw new Error(`${(error as Error).message}\n${output}`);
  } finally {
    clearTimeout(timer);
    rmSync(cwd, { recursive: true, force: true });
  }
}

const withCode = docFiles().filter((file) => blocks.some((b) => b.file === file));

describe.each(withCode)('%s', (file) => {
  const mine = blocks.filter((b) => b.file === file);
  for (const block of mine) {
    it(`block at line ${block.line} type-checks, runs, and shows what it gives`, async () => {
      const p = prepared.get(block);
      if (p === undefined) throw new Error('not prepared');
      expect(p.diagnostics, 'strict tsc against the built package').toEqual([]);
      const result = await run(p);
      expect(result.exitCode, `it ran to its end:\n${result.output}`).toBe(0);
      if (result.status !== undefined) {
        expect(result.status, `GET / on the server:\n${result.output}`).toBeLessThan(500);
      }
      const all = Array.from({ length: p.checks }, (_, i) => i);
      expect(
        result.ran.sort((a, b) => a - b),
        'every value a comment shows was checked',
      ).toEqual(all);
    }, 60_000);
  }
});

/** Every non-test source file under src/. */
function sources(dir = join(ROOT, 'src')): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

describe('docs/errors.md', () => {
  it('lists every error code and every jar reject reason the sources define', () => {
    const page = readFileSync(join(ROOT, 'docs/errors.md'), 'utf8');
    const codes = new Set<string>();
    for (const file of sources()) {
      for (const m of readFileSync(file, 'utf8').matchAll(/'(ERR_[A-Z_]+)'/g)) {
        // Node's own codes that shortbread only reads are not shortbread's to document.
        if (m[1] && !m[1].startsWith('ERR_HTTP_')) codes.add(m[1]);
      }
    }
    const types = readFileSync(join(ROOT, 'src/jar/types.ts'), 'utf8');
    const union = /export type RejectReason =([^;]+);/.exec(types)?.[1] ?? '';
    const reasons = [...union.matchAll(/'([a-z-]+)'/g)].map((m) => m[1] ?? '');
    expect(codes.size).toBeGreaterThan(10);
    expect(reasons.length).toBeGreaterThan(10);
    const missing = [...codes, ...reasons].filter((code) => !page.includes(`\`${code}\``));
    expect(missing, 'codes docs/errors.md does not name').toEqual([]);
  });
});

describe('README.md links', () => {
  it('point to files that exist and that the package ships (package.json files)', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { files: string[] };
    const shipped = (path: string): boolean =>
      ['package.json', 'README.md', 'LICENSE'].includes(path) ||
      pkg.files.some((pattern) => {
        if (pattern.includes('*')) {
          const re = new RegExp(`^${pattern.replace(/\./g, '\\.').replace(/\*/g, '[^/]*')}$`);
          return re.test(path);
        }
        return path === pattern || path.startsWith(`${pattern}/`);
      });
    const links = [...readme.matchAll(/\]\(([^)\s]+)\)/g)]
      .map((m) => m[1] ?? '')
      .filter((href) => !/^[a-z]+:/.test(href) && !href.startsWith('#'))
      .map((href) => href.replace(/#.*$/, ''));
    expect(links.length).toBeGreaterThan(5);
    const broken = links.filter((path) => !existsSync(join(ROOT, path)) || !shipped(path));
    expect(broken, 'relative links to files missing or not shipped').toEqual([]);
  });
});
