import { describe, expect, it } from 'vitest';
import { isSpace } from '../../src/glossary/fold.js';

describe('isSpace', () => {
  it('says what /\\s/u says, for every code point', () => {
    const differ: string[] = [];
    for (let cp = 0; cp <= 0x10ffff; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      const ch = String.fromCodePoint(cp);
      if (isSpace(ch) !== /\s/u.test(ch)) differ.push(cp.toString(16));
    }
    expect(differ).toEqual([]);
  });
});
