/**
 * @module tough-cookie's three call forms from one synchronous body: a callback (called before the
 * method returns, as tough-cookie's synchronous stores do), else a promise.
 */

/**
 * A Node-style callback as tough-cookie takes it: an error, or `null` and the result.
 *
 * @example
 * ```ts
 * const done: ToughCallback<string> = (error, header) => console.log(error ?? header);
 * ```
 */
export type ToughCallback<T> = (error: Error | null, result?: T) => void;

/** `error` as an Error (a thrown non-Error is wrapped, as tough-cookie does). */
export function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

/**
 * Runs `work` and hands its result to `callback`, or returns it as a promise when there is none.
 *
 * @example
 * ```ts
 * settle(() => 1, undefined); // Promise resolving to 1
 * ```
 */
export function settle<T>(work: () => T, callback: ToughCallback<T> | undefined): Promise<T> {
  let result: T;
  try {
    result = work();
  } catch (error) {
    if (callback === undefined) return Promise.reject(asError(error));
    callback(asError(error));
    return Promise.resolve(undefined as T);
  }
  if (callback === undefined) return Promise.resolve(result);
  callback(null, result);
  return Promise.resolve(result);
}
