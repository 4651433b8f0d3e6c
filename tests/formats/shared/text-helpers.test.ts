import { describe, expect, it } from 'vitest';
import { clockTime } from '../../../src/formats/shared/clock-time.js';
import { excerpt, foundValue } from '../../../src/formats/shared/excerpt.js';
import { Finder } from '../../../src/formats/shared/finder.js';
import { LineSource } from '../../../src/formats/shared/line-source.js';
import { readStandardTiming } from '../../../src/formats/shared/standard-timing.js';

function rows(text: string): string[] {
  const source = new LineSource(text);
  const out: string[] = [];
  for (let i = 0; source.has(i); i++) out.push(source.get(i)!);
  return out;
}

describe('line source', () => {
  it('splits at CR, LF and CRLF, mixed, with one empty row after a final line end', () => {
    expect(rows('a\r\nb\rc\nd')).toEqual(['a', 'b', 'c', 'd']);
    expect(rows('a\n\r\nb\n')).toEqual(['a', '', 'b', '']);
    expect(rows('')).toEqual(['']);
    expect(rows('\r\r\n')).toEqual(['', '', '']);
  });

  it('gives where each row starts and ends, past a thousand rows', () => {
    const text = 'ab\n'.repeat(3000);
    const source = new LineSource(text);
    expect(source.has(3000)).toBe(true);
    expect(source.has(3001)).toBe(false);
    expect([source.start(2999), source.end(2999)]).toEqual([8997, 8999]);
    expect(source.get(3001)).toBeUndefined();
  });

  it('reads every row of a text of line ends alone, far more rows than characters over 16', () => {
    const source = new LineSource('\r\n'.repeat(50_000));
    expect(source.has(50_000)).toBe(true);
    expect(source.has(50_001)).toBe(false);
    expect([source.start(49_999), source.end(49_999)]).toEqual([99_998, 99_998]);
    expect(source.get(50_000)).toBe('');
  });
});

describe('finder', () => {
  it('tells whether a string starts within a range, going forward or back', () => {
    const f = new Finder('a-->b c-->d', ['-->']);
    expect(f.within(0, 1)).toBe(false);
    expect(f.within(0, 4)).toBe(true);
    expect(f.within(5, 7)).toBe(false);
    expect(f.within(5, 11)).toBe(true);
    expect(f.within(1, 2)).toBe(true);
    expect(f.within(11, 11)).toBe(false);
  });

  it('tells whether any of several strings starts within a range, the nearest first, going forward or back', () => {
    const text = 'ab<cd&ef{gh<ij';
    const f = new Finder(text, ['<', '&', '{', '\u2028']);
    // Every range of the text, forward, then back from the end: the same answer as a search of the range.
    const ranges: [number, number][] = [];
    for (let from = 0; from <= text.length; from++) for (let end = from; end <= text.length; end++) ranges.push([from, end]);
    for (const [from, end] of [...ranges, ...ranges.reverse()]) {
      expect(f.within(from, end), `[${from}, ${end})`).toBe(/[<&{\u2028]/.test(text.slice(from, end)));
    }
  });
});

describe('clock time', () => {
  it('writes hours, minutes, seconds and milliseconds, hours past 99 in full', () => {
    expect(clockTime(0, ',')).toBe('00:00:00,000');
    expect(clockTime(3_723_004, '.')).toBe('01:02:03.004');
    expect(clockTime(360_000_000, '.')).toBe('100:00:00.000');
  });
});

describe('standard timing', () => {
  it('reads the usual timing line in place, with either separator, and leaves anything else', () => {
    const times = { start: 0, end: 0 };
    expect(readStandardTiming('x\n01:02:03,004 --> 01:02:04,500', 2, 0x2c, times)).toBe(true);
    expect(times).toEqual({ start: 3_723_004, end: 3_724_500 });
    expect(readStandardTiming('00:00:01.000 --> 00:00:02.000 line:0', 0, 0x2e, times)).toBe(true);
    expect(times).toEqual({ start: 1000, end: 2000 });
    expect(readStandardTiming('00:00:01.000 --> 00:00:02.000', 0, 0x2c, times)).toBe(false);
    expect(readStandardTiming('00:00:61,000 --> 00:01:02,000', 0, 0x2c, times)).toBe(false);
    expect(readStandardTiming('00:00:01,000 -> 00:00:02,000', 0, 0x2c, times)).toBe(false);
    expect(readStandardTiming('00:00:01,000 --> 00:00:02,00', 0, 0x2c, times)).toBe(false);
  });

  it('refuses a character just below or above the digits in every digit position', () => {
    const line = '12:34:56,789 --> 23:45:57,891';
    const digits = [...line].flatMap((c, i) => (c >= '0' && c <= '9' ? [i] : []));
    expect(digits).toHaveLength(18);
    const times = { start: 0, end: 0 };
    expect(readStandardTiming(line, 0, 0x2c, times)).toBe(true);
    expect(times).toEqual({ start: 45_296_789, end: 85_557_891 });
    for (const i of digits) {
      for (const c of ['/', ':', 'a', '\u0660']) expect(readStandardTiming(`${line.slice(0, i)}${c}${line.slice(i + 1)}`, 0, 0x2c, times), `${c} at ${i}`).toBe(false);
    }
  });

  it('reads minutes and seconds up to 59 in both times, and refuses 60', () => {
    const times = { start: 0, end: 0 };
    expect(readStandardTiming('99:59:59,999 --> 99:59:59,999', 0, 0x2c, times)).toBe(true);
    expect(times).toEqual({ start: 359_999_999, end: 359_999_999 });
    for (const at of [3, 6, 20, 23]) {
      const line = '00:00:00,000 --> 00:00:00,000';
      expect(readStandardTiming(`${line.slice(0, at)}60${line.slice(at + 2)}`, 0, 0x2c, times), `60 at ${at}`).toBe(false);
    }
  });
});

describe('excerpt', () => {
  it('keeps short input whole, and gives a long one its start and its length', () => {
    expect(excerpt('00:00:01,000')).toBe('00:00:01,000');
    expect(excerpt('x'.repeat(60))).toBe('x'.repeat(60));
    expect(excerpt('9'.repeat(10_000))).toBe(`${'9'.repeat(59)}… (10,000 characters)`);
  });

  it('never ends on half a surrogate pair', () => {
    const out = excerpt(`${'x'.repeat(58)}😀${'y'.repeat(10)}`);
    expect(out).toBe(`${'x'.repeat(58)}… (70 characters)`);
    expect(excerpt(`${'x'.repeat(57)}😀${'y'.repeat(10)}`)).toBe(`${'x'.repeat(57)}😀… (69 characters)`);
  });
});

describe('foundValue', () => {
  it('names a found JSON value: a string quoted and cut short, a container by its kind, an absent one as nothing', () => {
    expect([undefined, null, 3, false, [1], {}].map(foundValue)).toEqual(['nothing', 'null', '3', 'false', 'an array', 'an object']);
    expect(foundValue('工单')).toBe('"工单"');
    expect(foundValue('a"b')).toBe('"a\\"b"');
    expect(foundValue('😀'.repeat(100))).toBe(`"${'😀'.repeat(29)}… (200 characters)"`);
  });
});
