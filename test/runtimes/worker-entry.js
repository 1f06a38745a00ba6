/**
 * @module The workerd entry: a Worker whose fetch handler runs the portable suite inside the
 * isolate and answers with the results as JSON. Bundled with the built package by esbuild.
 */
import { runPortableSuite } from './suite.js';

export default {
  async fetch() {
    return Response.json(await runPortableSuite());
  },
};
