import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitLines } from '../../src/model/spans.js';
import { fromTagged, plainOf, toTagged, toTaggedLines, isTextBroken } from '../../src/model/tagged-text.js';
import { arbTrack } from '../helpers/arbitrary-track.js';

describe('tagged text', () => {
  it('joins Chinese lines without a space and Latin lines with one', () => {
    expect(toTagged([[{ text: '胡同最窄的地方' }], [{ text: '只有三米多宽。' }]], 'zh-Hans')).toBe('胡同最窄的地方只有三米多宽。');
    expect(toTagged([[{ text: 'The narrowest hutong' }], [{ text: 'is three metres wide.' }]], 'en-US')).toBe('The narrowest hutong is three metres wide.');
  });

  it('keeps one italic run across lines and escapes markup characters', () => {
    expect(toTagged([[{ text: '您好，', italic: true }], [{ text: 'A&B <c>', italic: true }]], 'zh-Hans')).toBe('<i>您好，A&amp;B &lt;c&gt;</i>');
  });

  it('keeps a dialogue line break', () => {
    const tagged = toTagged([[{ text: '-您在哪个区？' }], [{ text: '-' }, { text: '东城区。', italic: true }]], 'zh-Hans');
    expect(tagged).toBe('-您在哪个区？\n-<i>东城区。</i>');
    expect(splitLines(fromTagged(tagged))).toEqual([[{ text: '-您在哪个区？' }], [{ text: '-' }, { text: '东城区。', italic: true }]]);
  });

  it('reads back what it writes, styles included', () => {
    fc.assert(
      fc.property(arbTrack({ italic: true, bold: true, underline: true }), (track) => {
        for (const cue of track.cues) {
          const tagged = toTagged(cue.lines, 'en');
          const joiner = (l: (typeof cue.lines)[number]) => (/^\s*[-–—]/.test(l[0]?.text ?? '') ? '\n' : ' ');
          const expected = cue.lines.flatMap((l, i) => (i === 0 ? l : [{ text: joiner(l) }, ...l]));
          expect(fromTagged(tagged).map((s) => s.text).join('')).toBe(expected.map((s) => s.text).join(''));
          expect(plainOf(tagged)).toBe(expected.map((s) => s.text).join(''));
        }
      }),
      { numRuns: 100 },
    );
  });

  it('keeps unbalanced or unknown tags as text rather than losing words', () => {
    expect(fromTagged('a </i>b <x>c</x>')).toEqual([{ text: 'a b <x>c</x>' }]);
  });
});

describe('isTextBroken', () => {
  const lines = (...texts: string[]) => texts.map((t) => fromTagged(t));

  it('takes a Japanese line break that swallowed an ideographic space as the same text, and nothing more', () => {
    expect(isTextBroken('2019～24年　12345に要望', lines('2019～24年', '12345に要望'), 'ja-JP')).toBe(true);
    expect(isTextBroken('2019～24年12345に要望', lines('2019～24年', '12345に要望'), 'ja-JP')).toBe(true);
    expect(isTextBroken('<i>東京　大阪</i>', lines('<i>東京</i>', '<i>大阪</i>'), 'ja-JP')).toBe(true);
    expect(isTextBroken('東京　大阪', lines('東京', '<i>大阪</i>'), 'ja-JP')).toBe(false);
    expect(isTextBroken('東京　大阪', lines('東京', '名古屋'), 'ja-JP')).toBe(false);
    expect(isTextBroken('東京　　大阪', lines('東京', '大阪'), 'ja-JP')).toBe(true);
    expect(isTextBroken('東京大阪', lines('東京', '　大阪'), 'ja-JP')).toBe(false);
    expect(isTextBroken('東京　大阪', lines('東京　大阪'), 'ja-JP')).toBe(true);
  });

  it('asks a language written with spaces for the text joined as it is', () => {
    expect(isTextBroken('Beijing at seven', lines('Beijing', 'at seven'), 'en-US')).toBe(true);
    expect(isTextBroken('Beijingat seven', lines('Beijing', 'at seven'), 'en-US')).toBe(false);
  });

  it('takes a translator’s own break, kept in the text, as the line break it is, whatever the style around it', () => {
    expect(isTextBroken('Back from work,\nI circle', lines('Back from work,', 'I circle'), 'en-US')).toBe(true);
    expect(isTextBroken('<i>Back from work,\nI circle</i>', lines('<i>Back from work,</i>', '<i>I circle</i>'), 'en-US')).toBe(true);
    expect(isTextBroken('Back from work,\n<i>I circle</i>', lines('Back from work,', '<i>I circle</i>'), 'en-US')).toBe(true);
    // Broken elsewhere, the same words: still the text.
    expect(isTextBroken('Back from work,\nI circle', lines('Back from', 'work, I circle'), 'en-US')).toBe(true);
    expect(isTextBroken('Back from work,\nI circle', lines('Back from work, I', 'circled'), 'en-US')).toBe(false);
    expect(isTextBroken('Back from work,\n<i>I circle</i>', lines('Back from work,', 'I circle'), 'en-US')).toBe(false);
  });
});

describe('toTaggedLines', () => {
  it('keeps each line a translator typed, tags inside a style both lines hold, and drops a line that shows nothing', () => {
    expect(toTaggedLines([fromTagged('<i>a</i>'), fromTagged('<i>b</i>')])).toBe('<i>a\nb</i>');
    expect(toTaggedLines([fromTagged('a'), fromTagged('<i>b</i>')])).toBe('a\n<i>b</i>');
    expect(toTaggedLines([fromTagged('a'), fromTagged('\u200e'), fromTagged(' '), fromTagged('b')])).toBe('a\nb');
  });
});
