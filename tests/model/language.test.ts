import { describe, expect, it } from 'vitest';
import { breakLines } from '../../src/fit/break-lines.js';
import { canonicalLanguageTag, languageProperties, oneVariety, scriptOf, lineJoiner, textWidth, visibleCharacters } from '../../src/model/language.js';
import { lineText } from '../../src/model/spans.js';
import { plainText } from '../../src/qc/plain-text.js';
import { pseudo } from '../../src/translate/pseudo/index.js';
import { toTagged } from '../../src/model/tagged-text.js';

const koreanCue = { lines: [[{ text: '아주 중요한' }], [{ text: '전화를 받았습니다.' }]] };

describe('oneVariety: two tags that may name one written variety', () => {
  it.each([
    ['zh-CN', 'zh-Hans', true],
    ['zh-Hans', 'zh-Hans-CN', true],
    ['zh-TW', 'zh-Hant', true],
    ['en', 'en-US', true],
    ['EN-us', 'en-US', true],
    ['zh-Hans', 'zh-TW', false],
    ['zh-CN', 'zh-SG', false],
    ['en-US', 'en-GB', false],
    ['sr-Latn', 'sr-Cyrl', false],
    ['pt-BR', 'es-419', false],
  ])('%s and %s: %s', (a, b, same) => {
    expect(oneVariety(a, b)).toBe(same);
  });
});

describe('canonicalLanguageTag: one spelling of a tag, as BCP 47 recommends', () => {
  it.each([
    ['en-US', 'en-US'],
    ['EN-US', 'en-US'],
    ['en_us', 'en-US'],
    ['en', 'en'],
    ['ZH-HANS', 'zh-Hans'],
    ['zh_hant_tw', 'zh-Hant-TW'],
    ['es-419', 'es-419'],
    ['sl-it-ROZAJ', 'sl-IT-rozaj'],
    [' fr-FR ', 'fr-FR'],
    ['und', 'und'],
  ])('%s → %s', (tag, canonical) => {
    expect(canonicalLanguageTag(tag)).toBe(canonical);
  });
});

describe('scriptOf: the script a tag names, or that its region implies for Chinese', () => {
  it.each([
    ['zh-Hans', 'Hans'],
    ['zh-Hant-HK', 'Hant'],
    ['zh-TW', 'Hant'],
    ['zh-hk', 'Hant'],
    ['zh-MO', 'Hant'],
    ['zh-CN', 'Hans'],
    ['zh-SG', 'Hans'],
    ['zh', undefined],
    ['sr-Latn', 'Latn'],
    ['en-US', undefined],
  ])('%s → %s', (tag, script) => {
    expect(scriptOf(tag)).toBe(script);
  });
});

describe('the language table', () => {
  it.each([
    ['zh-Hans', false, true, 16],
    ['zh-Hant-TW', false, true, 16],
    ['ja-JP', false, true, 13],
    ['ko-KR', true, true, 16],
    ['th', false, false, 42],
    ['en-GB', true, false, 42],
    ['fr-FR', true, false, 42],
    ['und', true, false, 42],
  ])('%s: spaced %s, full-width %s, %d characters a line', (tag, spaced, fullWidth, charsPerLine) => {
    expect(languageProperties(tag)).toEqual({ spaced, fullWidth, charsPerLine });
  });

  it('reads the primary subtag whatever its case', () => {
    expect(languageProperties('KO')).toBe(languageProperties('ko-Kore-KR'));
    expect(lineJoiner('ZH-hans')).toBe('');
  });

  it('counts half-width characters 0.5 in every full-width language, Korean included', () => {
    expect(textWidth('12345热线', 'zh-Hans')).toBe(4.5);
    expect(textWidth('12345번', 'ko')).toBe(3.5);
    expect(textWidth('12345 line', 'en')).toBe(10);
  });

  it('counts what a viewer sees as one character once: accents written as combining marks, emoji sequences, and invisible marks not at all', () => {
    // `é` decomposed (as macOS writes file names and some editors save), a family emoji of seven code points, a flag of two.
    expect(textWidth('Ame\u0301lie', 'fr-FR')).toBe(textWidth('Amélie', 'fr-FR'));
    expect(textWidth('Ame\u0301lie', 'fr-FR')).toBe(6);
    expect(textWidth('👨‍👩‍👧‍👦 🇫🇷', 'en')).toBe(3);
    expect(textWidth('\u200fשלום\u200e', 'he')).toBe(4);
    expect(textWidth('カ\u3099ラス', 'ja')).toBe(3);
    expect(textWidth('Ame\u0301lie', 'ja')).toBe(3);
  });

  it('counts a text the same with or without an invisible mark in it: a letter that clusters but takes its own place counts as alone', () => {
    // Half-width katakana with its voiced mark is two half-width cells; the Thai vowel AM takes a place of its own.
    const katakana = 'ｶﾞｷﾞｸﾞ'.repeat(5);
    expect(textWidth(katakana, 'ja')).toBe(15);
    expect(textWidth(`\u200e${katakana}`, 'ja')).toBe(15);
    expect(textWidth('ทำไม', 'th')).toBe(4);
    expect(textWidth('ทำไม่', 'th')).toBe(4);
    expect(textWidth('ກຳລັງ', 'lo')).toBe(textWidth('\u200eກຳລັງ', 'lo'));
    expect(visibleCharacters('ｶﾞ', 'ja')).toEqual([{ length: 2, width: 1 }]);
  });
});

describe('Korean is written with spaces in every stage', () => {
  it('translation: two lines become one text with a space', () => {
    expect(toTagged(koreanCue.lines, 'ko-KR')).toBe('아주 중요한 전화를 받았습니다.');
  });

  it('QC: the plain text joins lines with a space', () => {
    expect(plainText(koreanCue, 'ko')).toBe('아주 중요한 전화를 받았습니다.');
  });

  it('fitting: a Korean line breaks at a space, never inside a word', () => {
    const lines = breakLines([{ text: '베이징 시민 서비스 핫라인은 하루에 육만 건이 넘는 전화를 받습니다.' }], 'ko-KR').map(lineText);
    expect(lines).toHaveLength(2);
    expect(lines.join(' ')).toBe('베이징 시민 서비스 핫라인은 하루에 육만 건이 넘는 전화를 받습니다.');
  });

  it('pseudo-localisation: Chinese to Korean is not padded as if to a Latin script', async () => {
    const [draft] = await pseudo.translate([{ id: '1', cueIds: ['1'], source: ['一二三四五六七八九十'] }], { pair: { source: 'zh-Hans', target: 'ko-KR' } });
    const [ko] = draft!.targets!;
    const [fr] = (await pseudo.translate([{ id: '1', cueIds: ['1'], source: ['一二三四五六七八九十'] }], { pair: { source: 'zh-Hans', target: 'fr-FR' } }))[0]!.targets!;
    expect(ko!.length).toBeLessThan(fr!.length);
  });
});
