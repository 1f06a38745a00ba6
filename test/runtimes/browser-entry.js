/**
 * @module The Chromium entry: the portable suite plus the document.cookie tests, run in a page;
 * the results land in `globalThis.__runtimeResult` for the runner to read.
 */

import { registerBrowserTests } from './suite/browser-document.js';
import { runPortableSuite } from './suite.js';

registerBrowserTests();
const g = /** @type {any} */ (globalThis);
runPortableSuite().then(
  (result) => {
    g.__runtimeResult = result;
  },
  (error) => {
    g.__runtimeResult = { error: String(error?.stack ?? error) };
  },
);
