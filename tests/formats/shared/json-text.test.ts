import { describe, expect, it } from 'vitest';
import { JsonSyntaxError } from '../../../src/formats/shared/json-source.js';
import { jsonText } from '../../../src/formats/shared/json-text.js';

describe('jsonText', () => {
  it.each([
    ['a PNG image', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x7b, 0x7d]), 'found a PNG image; expected a JSON file (UTF-8 text)'],
    ['control bytes', Buffer.from('{\u0000\u0001\u0002\u0003\u0004\u0005"a": 1}'), 'found binary data; expected a JSON file (UTF-8 text)'],
  ])('refuses %s as what it is, at its start (a PNG was read as empty text: "found the end of the file")', (_, bytes, message) => {
    const error = (() => {
      try {
        return jsonText(bytes);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(JsonSyntaxError);
    expect(error).toMatchObject({ message, line: 1, column: 1 });
  });

  it('reads UTF-8 JSON as it is', () => {
    expect(jsonText(Buffer.from('{"term": "热线"}'))).toBe('{"term": "热线"}');
  });
});
