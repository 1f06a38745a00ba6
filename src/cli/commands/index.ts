/** @module Every command of the tool, in the order `shortbread --help` lists them. */
import type { Command } from '../command.js';
import { flaskDecodeCommand } from './flask-decode.js';
import { flaskSignCommand } from './flask-sign.js';
import { jarConvertCommand, jarListCommand } from './jar.js';
import { lintCommand } from './lint.js';
import { parseCommand } from './parse.js';
import { parseSetCookieCommand } from './parse-set-cookie.js';
import { sealCommand, unsealCommand } from './seal.js';
import { signCommand, unsignCommand } from './sign.js';

/**
 * The commands, by the words that name them.
 *
 * @example
 * ```ts
 * COMMANDS.find((c) => c.name === 'flask decode');
 * ```
 */
export const COMMANDS: readonly Command[] = [
  parseCommand,
  parseSetCookieCommand,
  lintCommand,
  flaskDecodeCommand,
  flaskSignCommand,
  signCommand,
  unsignCommand,
  sealCommand,
  unsealCommand,
  jarConvertCommand,
  jarListCommand,
];
