/**
 * @module The numeric limits of RFC 6265bis that every part of shortbread enforces.
 *
 * Section numbers (§) are those of draft-ietf-httpbis-rfc6265bis-22 (the revision of November 2025);
 * "attribute step N" is step N of §5.6's second algorithm, the one that parses the
 * unparsed-attributes.
 */

/**
 * RFC 6265bis §5.6 step 5: a name plus value longer than this many octets makes the user agent
 * ignore the whole set-cookie-string.
 *
 * @example
 * ```ts
 * import { NAME_VALUE_MAX_BYTES } from 'shortbread';
 * NAME_VALUE_MAX_BYTES; // 4096
 * ```
 */
export const NAME_VALUE_MAX_BYTES = 4096;

/**
 * RFC 6265bis §5.6 attribute step 6: an attribute value longer than this many octets is ignored (the cookie is
 * kept without that attribute).
 *
 * @example
 * ```ts
 * import { ATTRIBUTE_VALUE_MAX_BYTES } from 'shortbread';
 * ATTRIBUTE_VALUE_MAX_BYTES; // 1024
 * ```
 */
export const ATTRIBUTE_VALUE_MAX_BYTES = 1024;

/**
 * RFC 6265bis §5.5, §5.6.1 and §5.6.2: Expires and Max-Age are capped at 400 days, as every current browser does.
 *
 * @example
 * ```ts
 * import { MAX_AGE_LIMIT_SECONDS } from 'shortbread';
 * MAX_AGE_LIMIT_SECONDS; // 34560000
 * ```
 */
export const MAX_AGE_LIMIT_SECONDS = 400 * 24 * 60 * 60;
