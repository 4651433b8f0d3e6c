/**
 * A JSON reader that remembers where every value and key sits, so a
 * validation message can point at a line and column (JSON.parse cannot), and
 * that refuses duplicate keys (JSON.parse silently keeps the last one).
 */

import { excerpt } from './excerpt.js';
import { SourceLines } from './source-lines.js';

export type JsonValue = null | boolean | number | string | JsonValue[] | JsonObject;
export interface JsonObject {
  [key: string]: JsonValue;
}
export type JsonPath = readonly (string | number)[];

export interface Position {
  line: number;
  column: number;
}

export interface JsonDocument {
  value: JsonValue;
  /** Where the value at `path` starts; for a key's own position use `keyPosition`. */
  position(path: JsonPath): Position | undefined;
  keyPosition(path: JsonPath): Position | undefined;
}

export class JsonSyntaxError extends Error {
  override readonly name = 'JsonSyntaxError';
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(message);
  }
}

const pathKey = (path: JsonPath): string => path.join('\u0000');
/** `pathKey` of a member, from its parent's: each value's key is made once, not from its whole path. */
const memberKey = (parent: string, depth: number, member: string | number): string => (depth === 0 ? String(member) : `${parent}\u0000${member}`);
const ESCAPES: Readonly<Record<string, string>> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

/** Far deeper than any glossary, profile or config; the reader recurses, so deeper would overflow the stack. */
export const MAX_DEPTH = 256;

export function parseJson(text: string): JsonDocument {
  const lines = new SourceLines(text);
  const valueAt = new Map<string, number>();
  const keyAt = new Map<string, number>();
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;

  const fail = (expected: string): never => {
    const found = i >= text.length ? 'the end of the file' : `\`${String.fromCodePoint(text.codePointAt(i)!)}\``;
    const { line, column } = lines.locate(i);
    throw new JsonSyntaxError(`expected ${expected}, found ${found}`, line, column);
  };
  const skipSpace = () => {
    while (i < text.length && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i++;
  };

  const readString = (): string => {
    i++; // opening quote
    let out = '';
    for (;;) {
      // The plain run up to the next quote, backslash or control character, taken as one slice.
      const from = i;
      for (let code = text.charCodeAt(i); code >= 0x20 && code !== 0x22 && code !== 0x5c; code = text.charCodeAt(++i));
      if (i > from) out += text.slice(from, i);
      const c = text[i];
      if (c === undefined) return fail('`"` to close the string');
      if (c === '"') {
        i++;
        return out;
      }
      if (c < ' ') return fail('an escape such as `\\n` instead of a control character in a string');
      const e = text[i + 1];
      if (e !== undefined && Object.hasOwn(ESCAPES, e)) {
        out += ESCAPES[e];
        i += 2;
      } else if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
        out += String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16));
        i += 6;
      } else {
        i++;
        return fail('a valid escape (`\\"`, `\\\\`, `\\/`, `\\b`, `\\f`, `\\n`, `\\r`, `\\t` or `\\uXXXX`)');
      }
    }
  };

  const readNumber = (): number => {
    const m = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/.exec(text.slice(i, i + 400));
    if (!m) return fail('a value');
    const after = text[i + m[0].length];
    if (after !== undefined && /[0-9.eE+-]/.test(after)) {
      i += m[0].length;
      return fail('a number in JSON form');
    }
    i += m[0].length;
    return Number(m[0]);
  };

  /** `key`: the value's `pathKey`; `depth`: how many arrays and objects hold it. */
  const readValue = (key: string, depth: number): JsonValue => {
    skipSpace();
    valueAt.set(key, i);
    const c = text[i];
    if (c === '{') return readObject(key, depth);
    if (c === '[') return readArray(key, depth);
    if (c === '"') return readString();
    for (const [word, value] of [
      ['true', true],
      ['false', false],
      ['null', null],
    ] as const) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return value;
      }
    }
    return readNumber();
  };

  /** Steps into the `{` or `[` at `i`: false when `close` follows at once (nothing inside), true when a member does. */
  const opens = (depth: number, close: string): boolean => {
    if (depth >= MAX_DEPTH) fail(`at most ${MAX_DEPTH} nested arrays and objects`);
    i++;
    skipSpace();
    if (text[i] !== close) return true;
    i++;
    return false;
  };
  /** After a member: true on `,` (another member follows), false on `close`, which it steps past. */
  const more = (close: string, member: string): boolean => {
    skipSpace();
    if (text[i] === ',') {
      i++;
      return true;
    }
    if (text[i] !== close) return fail(`\`,\` or \`${close}\` after ${member}`);
    i++;
    return false;
  };

  const readObject = (parent: string, depth: number): JsonObject => {
    // A null prototype: a `__proto__` key stays an ordinary key.
    const obj = Object.create(null) as JsonObject;
    if (!opens(depth, '}')) return obj;
    do {
      skipSpace();
      if (text[i] !== '"') return fail('a property name in double quotes');
      const keyStart = i;
      const key = readString();
      if (Object.hasOwn(obj, key)) {
        i = keyStart;
        const { line, column } = lines.locate(i);
        throw new JsonSyntaxError(`\`${excerpt(key)}\` is given twice in this object; expected each property name once (JSON.parse would keep the last without a word)`, line, column);
      }
      const member = memberKey(parent, depth, key);
      keyAt.set(member, keyStart);
      skipSpace();
      if (text[i] !== ':') return fail('`:` after the property name');
      i++;
      obj[key] = readValue(member, depth + 1);
    } while (more('}', 'a property value'));
    return obj;
  };

  const readArray = (parent: string, depth: number): JsonValue[] => {
    const arr: JsonValue[] = [];
    if (!opens(depth, ']')) return arr;
    do {
      arr.push(readValue(memberKey(parent, depth, arr.length), depth + 1));
    } while (more(']', 'an array element'));
    return arr;
  };

  const value = readValue(pathKey([]), 0);
  skipSpace();
  if (i < text.length) fail('the end of the file after the top-level value');

  const lookup = (map: Map<string, number>, path: JsonPath) => {
    const offset = map.get(pathKey(path));
    return offset === undefined ? undefined : lines.locate(offset);
  };
  return { value, position: (path) => lookup(valueAt, path), keyPosition: (path) => lookup(keyAt, path) };
}
