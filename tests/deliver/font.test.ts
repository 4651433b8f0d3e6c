import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { missingGlyphs, readFont } from '../../src/deliver/font.js';
import { fontWithCharacters } from '../helpers/font-file.js';

const LATIN: [number, number] = [0x21, 0x7e];
const ACCENTED: [number, number] = [0xc0, 0xff];
const CJK: [number, number] = [0x4e00, 0x9fff];
const PUNCTUATION: [number, number] = [0x3000, 0x303f];

describe('a subtitle font', () => {
  it('is read for the characters it has glyphs for, from a format 4 map', () => {
    const font = readFont(fontWithCharacters([LATIN, ACCENTED]));
    expect(font.kind).toBe('TrueType');
    expect(missingGlyphs(font, ['Pékin, 7 h.', 'À bientôt !'])).toEqual([]);
    // The Chinese line and the curly apostrophe: a cinema server would show boxes.
    expect(missingGlyphs(font, ['北京，早上七点。', 'l’appel'])).toEqual(['北', '京', '，', '早', '上', '七', '点', '。', '’']);
  });

  it('is read from a format 12 map beyond the Basic Multilingual Plane, and an OpenType (CFF) one', () => {
    const font = readFont(fontWithCharacters([LATIN, CJK, PUNCTUATION, [0x20000, 0x2a6df]], { kind: 'cff' }));
    expect(font.kind).toBe('OpenType (CFF)');
    expect(missingGlyphs(font, ['北京，早上七点。'])).toEqual(['，']);
    expect(missingGlyphs(font, ['𠀀 is in extension B'])).toEqual([]);
  });

  it('needs no glyph for spaces, line ends or invisible marks', () => {
    const font = readFont(fontWithCharacters([LATIN]));
    expect(missingGlyphs(font, ['a b\u00a0c\u3000d\u200be\u2060f\ufeffg\n'])).toEqual([]);
    // Bidi isolates around a name, the Arabic letter mark, the Mongolian vowel separator, a tag character.
    expect(missingGlyphs(font, ['\u2068Beijing\u2069 \u061c\u180e\u{e0041}'])).toEqual([]);
  });

  it('is refused, saying what it is, when it is a collection, a web font or no font', () => {
    const ttc = new TextEncoder().encode('ttcf\0\0\0\0\0\0\0\0');
    expect(() => readFont(ttc)).toThrow('a font collection (.ttc)');
    expect(() => readFont(new TextEncoder().encode('wOF2\0\0\0\0\0\0\0\0'))).toThrow('a web font (WOFF)');
    expect(() => readFont(new TextEncoder().encode('<html>not a font</html>'))).toThrow('not a TrueType or OpenType font');
    // A font cut short in its character map.
    expect(() => readFont(fontWithCharacters([[0x21, 0x7e]]).slice(0, 50))).toThrow('its character map (cmap) is cut short');
  });

  // Debian's DejaVu, where the machine has it: a real font's map, read as the built ones are.
  const dejavu = '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf';
  it.skipIf(!existsSync(dejavu))('reads a real font of the machine, as it reads the built ones', () => {
    const font = readFont(readFileSync(dejavu));
    expect(missingGlyphs(font, ['Pékin, sept heures — l’appel « 12345 »'])).toEqual([]);
    expect(missingGlyphs(font, ['北京'])).toEqual(['北', '京']);
  });
});
