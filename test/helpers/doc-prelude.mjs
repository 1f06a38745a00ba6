// Loaded (node --import) before each executed doc block (test/docs-code.test.ts): `__doc.check`,
// which the rewrite of test/helpers/doc-blocks.ts calls where a comment shows a value, and, for a
// block that runs in a browser, a `document` with a real cookie model (shortbread/browser/memory).
import { writeFileSync } from 'node:fs';

const ran = new Set();

/** A comparable form: prototypes ignored (a null-prototype record equals an object literal),
 * undefined properties left out, Dates by time, Maps and typed arrays by content. */
function normal(value) {
  if (value instanceof Date) return { $date: value.getTime() };
  if (value instanceof Map) return { $map: [...value].map(([k, v]) => [normal(k), normal(v)]) };
  if (value instanceof Set) return { $set: [...value].map(normal) };
  if (ArrayBuffer.isView(value)) return { $bytes: [...new Uint8Array(value.buffer)] };
  if (Array.isArray(value)) return value.map(normal);
  if (typeof value === 'bigint') return { $bigint: String(value) };
  if (value === undefined) return { $undefined: true };
  if (value !== null && typeof value === 'object') {
    const out = {};
    for (const key of Object.keys(value).sort()) {
      if (value[key] !== undefined) out[key] = normal(value[key]);
    }
    return out;
  }
  return value;
}

const show = (value) => {
  try {
    return JSON.stringify(normal(value));
  } catch {
    return String(value);
  }
};

globalThis.__doc = {
  check(id, actual, expected) {
    ran.add(id);
    if (show(actual) !== show(expected)) {
      process.exitCode = 1;
      const message = `doc check ${id} failed: the comment shows ${show(expected)}, the code gives ${show(actual)}`;
      console.error(message);
      throw new Error(message);
    }
    return actual;
  },
};

process.on('exit', () => {
  if (process.env.DOC_CHECKS_FILE)
    writeFileSync(process.env.DOC_CHECKS_FILE, JSON.stringify([...ran]));
});

if (process.env.DOC_BROWSER_URL) {
  const { MemoryDocument } = await import(`${process.env.DOC_DIST}/browser-memory.js`);
  globalThis.document = new MemoryDocument(process.env.DOC_BROWSER_URL);
}
