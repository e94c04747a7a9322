// The race server is a Python program: its forgiving coercion of uploaded buggy JSON is defined by
// what json.loads, str(), int() and str.strip() do in Python. This module reproduces exactly those
// parts, so a student's program gets the same buggy from Gantry as from the original server:
//   - json.loads keeps integers and floats apart (str(6) is "6", str(6.0) is "6.0") and reads big
//     integers exactly, so numbers are parsed here rather than with JSON.parse;
//   - str() of a list or dict is its Python repr, which the sanitiser then filters.

/** A JSON number written with a fraction or exponent: a Python float. */
export class PyFloat {
  constructor(readonly value: number) {}
}

/** Python's view of a JSON document: dicts keep first-insertion order with the last value. */
export type PyValue = null | boolean | bigint | PyFloat | string | PyValue[] | Map<string, PyValue>;

export class PyJsonError extends Error {}

// Python's json module accepts only these four whitespace characters between tokens.
const JSON_WS = new Set([' ', '\t', '\n', '\r']);
// Python 3.11+ refuses to convert integer literals longer than this (ValueError).
const MAX_INT_DIGITS = 4300;
// Python's recursion limit stops deeper documents; here they are simply not parsed.
const MAX_DEPTH = 900;
const NUMBER = /-?(?:0|[1-9]\d*)(\.\d+)?([eE][-+]?\d+)?/y;
const ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

/** json.loads: throws PyJsonError where Python raises JSONDecodeError (or would crash). */
export function parsePythonJson(text: string): PyValue {
  let at = 0;
  const fail = (what: string): never => {
    throw new PyJsonError(`${what} at position ${at}`);
  };
  const skip = () => {
    while (at < text.length && JSON_WS.has(text[at]!)) at++;
  };
  const literal = (word: string, value: PyValue): PyValue => {
    if (text.startsWith(word, at)) {
      at += word.length;
      return value;
    }
    return fail('Expecting value');
  };
  const string = (): string => {
    at++; // opening quote
    let out = '';
    for (;;) {
      if (at >= text.length) fail('Unterminated string');
      const ch = text[at]!;
      if (ch === '"') {
        at++;
        return out;
      }
      if (ch === '\\') {
        const esc = text[at + 1];
        if (esc === 'u') {
          const hex = text.slice(at + 2, at + 6);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) fail('Invalid \\uXXXX escape');
          out += String.fromCharCode(parseInt(hex, 16));
          at += 6;
        } else if (esc !== undefined && esc in ESCAPES) {
          out += ESCAPES[esc];
          at += 2;
        } else {
          fail('Invalid \\escape');
        }
        continue;
      }
      if (ch < ' ') fail('Invalid control character');
      out += ch;
      at++;
    }
  };
  const value = (depth: number): PyValue => {
    if (depth > MAX_DEPTH) fail('Too deeply nested');
    skip();
    const ch = text[at];
    if (ch === '"') return string();
    if (ch === '{') {
      at++;
      const dict = new Map<string, PyValue>();
      skip();
      if (text[at] === '}') {
        at++;
        return dict;
      }
      for (;;) {
        skip();
        if (text[at] !== '"') fail('Expecting property name enclosed in double quotes');
        const key = string();
        skip();
        if (text[at] !== ':') fail("Expecting ':' delimiter");
        at++;
        dict.set(key, value(depth + 1));
        skip();
        if (text[at] === ',') {
          at++;
          continue;
        }
        if (text[at] === '}') {
          at++;
          return dict;
        }
        fail("Expecting ',' delimiter");
      }
    }
    if (ch === '[') {
      at++;
      const list: PyValue[] = [];
      skip();
      if (text[at] === ']') {
        at++;
        return list;
      }
      for (;;) {
        list.push(value(depth + 1));
        skip();
        if (text[at] === ',') {
          at++;
          continue;
        }
        if (text[at] === ']') {
          at++;
          return list;
        }
        fail("Expecting ',' delimiter");
      }
    }
    if (ch === 'n') return literal('null', null);
    if (ch === 't') return literal('true', true);
    if (ch === 'f') return literal('false', false);
    if (ch === 'N') return literal('NaN', new PyFloat(NaN));
    if (ch === 'I') return literal('Infinity', new PyFloat(Infinity));
    if (ch === '-' && text.startsWith('-Infinity', at)) return literal('-Infinity', new PyFloat(-Infinity));
    NUMBER.lastIndex = at;
    const match = NUMBER.exec(text);
    if (!match) return fail('Expecting value');
    at += match[0].length;
    if (match[1] === undefined && match[2] === undefined) {
      if (match[0].replace('-', '').length > MAX_INT_DIGITS) fail('Integer literal too long');
      return BigInt(match[0]);
    }
    return new PyFloat(Number(match[0]));
  };
  const result = value(0);
  skip();
  if (at !== text.length) fail('Extra data');
  return result;
}

