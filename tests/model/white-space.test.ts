import { describe, expect, it } from 'vitest';
import { isWhiteSpaceCode } from '../../src/model/white-space.js';

describe('isWhiteSpaceCode', () => {
  it('says what /\\s/u says, and what String#trim removes, for every code point', () => {
    const differ: string[] = [];
    for (let cp = 0; cp <= 0x10ffff; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      const ch = String.fromCodePoint(cp);
      const space = isWhiteSpaceCode(ch.charCodeAt(0));
      if (space !== /\s/u.test(ch) || space !== (ch.trim() === '')) differ.push(cp.toString(16));
    }
    expect(differ).toEqual([]);
  });
});
