import { describe, expect, it } from 'vitest';
import { joinCues, splitOnCues, toTaggedText } from '../../../src/translate/deepl/cue-markup.js';

describe('joinCues / splitOnCues', () => {
  it('wraps each cue and joins with the source language joiner', () => {
    expect(joinCues(['a <i>b</i>', 'c'], 'en')).toBe('<c n="0">a <i>b</i></c> <c n="1">c</c>');
    expect(joinCues(['这座城市', '每天'], 'zh-Hans')).toBe('<c n="0">这座城市</c><c n="1">每天</c>');
  });

  it('splits on surviving cue elements, text outside joining its neighbour', () => {
    expect(splitOnCues('[EN] <c n="0">This city, </c> <c n="1">every <i>day</i>.</c>', 2)).toEqual({ parts: ['[EN] This city,', 'every <i>day</i>.'] });
    expect(splitOnCues('<c n="0">a</c> b <c n="1">c</c> tail', 2)).toEqual({ parts: ['a b', 'c tail'] });
    expect(splitOnCues('<c n="0">a &quot;q&quot; &amp; b</c>', 1)).toEqual({ parts: ['a "q" &amp; b'] });
    // One cue: every word is its, whatever became of the markup.
    expect(splitOnCues('<c n="1">[EN] </c><i>a</i> <c n="0">b</c>', 1)).toEqual({ parts: ['[EN] <i>a</i> b'] });
    expect(splitOnCues('<c n="0"> </c>', 1)).toEqual({ problem: { kind: 'empty', n: 0 } });
  });

  it('places each part by its n, not by its order', () => {
    expect(splitOnCues('[EN] <c n="1">every day.</c> <c n="0">This city,</c>', 2)).toEqual({ parts: ['This city,', '[EN] every day.'] });
    expect(splitOnCues('<c n="2">C</c><c n="0">A</c><c n="1">B</c>', 3)).toEqual({ parts: ['A', 'B', 'C'] });
  });

  it('keeps a style DeepL moved outside the cue elements, or ran from one cue into the next, on every cue it covers', () => {
    // Two italic cues answered inside one <i>.
    expect(splitOnCues('[EN] <i><c n="0">our hutong</c><c n="1">hard to park in.</c></i>', 2)).toEqual({ parts: ['[EN] <i>our hutong</i>', '<i>hard to park in.</i>'] });
    // Opened in the first, closed in the second: both italic.
    expect(splitOnCues('<c n="0"><i>our hutong</c><c n="1">hard to park in.</i></c>', 2)).toEqual({ parts: ['<i>our hutong</i>', '<i>hard to park in.</i>'] });
    // Opened and never closed again: it ends with its own cue.
    expect(splitOnCues('<c n="0"><i>our hutong</c><c n="1">hard to park in.</c>', 2)).toEqual({ parts: ['<i>our hutong</i>', 'hard to park in.'] });
    // A stray close outside the cues changes nothing.
    expect(splitOnCues('</i><c n="0">a</c><c n="1">b</c>', 2)).toEqual({ parts: ['a', 'b'] });
  });

  it('names what makes the markup untrustworthy: a missing, duplicate, unknown, nested or empty element', () => {
    expect(splitOnCues('<c n="0">a b</c>', 2)).toEqual({ problem: { kind: 'missing', n: 1 } });
    expect(splitOnCues('a b', 2)).toEqual({ problem: { kind: 'missing', n: 0 } });
    expect(splitOnCues('<c n="0">a</c><c n="0">b</c> <c n="1">c</c>', 2)).toEqual({ problem: { kind: 'duplicate', n: 0 } });
    expect(splitOnCues('<c n="0">a</c><c n="1">b</c><c n="0">c</c>', 2)).toEqual({ problem: { kind: 'duplicate', n: 0 } });
    expect(splitOnCues('<c n="0">a</c><c n="1">b</c><c n="2">c</c>', 2)).toEqual({ problem: { kind: 'unknown', n: 2 } });
    expect(splitOnCues('<c n="0">a</c><c>b</c>', 2)).toEqual({ problem: { kind: 'unknown' } });
    expect(splitOnCues('<c n="0">a <c n="1">b</c></c>', 2)).toEqual({ problem: { kind: 'nested', n: 1 } });
    expect(splitOnCues('<c n="0">a b</c><c n="1"> </c>', 2)).toEqual({ problem: { kind: 'empty', n: 1 } });
    // Words moved out of their elements are not given back by guessing where they belonged.
    expect(splitOnCues('<c n="0"></c>a <c n="1"></c>b', 2)).toEqual({ problem: { kind: 'empty', n: 0 } });
  });
});

describe('toTaggedText', () => {
  it('keeps i/b/u balanced, drops other elements but keeps their words, re-escapes', () => {
    expect(toTaggedText('<x>A &amp; B</x> <i>c &lt; d &quot;e&quot;')).toBe('A &amp; B <i>c &lt; d "e"</i>');
    expect(toTaggedText('a</b> <b></b>c')).toBe('a c');
  });
});

describe('cue elements naming their budget', () => {
  it('writes max beside n and still places each part by n', () => {
    expect(joinCues(['a', 'b'], 'en', [9, 5])).toBe('<c n="0" max="9">a</c> <c n="1" max="5">b</c>');
    expect(splitOnCues('<c max="5" n="1">B</c> <c n="0" max="9">A</c>', 2)).toEqual({ parts: ['A', 'B'] });
    expect(splitOnCues('[EN] <c n="0" max="9">A</c>', 1)).toEqual({ parts: ['[EN] A'] });
  });
});
