import { describe, expect, it } from 'vitest';
import { consumeCharacterReference, matchCharacterReference } from '../../../src/formats/shared/character-reference.js';

function consume(text: string): [string | undefined, number] {
  const cursor = { pos: 1 };
  const chars = consumeCharacterReference(text, cursor);
  return [chars, cursor.pos];
}

describe('character references', () => {
  it('consumes references the HTML way: legacy names without `;`, longest match, C1 and invalid numbers mapped', () => {
    expect(consume('&amp;x')).toEqual(['&', 5]);
    expect(consume('&amp x')).toEqual(['&', 4]);
    expect(consume('&notit;')).toEqual(['\u00ac', 4]);
    expect(consume('&CounterClockwiseContourIntegral;')).toEqual(['\u2233', 33]);
    expect(consume('&#x2014;')).toEqual(['\u2014', 8]);
    expect(consume('&#39')).toEqual(["'", 4]);
    expect(consume('&#x80;')).toEqual(['\u20ac', 6]);
    expect(consume('&#0;')).toEqual(['\ufffd', 4]);
    expect(consume('&#xD800;')).toEqual(['\ufffd', 8]);
    expect(consume('&bogus;')).toEqual([undefined, 1]);
    expect(consume('& ')).toEqual([undefined, 1]);
  });

  it('matches only references written out in full, optionally from a few names', () => {
    expect(matchCharacterReference('a&copy;', 1)).toEqual({ chars: '\u00a9', end: 7 });
    expect(matchCharacterReference('a&copy;', 1, new Set(['amp']))).toBeUndefined();
    expect(matchCharacterReference('&amp;', 0, new Set(['amp']))).toEqual({ chars: '&', end: 5 });
    expect(matchCharacterReference('&amp', 0)).toBeUndefined();
    expect(matchCharacterReference('&#39;', 0)).toEqual({ chars: "'", end: 5 });
    expect(matchCharacterReference('&#X4E2D;', 0)).toEqual({ chars: '中', end: 8 });
    expect(matchCharacterReference('&#150;', 0)).toEqual({ chars: '\u2013', end: 6 });
    expect(matchCharacterReference('&#0;', 0)).toBeUndefined();
    expect(matchCharacterReference('&#123456789;', 0)).toBeUndefined();
    expect(matchCharacterReference('x', 0)).toBeUndefined();
  });

  it('puts no control character in the text: a line end or tab shows as a space, any other as nothing', () => {
    // A raw carriage return split the cue into lines, or ended it, in every format written after.
    expect(consume('&#13;x')).toEqual([' ', 5]);
    expect(matchCharacterReference('&#xD;', 0)).toEqual({ chars: ' ', end: 5 });
    expect(matchCharacterReference('&#10;', 0)).toEqual({ chars: ' ', end: 5 });
    expect(matchCharacterReference('&#9;', 0)).toEqual({ chars: ' ', end: 4 });
    expect(matchCharacterReference('&#1;', 0)).toEqual({ chars: '', end: 4 });
    expect(matchCharacterReference('&#27;', 0)).toEqual({ chars: '', end: 5 });
    expect(matchCharacterReference('&#127;', 0)).toEqual({ chars: '', end: 6 });
    // A C1 code Windows-1252 names no character for: nothing, not the control itself.
    expect(matchCharacterReference('&#129;', 0)).toEqual({ chars: '', end: 6 });
    expect(matchCharacterReference('&#xFFFE;', 0)).toEqual({ chars: '', end: 8 });
    expect(consume('&#xFDD0;')).toEqual(['', 8]);
  });
});

