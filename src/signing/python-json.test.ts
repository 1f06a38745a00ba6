import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  compareCodePoints,
  FLASK_SESSION_STYLE,
  PYTHON_COMPACT_STYLE,
  PYTHON_DEFAULT_STYLE,
  parsePythonJson,
  pythonFloatRepr,
  pythonQuote,
  stringifyPythonJson,
} from './python-json.js';
import { PyFloat, PyTuple } from './python-types.js';

describe('pythonFloatRepr', () => {
  // Expected strings are Python 3.11's repr().
  it.each([
    [1, '1.0'],
    [-0, '-0.0'],
    [0, '0.0'],
    [1.5, '1.5'],
    [0.1, '0.1'],
    [1e16, '1e+16'],
    [1e15, '1000000000000000.0'],
    [1e-7, '1e-07'],
    [0.0001, '0.0001'],
    [0.00001, '1e-05'],
    [2.5e-5, '2.5e-05'],
    [1e21, '1e+21'],
    [123456789.125, '123456789.125'],
    [1e300, '1e+300'],
    [5e-324, '5e-324'],
    [1.7976931348623157e308, '1.7976931348623157e+308'],
    [Number('12345678901234567890'), '1.2345678901234567e+19'],
    [Number.NaN, 'NaN'],
    [Number.POSITIVE_INFINITY, 'Infinity'],
    [Number.NEGATIVE_INFINITY, '-Infinity'],
  ])('%d -> %s', (value, expected) => {
    expect(pythonFloatRepr(value)).toBe(expected);
  });

  it('round-trips every double through parsePythonJson', () => {
    fc.assert(
      fc.property(fc.double(), (x) => {
        const back = parsePythonJson(pythonFloatRepr(x));
        const n = back instanceof PyFloat ? back.value : back;
        expect(Object.is(n, x)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('pythonQuote', () => {
  it('escapes like ensure_ascii=True, lowercase, 0x7f included', () => {
    expect(pythonQuote('\u0000\u001f\u007f\u0080é😀"\\/\b\f\n\r\t', true)).toBe(
      '"\\u0000\\u001f\\u007f\\u0080\\u00e9\\ud83d\\ude00\\"\\\\/\\b\\f\\n\\r\\t"',
    );
  });

  it('keeps UTF-8 raw with ensure_ascii=False, escaping lone surrogates', () => {
    expect(pythonQuote('é😀\u007f\ud800', false)).toBe('"é😀\u007f\\ud800"');
  });
});

describe('compareCodePoints', () => {
  it('orders as Python does, unlike UTF-16 sort', () => {
    expect(['\u{10000}', '\uffff', 'a'].sort(compareCodePoints)).toEqual([
      'a',
      '\uffff',
      '\u{10000}',
    ]);
    expect(['\u{10000}', '\uffff'].sort()).toEqual(['\u{10000}', '\uffff']);
  });

  it('agrees with comparing code point arrays', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), fc.string({ unit: 'grapheme' }), (a, b) => {
        const pa = [...a].map((c) => c.codePointAt(0) as number);
        const pb = [...b].map((c) => c.codePointAt(0) as number);
        let expected = 0;
        for (let i = 0; i < Math.min(pa.length, pb.length) && expected === 0; i++) {
          expected = (pa[i] as number) - (pb[i] as number);
        }
        if (expected === 0) expected = pa.length - pb.length;
        expect(Math.sign(compareCodePoints(a, b))).toBe(Math.sign(expected));
      }),
    );
  });
});

describe('stringifyPythonJson', () => {
  it('writes each style', () => {
    const value = { b: [1, 'é'], a: null };
    expect(stringifyPythonJson(value, PYTHON_DEFAULT_STYLE)).toBe(
      '{"b": [1, "\\u00e9"], "a": null}',
    );
    expect(stringifyPythonJson(value, PYTHON_COMPACT_STYLE)).toBe('{"b":[1,"é"],"a":null}');
    expect(stringifyPythonJson(value, FLASK_SESSION_STYLE)).toBe('{"a":null,"b":[1,"\\u00e9"]}');
  });

  it('keeps ints and floats apart, and big ints whole', () => {
    const value = [1, new PyFloat(1), 2n ** 64n, -0, 2 ** 60, 1.5];
    expect(stringifyPythonJson(value, PYTHON_COMPACT_STYLE)).toBe(
      '[1,1.0,18446744073709551616,-0.0,1152921504606846976,1.5]',
    );
  });

  it('writes tuples and Maps, skips undefined members, refuses the rest', () => {
    expect(
      stringifyPythonJson(
        { t: PyTuple.of(1), m: new Map([['k', 1]]), u: undefined, l: [undefined] },
        PYTHON_COMPACT_STYLE,
      ),
    ).toBe('{"t":[1],"m":{"k":1},"l":[null]}');
    expect(() => stringifyPythonJson(new Date(), PYTHON_COMPACT_STYLE)).toThrow(TypeError);
    expect(() => stringifyPythonJson(() => 1, PYTHON_COMPACT_STYLE)).toThrow(TypeError);
    expect(() => stringifyPythonJson(new Map([[1, 1]]), PYTHON_COMPACT_STYLE)).toThrow(
      /keys must be strings/,
    );
    const cycle: unknown[] = [];
    cycle.push(cycle);
    expect(() => stringifyPythonJson(cycle, PYTHON_COMPACT_STYLE)).toThrow(/circular/);
  });
});

describe('parsePythonJson', () => {
  it('reads Python extensions and keeps numbers exact', () => {
    const value = parsePythonJson(
      ' [NaN, -Infinity, Infinity, 18446744073709551616, 1.0, 1E2, -0.0, 9007199254740993, 12] ',
    );
    expect(value).toEqual([
      Number.NaN,
      Number.NEGATIVE_INFINITY,
      Number.POSITIVE_INFINITY,
      18446744073709551616n,
      new PyFloat(1),
      new PyFloat(100),
      -0,
      9007199254740993n,
      12,
    ]);
  });

  it('gives null-prototype dicts, last duplicate wins, __proto__ is a plain key', () => {
    const value = parsePythonJson('{"a":1,"__proto__":{"x":1},"a":2}') as Record<string, unknown>;
    expect(Object.getPrototypeOf(value)).toBeNull();
    expect(value.a).toBe(2);
    expect(Object.keys(value)).toEqual(['a', '__proto__']);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  it('decodes escapes, including surrogate pairs', () => {
    expect(parsePythonJson('"\\u00e9\\ud83d\\ude00\\/\\b\\n\\ud800"')).toBe('é😀/\b\n\ud800');
  });

  it.each([
    ['01'],
    ['1.'],
    ['.5'],
    ['[1,]'],
    ['{"a":1,}'],
    ["{'a':1}"],
    ['"a\u0001b"'],
    ['"\\x"'],
    ['"\\u12"'],
    ['nul'],
    ['\ufeff{}'],
    ['1 2'],
    [''],
    [`"${'1'.repeat(10)}`],
    ['9'.repeat(4301)],
  ])('refuses %j as Python does', (text) => {
    expect(() => parsePythonJson(text)).toThrow(SyntaxError);
  });

  it('is linear on deep and long input', () => {
    expect(() => parsePythonJson('['.repeat(5000))).toThrow(/deep/);
    expect(parsePythonJson(`"${'a'.repeat(200_000)}"`)).toHaveLength(200_000);
  });
});
