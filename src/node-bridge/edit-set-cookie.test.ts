import { IncomingMessage, ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { editSetCookie } from './edit-set-cookie.js';

/** A tiny editor: pushes a line, or throws for the line "bad". */
class Pusher {
  constructor(readonly lines: string[]) {}
  add(line: string): void {
    if (line === 'bad') throw new Error('bad line');
    this.lines.push(line);
  }
}

const KEY = Symbol('test');
const make = (lines: string[]): Pusher => new Pusher(lines);

function response(): ServerResponse {
  return new ServerResponse(new IncomingMessage(new Socket()));
}

function add(res: ServerResponse, line: string, key = KEY): void {
  editSetCookie(res, res, key, make, (editor) => editor.add(line));
}

describe('editSetCookie', () => {
  it('sets the lines as one array, and edits that array in place afterwards', () => {
    const res = response();
    let setHeaders = 0;
    const setHeader = res.setHeader.bind(res);
    res.setHeader = ((name: string, value: string | string[]) => {
      setHeaders++;
      return setHeader(name, value);
    }) as ServerResponse['setHeader'];
    add(res, 'a=1');
    add(res, 'b=2');
    add(res, 'c=3');
    expect(res.getHeader('set-cookie')).toEqual(['a=1', 'b=2', 'c=3']);
    expect(setHeaders).toBe(1);
  });

  it('keeps lines other code set, without changing the array they handed to Node', () => {
    const res = response();
    const theirs = ['x=1'];
    res.setHeader('set-cookie', theirs);
    add(res, 'a=1');
    expect(res.getHeader('set-cookie')).toEqual(['x=1', 'a=1']);
    expect(theirs).toEqual(['x=1']);
    const single = response();
    single.setHeader('set-cookie', 'y=1');
    add(single, 'a=1');
    expect(single.getHeader('set-cookie')).toEqual(['y=1', 'a=1']);
  });

  it('sees a header replaced, removed or appended to since the last edit', () => {
    const res = response();
    add(res, 'a=1');
    res.appendHeader('set-cookie', 'x=1');
    add(res, 'b=2');
    expect(res.getHeader('set-cookie')).toEqual(['a=1', 'x=1', 'b=2']);
    res.setHeader('set-cookie', ['y=1']);
    add(res, 'c=3');
    expect(res.getHeader('set-cookie')).toEqual(['y=1', 'c=3']);
    res.removeHeader('set-cookie');
    add(res, 'd=4');
    expect(res.getHeader('set-cookie')).toEqual(['d=4']);
  });

  it('gives each key its own editor and array', () => {
    const res = response();
    const other = Symbol('other');
    add(res, 'a=1');
    add(res, 'b=2', other);
    add(res, 'c=3');
    expect(res.getHeader('set-cookie')).toEqual(['a=1', 'b=2', 'c=3']);
  });

  it('leaves no empty header behind when the change throws', () => {
    const res = response();
    expect(() => add(res, 'bad')).toThrow('bad line');
    expect(res.hasHeader('set-cookie')).toBe(false);
    add(res, 'a=1');
    expect(() => add(res, 'bad')).toThrow('bad line');
    expect(res.getHeader('set-cookie')).toEqual(['a=1']);
  });

  it("throws Node's error once the headers are sent, first call or not", () => {
    const res = response();
    add(res, 'a=1');
    res.writeHead(200);
    expect(() => add(res, 'b=2')).toThrow(
      expect.objectContaining({ code: 'ERR_HTTP_HEADERS_SENT' }),
    );
    const late = response();
    late.writeHead(200);
    expect(() => add(late, 'a=1')).toThrow(
      expect.objectContaining({ code: 'ERR_HTTP_HEADERS_SENT' }),
    );
  });
});
