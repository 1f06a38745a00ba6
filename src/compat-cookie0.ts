/**
 * @module shortbread/compat/cookie0: the `cookie` package's 0.7 API (`parse`, `serialize`), behaving
 * exactly as `cookie` 0.7.2 does. Swap `from 'cookie'` for `from 'shortbread/compat/cookie0'`
 * (`import * as cookie from ...` where the code had `require('cookie')`).
 */
export {
  type ParseOptions,
  parse,
  type SerializeOptions,
  serialize,
} from './codec/cookie-compat-v0.js';
