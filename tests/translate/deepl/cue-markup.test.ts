import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { joinCues, splitByLength, splitOnCues, toTaggedText } from '../../../src/translate/deepl/cue-markup.js';

describe('joinCues / splitOnCues', () => {
  it('wraps each cue and joins with the source language joiner', () => {
    expect(joinCues(['a <i>b</i>', 'c'], 'en')).toBe('<c n="0">a <i>b</i></c> <c n="1">c</c>');
    expect(joinCues(['这座城市', '每天'], 'zh-Hans')).toBe('<c n="0">这座城市</c><c n="1">每天</c>');
  });

  it('splits on surviving cue elements, text outside joining a neighbour', () => {
    expect(splitOnCues('[EN] <c n="0">This city, </c> <c n="1">every <i>day</i>.</c>', 2)).toEqual(['[EN] This city,', 'every <i>day</i>.']);
    expect(splitOnCues('<c n="0">a</c><c n="0">b</c> <c n="1">c</c> tail', 2)).toEqual(['ab', 'c tail']);
    expect(splitOnCues('<c n="0">a &quot;q&quot; &amp; b</c>', 1)).toEqual(['a "q" &amp; b']);
  });

  it('reports lost boundaries: missing, reordered, emptied or nested elements', () => {
    expect(splitOnCues('<c n="0">a b</c>', 2)).toBeUndefined();
    expect(splitOnCues('<c n="1">b</c><c n="0">a</c>', 2)).toBeUndefined();
    expect(splitOnCues('<c n="0">a</c><c n="1">b</c><c n="0">c</c>', 2)).toBeUndefined();
    expect(splitOnCues('<c n="0">a b</c><c n="1"> </c>', 2)).toBeUndefined();
    expect(splitOnCues('<c n="0">a <c n="1">b</c></c>', 2)).toBeUndefined();
    expect(splitOnCues('a b', 1)).toBeUndefined();
  });
});

describe('splitByLength', () => {
  it('cuts in proportion at punctuation or between words, never leaving a cue empty', () => {
    expect(splitByLength('This city is home to over twenty million people, and more than sixty thousand calls a day reach the hotline.', [15, 22])).toEqual([
      'This city is home to over twenty million people,',
      'and more than sixty thousand calls a day reach the hotline.',
    ]);
    expect(splitByLength('这座城市有两千多万人口，每天超过六万个来电打进热线。', [12, 14])).toEqual(['这座城市有两千多万人口，', '每天超过六万个来电打进热线。']);
  });

  it('closes and reopens styling across a cut and never cuts inside an ignored element', () => {
    const parts = splitByLength('<i>one two three four five six</i>', [1, 1]);
    expect(parts).toEqual(['<i>one two three</i>', '<i>four five six</i>']);
    const kept = splitByLength('aa <x>b c d e f g h</x> i', [1, 1], ['x']);
    expect(kept.filter((p) => p.includes('<x>b c d e f g h</x>'))).toHaveLength(1);
  });

  it('ignores the cue elements it is given', () => {
    expect(splitByLength('<c n="0">alpha beta</c><c n="1"></c>', [1, 1])).toEqual(['alpha', 'beta']);
  });

  it('gives every cue a non-empty part whenever there are enough characters', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('word', 'x', '，', '。', ' ', '汉字', '<i>', '</i>', 'long-word', '!'), { minLength: 1, maxLength: 40 }),
        fc.array(fc.integer({ min: 0, max: 40 }), { minLength: 1, maxLength: 6 }),
        (pieces, weights) => {
          const xml = pieces.join('');
          const visible = [...toTaggedText(xml).replace(/<[^>]*>/g, '')].filter((c) => c.trim() !== '').length;
          const parts = splitByLength(xml, weights);
          expect(parts).toHaveLength(weights.length);
          if (visible >= weights.length) for (const p of parts) expect(p.replace(/<[^>]*>/g, '').trim()).not.toBe('');
          // No text lost or duplicated.
          const strip = (s: string) => s.replace(/<[^>]*>/g, '').replace(/\s+/g, '');
          expect(parts.map(strip).join('')).toBe(strip(toTaggedText(xml)));
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('toTaggedText', () => {
  it('keeps i/b/u balanced, drops other elements but keeps their words, re-escapes', () => {
    expect(toTaggedText('<x>A &amp; B</x> <i>c &lt; d &quot;e&quot;')).toBe('A &amp; B <i>c &lt; d "e"</i>');
    expect(toTaggedText('a</b> <b></b>c')).toBe('a c');
  });
});
