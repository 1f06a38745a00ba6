import { describe, expect, it } from 'vitest';
import { parsePythonJson } from '../signing/python-json.js';
import { Markup, PyFloat, PyTuple, PyUUID } from '../signing/python-types.js';
import type { FlaskValue } from '../signing/tagged-json.js';
import { CliError } from './cli-error.js';
import { fromTypedJson, pythonRepr, pythonStrRepr, toTypedJson } from './python-values.js';

describe('pythonRepr', () => {
  it.each([
    [null, 'None'],
    [true, 'True'],
    [42, '42'],
    [0.1, '0.1'],
    [1e-7, '1e-07'],
    [-0, '-0.0'],
    [Number.NaN, 'nan'],
    [Number.NEGATIVE_INFINITY, '-inf'],
    [new PyFloat(3), '3.0'],
    [2n ** 70n, '1180591620717411303424'],
    ['plain', "'plain'"],
    ["it's", '"it\'s"'],
    ['both \' and "', "'both \\' and \"'"],
    ['tab\tnew\nline\u0000\u0085é😀', "'tab\\tnew\\nline\\x00\\x85é😀'"],
    [PyTuple.of(1), '(1,)'],
    [PyTuple.of<FlaskValue>(1, 'a'), "(1, 'a')"],
    [Uint8Array.of(0, 0x27, 0x61, 0xff), 'b"\\x00\'a\\xff"'],
    [new Markup('<b>'), "Markup('<b>')"],
    [
      new PyUUID('12345678123456781234567812345678'),
      "UUID('12345678-1234-5678-1234-567812345678')",
    ],
    [
      new Date(Date.UTC(2024, 0, 2, 3, 4, 0)),
      'datetime.datetime(2024, 1, 2, 3, 4, tzinfo=datetime.timezone.utc)',
    ],
    [[1, [2]], '[1, [2]]'],
  ] as [FlaskValue, string][])('%o -> %s', (value, expected) => {
    expect(pythonRepr(value)).toBe(expected);
  });

  it('writes dicts with their keys quoted', () => {
    const dict: FlaskValue = Object.assign(Object.create(null), { a: 1, "b'": PyTuple.of() });
    expect(pythonRepr(dict)).toBe("{'a': 1, \"b'\": ()}");
    expect(pythonStrRepr('\\')).toBe("'\\\\'");
  });
});

describe('typed JSON', () => {
  const values: [string, FlaskValue][] = [
    ['tuple', PyTuple.of<FlaskValue>(1, PyTuple.of('x'))],
    ['bytes', Uint8Array.of(0, 1, 255)],
    ['markup', new Markup('<i>x</i>')],
    ['uuid', new PyUUID('12345678-1234-5678-1234-567812345678')],
    ['datetime', new Date(Date.UTC(2020, 1, 29, 12, 0, 1))],
    ['float', new PyFloat(2)],
    ['nan', Number.NaN],
    ['bigint', 2n ** 64n],
  ];

  it.each(values)('%s survives toTypedJson -> JSON text -> fromTypedJson', (_, value) => {
    const text = JSON.stringify(toTypedJson(value));
    expect(fromTypedJson(parsePythonJson(text))).toEqual(value);
  });

  it('escapes a dict whose one key is a marker', () => {
    const dict: FlaskValue = Object.assign(Object.create(null), { $tuple: 1 });
    const typed = toTypedJson(dict);
    expect(typed).toEqual({ $dict: { $tuple: 1 } });
    expect(fromTypedJson(parsePythonJson(JSON.stringify(typed)))).toEqual(dict);
  });

  it('keeps 1.0 a float and parses into null-prototype dicts', () => {
    const value = fromTypedJson(parsePythonJson('{"a": 1.0, "b": 1, "__proto__": 2}')) as Record<
      string,
      FlaskValue
    >;
    expect(Object.getPrototypeOf(value)).toBe(null);
    expect(value.a).toBeInstanceOf(PyFloat);
    expect(value.b).toBe(1);
    expect(Object.keys(value)).toEqual(['a', 'b', '__proto__']);
  });

  it.each([
    ['{"$tuple": 1}', '$tuple is invalid'],
    ['{"$bytes": "%%"}', '$bytes is invalid'],
    ['{"$datetime": "soon"}', '$datetime is invalid'],
    ['{"$uuid": "x"}', '$uuid is invalid'],
    ['{"$int": "1.5"}', '$int is invalid'],
    ['{"$float": "many"}', '$float is invalid'],
  ])('%s is refused with E_BAD_INPUT', (text, message) => {
    expect(() => fromTypedJson(parsePythonJson(text))).toThrow(CliError);
    expect(() => fromTypedJson(parsePythonJson(text))).toThrow(message);
  });
});
