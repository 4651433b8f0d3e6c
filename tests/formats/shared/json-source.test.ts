import { describe, expect, it } from 'vitest';
import { JsonSyntaxError, parseJson } from '../../../src/formats/shared/json-source.js';
import { bundledText } from '../../glossary/helpers.js';

describe('parseJson', () => {
  it('reads the bundled glossary exactly as JSON.parse does', () => {
    const text = bundledText();
    expect(parseJson(text).value).toEqual(JSON.parse(text));
  });

  it('reads every JSON value form', () => {
    const text = '{"a": [1, -2.5e3, true, false, null, "x\\n\\u00e9\\"\\/"], "b": {}, "c": []}';
    expect(parseJson(text).value).toEqual(JSON.parse(text));
  });

  it('knows the line and column of values and keys', () => {
    const doc = parseJson('{\n  "terms": [\n    { "id": 42 }\n  ]\n}');
    expect(doc.position(['terms', 0, 'id'])).toEqual({ line: 3, column: 13 });
    expect(doc.keyPosition(['terms', 0, 'id'])).toEqual({ line: 3, column: 7 });
    expect(doc.position(['terms', 0])).toEqual({ line: 3, column: 5 });
  });

  it.each([
    ['{"a": 1,}', 1, 9, 'expected a property name in double quotes, found `}`'],
    ['{\n  "a": }', 2, 8, 'expected a value, found `}`'],
    ['{"a": 1', 1, 8, 'expected `,` or `}` after a property value, found the end of the file'],
    ['', 1, 1, 'expected a value, found the end of the file'],
    ['[1 2]', 1, 4, 'expected `,` or `]` after an array element, found `2`'],
    ['{"a": "x\ny"}', 1, 9, 'control character'],
    ['{"a": 1, "a": 2}', 1, 10, '`a` is given twice in this object'],
    ['{"a": 01}', 1, 8, 'a number in JSON form'],
    ['{} x', 1, 4, 'the end of the file after the top-level value'],
  ])('reports %j at line %i, column %i', (text, line, column, message) => {
    let error: unknown;
    try {
      parseJson(text);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(JsonSyntaxError);
    expect(error).toMatchObject({ line, column });
    expect((error as Error).message).toContain(message);
  });

  it.each([
    ['LF', '\n'],
    ['CRLF', '\r\n'],
    ['a lone CR', '\r'],
  ])('counts %s as one line break, as editors do', (_, eol) => {
    const doc = parseJson(`{${eol}  "a": 1,${eol}  "b": [${eol}    2${eol}  ]${eol}}`);
    expect(doc.keyPosition(['b'])).toEqual({ line: 3, column: 3 });
    expect(doc.position(['b', 0])).toEqual({ line: 4, column: 5 });
    expect(() => parseJson(`{${eol}  "a": }`)).toThrow(expect.objectContaining({ line: 2, column: 8 }));
  });

  it('keeps a __proto__ key as an ordinary key', () => {
    const value = parseJson('{"__proto__": {"x": 1}}').value as Record<string, unknown>;
    expect(Object.keys(value)).toEqual(['__proto__']);
  });

  it('refuses nesting thousands deep at the place it goes too deep, instead of overflowing the stack', () => {
    const text = `{\n  "terms": ${'['.repeat(10_000)}${']'.repeat(10_000)}\n}`;
    const error = (() => {
      try {
        parseJson(text);
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(JsonSyntaxError);
    expect((error as Error).message).toMatch(/^expected at most \d+ nested arrays and objects, found `\[`$/);
    expect(error).toMatchObject({ line: 2 });
  });
});
