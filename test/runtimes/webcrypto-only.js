/**
 * @module Preload (`node --import`) that hides `process.getBuiltinModule`, as on runtimes without
 * it, so the built package takes its portable paths on Node: WebCrypto HMAC and CompressionStream.
 * The package's own switch for this (setPortableOnly) is internal and not in the built exports.
 */
Object.defineProperty(process, 'getBuiltinModule', {
  value: undefined,
  configurable: true,
  writable: true,
});
