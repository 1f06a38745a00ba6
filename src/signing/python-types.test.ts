import { describe, expect, it } from 'vitest';
import { Markup, PyFloat, PyTuple, PyUUID } from './python-types.js';

describe('Python stand-ins', () => {
  it('PyFloat acts as its number', () => {
    const f = new PyFloat(2);
    expect(+f + 1).toBe(3);
    expect(String(f)).toBe('2');
    expect(JSON.stringify({ f })).toBe('{"f":2}');
  });

  it('PyTuple is an immutable iterable', () => {
    const t = PyTuple.of('message', 'Saved');
    const [category, text] = t;
    expect([category, text, t.length]).toEqual(['message', 'Saved', 2]);
    expect(Object.isFrozen(t.items)).toBe(true);
    expect(JSON.stringify(t)).toBe('["message","Saved"]');
  });

  it('Markup has __html__', () => {
    expect(new Markup('<b>').__html__()).toBe('<b>');
    expect(`${new Markup('<b>')}`).toBe('<b>');
  });

  it.each([
    ['12345678-1234-5678-1234-567812345678'],
    ['{12345678123456781234567812345678}'],
    ['urn:uuid:12345678-1234-5678-1234-567812345678'],
    ['12345678123456781234567812345678'.toUpperCase()],
  ])('PyUUID reads %j as Python UUID() does', (text) => {
    const u = new PyUUID(text);
    expect(u.hex).toBe('12345678123456781234567812345678');
    expect(String(u)).toBe('12345678-1234-5678-1234-567812345678');
  });

  it.each([['zz'], ['1234567812345678123456781234567'], ['1234567812345678123456781234567\u0010']])(
    'PyUUID refuses %j',
    (text) => {
      expect(PyUUID.normalize(text)).toBeUndefined();
      expect(() => new PyUUID(text)).toThrow(/UUID is invalid/);
    },
  );
});
