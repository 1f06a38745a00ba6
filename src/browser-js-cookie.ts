/**
 * @module shortbread/browser/js-cookie: `Cookies`, js-cookie 3's API and encoding over
 * `document.cookie` (also the default export, as js-cookie's). Swap `from 'js-cookie'` for
 * `from 'shortbread/browser/js-cookie'`. Its own subpath, so `shortbread/browser` never ships it.
 */
export {
  type CookieAttributes,
  type CookieConverter,
  Cookies,
  Cookies as default,
  type CookiesStatic,
} from './browser/js-cookie.js';
