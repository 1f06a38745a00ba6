/**
 * @module zlib-wrapped deflate (RFC 1950), as Python's `zlib.compress`/`zlib.decompress` use it:
 * node:zlib where it exists, `CompressionStream('deflate')` elsewhere.
 */
import { concatBytes } from './bytes.js';
import { getNodeBuiltin } from './node-builtin.js';

interface NodeZlib {
  deflateSync(data: Uint8Array, options?: { level?: number }): Uint8Array;
  inflateSync(data: Uint8Array, options?: { maxOutputLength?: number }): Uint8Array;
  createDeflate(options: { level: number }): unknown;
  constants: { Z_FINISH: number };
}

/** The parts of node:zlib's Deflate stream that compress one buffer synchronously. */
interface DeflateEngine {
  _handle?: {
    writeSync(
      flush: number,
      input: Uint8Array,
      inOffset: number,
      inLength: number,
      output: Uint8Array,
      outOffset: number,
      outLength: number,
    ): void;
    reset(): void;
  };
  _writeState?: Uint32Array;
}

/**
 * One deflate engine kept for the process and reset after each use: `deflateSync` builds a stream
 * object and a fresh zlib state (a 64 KiB window and hash table) per call, which for a cookie-sized
 * payload costs more than compressing it. This reaches into node:zlib's handle, so it is used only
 * after it gave `deflateSync`'s exact bytes on a sample, and `deflateSync` is used otherwise.
 */
let engine: { run(data: Uint8Array): Uint8Array | undefined; zlib: NodeZlib } | null | undefined;

function makeEngine(zlib: NodeZlib): (data: Uint8Array) => Uint8Array | undefined {
  const stream = zlib.createDeflate({ level: 6 }) as DeflateEngine;
  const handle = stream._handle;
  const state = stream._writeState;
  if (handle === undefined || !(state instanceof Uint32Array)) return () => undefined;
  let out = new Uint8Array(4096);
  return (data) => {
    // Deflate's worst case is the input plus 5 bytes per 16 KiB block, plus the zlib wrapper.
    const bound = data.length + 5 * Math.ceil((data.length + 1) / 16384) + 64;
    if (out.length < bound) out = new Uint8Array(bound);
    handle.writeSync(zlib.constants.Z_FINISH, data, 0, data.length, out, 0, out.length);
    const written = out.length - (state[0] as number);
    // Z_FINISH with room left in the output means the stream ended; all input was taken.
    const complete = state[1] === 0 && (state[0] as number) > 0;
    handle.reset();
    return complete ? out.slice(0, written) : undefined;
  };
}

function reusedDeflate(zlib: NodeZlib): ((data: Uint8Array) => Uint8Array | undefined) | undefined {
  if (engine === undefined) {
    engine = null;
    try {
      const run = makeEngine(zlib);
      const sample = new TextEncoder().encode('{"shortbread":"shortbread shortbread","n":1}');
      const expected = zlib.deflateSync(sample, { level: 6 });
      const got = run(sample);
      if (
        got !== undefined &&
        got.length === expected.length &&
        got.every((b, i) => b === expected[i])
      )
        engine = { run, zlib };
    } catch {
      engine = null;
    }
  }
  return engine?.zlib === zlib ? engine.run : undefined;
}

/**
 * {@link zlibCompress} without a promise, where node:zlib exists; `undefined` elsewhere (use the
 * async one there).
 *
 * @example
 * ```ts
 * const packed = zlibCompressSync(new TextEncoder().encode('aaaaaaaa'));
 * ```
 */
export function zlibCompressSync(data: Uint8Array): Uint8Array | undefined {
  const node = getNodeBuiltin<NodeZlib>('node:zlib');
  if (!node) return undefined;
  let packed: Uint8Array | undefined;
  try {
    packed = reusedDeflate(node)?.(data);
  } catch {
    // An engine that failed once is not trusted again.
    engine = null;
    packed = undefined;
  }
  return packed ?? new Uint8Array(node.deflateSync(data, { level: 6 }));
}

/**
 * {@link zlibDecompress} without a promise, where node:zlib exists: the inflated bytes, `null` for
 * what is not a complete zlib stream, `undefined` where there is no node:zlib (use the async one).
 *
 * @example
 * ```ts
 * zlibDecompressSync(new Uint8Array([1, 2])); // null
 * ```
 */
export function zlibDecompressSync(data: Uint8Array): Uint8Array | null | undefined {
  const node = getNodeBuiltin<NodeZlib>('node:zlib');
  if (!node) return undefined;
  try {
    return new Uint8Array(node.inflateSync(data, { maxOutputLength: MAX_OUTPUT }));
  } catch {
    return null;
  }
}

/** A cookie is at most 4 KiB; deflate expands at most ~1032:1, so 8 MiB bounds any honest input. */
const MAX_OUTPUT = 8 * 1024 * 1024;

async function pipeThrough(
  data: Uint8Array,
  stream: CompressionStream | DecompressionStream,
): Promise<Uint8Array> {
  const writer = stream.writable.getWriter();
  // Swallow the writer's rejection here: the reader reports the same stream error below.
  const write = writer
    .write(data as Uint8Array<ArrayBuffer>)
    .then(() => writer.close())
    .catch(() => undefined);
  const reader = stream.readable.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    total += value.length;
    if (total > MAX_OUTPUT) {
      await reader.cancel();
      throw new RangeError('inflated data is larger than 8 MiB');
    }
  }
  await write;
  return concatBytes(...chunks);
}

/**
 * Python's `zlib.compress(data)`: level 6 with the zlib header and Adler-32 trailer. The bytes can
 * differ from Python's on other zlib builds; any zlib decompresses them to the same input.
 *
 * @example
 * ```ts
 * const packed = await zlibCompress(new TextEncoder().encode('aaaaaaaa'));
 * ```
 */
export async function zlibCompress(data: Uint8Array): Promise<Uint8Array> {
  return zlibCompressSync(data) ?? pipeThrough(data, new CompressionStream('deflate'));
}

/**
 * Python's `zlib.decompress(data)`: the zlib wrapper is required (raw deflate fails), and so is a
 * correct Adler-32. Returns `undefined` for anything that is not a complete zlib stream.
 *
 * @example
 * ```ts
 * await zlibDecompress(new Uint8Array([1, 2])); // undefined
 * ```
 */
export async function zlibDecompress(data: Uint8Array): Promise<Uint8Array | undefined> {
  const sync = zlibDecompressSync(data);
  if (sync !== undefined) return sync ?? undefined;
  try {
    return await pipeThrough(data, new DecompressionStream('deflate'));
  } catch {
    return undefined;
  }
}