// Characters str.strip() removes (str.isspace() in Python).
const PY_SPACE = '\\t\\n\\x0b\\x0c\\r\\x1c-\\x20\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const PY_STRIP = new RegExp(`^[${PY_SPACE}]+|[${PY_SPACE}]+$`, 'g');

/** str.strip() with no arguments. */
export const pyStrip = (text: string): string => text.replace(PY_STRIP, '');

/** repr(float): the shortest round-trip digits, scientific below 1e-4 and from 1e16. */
export function pyFloatRepr(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const sign = x < 0 ? '-' : '';
  const [mantissa, expText] = Math.abs(x).toExponential().split('e') as [string, string];
  const digits = mantissa.replace('.', '');
  const exp = Number(expText);
  if (exp >= -4 && exp < 16) {
    if (exp < 0) return `${sign}0.${'0'.repeat(-exp - 1)}${digits}`;
    const whole = digits.slice(0, exp + 1).padEnd(exp + 1, '0');
    const fraction = digits.slice(exp + 1) || '0';
    return `${sign}${whole}.${fraction}`;
  }
  const body = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
  const expSign = exp < 0 ? '-' : '+';
  return `${sign}${body}e${expSign}${String(Math.abs(exp)).padStart(2, '0')}`;
}

// Python's str.isprintable() is false for these (other than the plain space).
const NOT_PRINTABLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}]/u;

/** repr(str). */
export function pyStringRepr(text: string): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of text) {
    if (ch === quote || ch === '\\') out += '\\' + ch;
    else if (ch === '\t') out += '\\t';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch !== ' ' && NOT_PRINTABLE.test(ch)) {
      const code = ch.codePointAt(0)!;
      if (code < 0x100) out += '\\x' + code.toString(16).padStart(2, '0');
      else if (code < 0x10000) out += '\\u' + code.toString(16).padStart(4, '0');
      else out += '\\U' + code.toString(16).padStart(8, '0');
    } else out += ch;
  }
  return out + quote;
}

/** repr(value) for a parsed JSON value. */
export function pyRepr(value: PyValue): string {
  return typeof value === 'string' ? pyStringRepr(value) : pyStr(value);
}

/** str(value) for a parsed JSON value. */
export function pyStr(value: PyValue): string {
  if (value === null) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'string') return value;
  if (value instanceof PyFloat) return pyFloatRepr(value.value);
  if (Array.isArray(value)) return `[${value.map(pyRepr).join(', ')}]`;
  return `{${[...value].map(([k, v]) => `${pyStringRepr(k)}: ${pyRepr(v)}`).join(', ')}}`;
}

const PY_INT_TEXT = /^[+-]?\d+(?:_\d+)*$/;

/**
 * int(value), or undefined where Python raises. The original ignores a ValueError ("6.5", "four")
 * and crashes with a 500 on a TypeError (null, lists, dicts) or an OverflowError (infinity); Gantry
 * treats all of them as bad values, ignored.
 */
export function pyInt(value: PyValue): bigint | undefined {
  if (typeof value === 'boolean') return value ? 1n : 0n;
  if (typeof value === 'bigint') return value;
  if (value instanceof PyFloat) return Number.isFinite(value.value) ? BigInt(Math.trunc(value.value)) : undefined;
  if (typeof value === 'string') {
    const text = pyStrip(value);
    if (!PY_INT_TEXT.test(text) || text.length > MAX_INT_DIGITS) return undefined;
    return BigInt(text.replaceAll('_', ''));
  }
  return undefined;
}
