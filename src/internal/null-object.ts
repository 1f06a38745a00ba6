/** @module Records without a prototype, so `__proto__`, `constructor` and friends are plain keys. */

/** A fresh object with no prototype. */
export function nullObject<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}
