import { IncomingMessage } from 'node:http';
import { Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { isSecureRequest } from './is-secure-request.js';

function request(headers: Record<string, string>, encrypted = false): IncomingMessage {
  const socket = new Socket();
  if (encrypted) Object.defineProperty(socket, 'encrypted', { value: true });
  const req = new IncomingMessage(socket);
  req.headers = headers;
  return req;
}

describe('isSecureRequest', () => {
  it.each([
    // headers, encrypted socket, trustProxy, expected
    [{}, false, false, false],
    [{}, true, false, true],
    [{ 'x-forwarded-proto': 'https' }, false, false, false],
    [{ 'x-forwarded-proto': 'https' }, false, true, true],
    [{ 'x-forwarded-proto': 'HTTPS, http' }, false, true, true],
    [{ 'x-forwarded-proto': 'http, https' }, false, true, false],
    [{ 'x-forwarded-proto': 'http' }, true, true, false],
    [{ 'x-forwarded-proto': 'gopher' }, true, true, true],
  ] as const)('%j over TLS=%s trusting=%s → %s', (headers, encrypted, trustProxy, expected) => {
    expect(isSecureRequest(request(headers, encrypted), { trustProxy })).toBe(expected);
  });
});
