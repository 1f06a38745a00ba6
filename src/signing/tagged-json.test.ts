import { describe, expect, it } from 'vitest';
import { Markup, PyFloat, PyTuple, PyUUID } from './python-types.js';
import { dumpsTaggedJson, loadsTaggedJson } from './tagged-json.js';

describe('Flask tagged JSON', () => {
  it('tags every Python type in canonical form', () => {
    const session = {
      t: PyTuple.of<unknown>(1, PyTuple.of('x')),
      b: new Uint8Array([0, 255]),
      m: new Markup('<b>'),
      u: new PyUUID('12345678-1234-5678-1234-567812345678'),
      d: new Date(Date.UTC(2024, 0, 2, 3, 4, 5)),
      f: new PyFloat(3),
      html: { __html__: () => 'not a markup: plain objects are dicts' },
    };
    expect(() => dumpsTaggedJson(session)).toThrow(TypeError);
    const { html: _, ...rest } = session;
    expect(dumpsTaggedJson(rest)).toBe(
      '{"b":{" b":"AP8="},"d":{" d":"Tue, 02 Jan 2024 03:04:05 GMT"},"f":3.0,"m":{" m":"<b>"},"t":{" t":[1,{" t":["x"]}]},"u":{" u":"12345678123456781234567812345678"}}',
    );
  });

  it('treats class instances with __html__ as Markup', () => {
    class Safe {
      __html__() {
        return '<i>';
      }
    }
    expect(dumpsTaggedJson({ s: new Safe() })).toBe('{"s":{" m":"<i>"}}');
  });

  it('escapes a one-key dict whose key is a tag, and reads it back', () => {
    const text = dumpsTaggedJson({ ' t': 'top' });
    expect(text).toBe('{" di":{" t__":"top"}}');
    expect(loadsTaggedJson(text)).toEqual({ ' t': 'top' });
    expect(loadsTaggedJson('{"a":{" t":1," b":2}}')).toEqual({ a: { ' t': 1, ' b': 2 } });
  });

  it('decodes every tag, an unreadable date as null', () => {
    const value = loadsTaggedJson(
      '{"t":{" t":[1]},"b":{" b":"AP8="},"m":{" m":"x"},"u":{" u":"{12345678-1234-5678-1234-567812345678}"},"d":{" d":"junk"},"x":{" x":1}}',
    ) as Record<string, unknown>;
    expect(value.t).toEqual(PyTuple.of(1));
    expect([...(value.b as Uint8Array)]).toEqual([0, 255]);
    expect(value.m).toEqual(new Markup('x'));
    expect((value.u as PyUUID).hex).toBe('12345678123456781234567812345678');
    expect(value.d).toBeNull();
    expect(value.x).toEqual({ ' x': 1 });
  });

  it.each([
    ['{"u":{" u":"zz"}}'],
    ['{"b":{" b":"abc"}}'],
    ['{"b":{" b":"é"}}'],
    ['{"t":{" t":5}}'],
    ['{"m":{" m":1}}'],
    ['{"d":{" d":1}}'],
    ['{"di":{" di":[]}}'],
    ['{"di":{" di":{}}}'],
  ])('throws where Flask raises: %s', (text) => {
    expect(() => loadsTaggedJson(text)).toThrow();
  });
});
