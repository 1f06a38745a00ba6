/**
 * @module zlib-wrapped deflate (RFC 1950), as Python's `zlib.compress`/`zlib.decompress` use it:
 * node:zlib where it exists, `CompressionStream('deflate')` elsewhere.
 */
import { concatBytes } from './bytes.js';
import { getNodeBuiltin } from './node-builtin.js';

interface NodeZlib {
  deflateSync(data: Uint8Array, options?: { level?: number }): Uint8Array;
  inflateSync(data: Uint8Array, options?: { maxOutputLength?: number }): Uint8Array;
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
  const node = getNodeBuiltin<NodeZlib>('node:zlib');
  if (node) return new Uint8Array(node.deflateSync(data, { level: 6 }));
  return pipeThrough(data, new CompressionStream('deflate'));
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
  const node = getNodeBuiltin<NodeZlib>('node:zlib');
  try {
    if (node) return new Uint8Array(node.inflateSync(data, { maxOutputLength: MAX_OUTPUT }));
    return await pipeThrough(data, new DecompressionStream('deflate'));
  } catch {
    return undefined;
  }
}
