/**
 * @module shortbread/browser/memory: `MemoryDocument`, a `document.cookie` in memory that behaves
 * like a browser's, and `createMemoryCookies`, the `shortbread/browser` API over one, for server-side
 * rendering and tests. Its own subpath so a page importing `shortbread/browser` never ships it.
 */
export {
  createMemoryCookies,
  MemoryDocument,
  type MemoryDocumentOptions,
} from './browser/memory-document.js';
