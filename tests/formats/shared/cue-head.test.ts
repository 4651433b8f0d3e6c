import { describe, expect, it } from 'vitest';
import { clockTime } from '../../../src/formats/shared/clock-time.js';
import { cueHead } from '../../../src/formats/shared/cue-head.js';

describe('cueHead', () => {
  const times = [0, 1, 9, 10, 99, 100, 999, 1000, 59_999, 60_000, 3_599_999, 3_600_000, 36_000_000, 359_999_999, 360_000_000, 3_600_000_000];

  it.each([
    [',', 0x2c],
    ['.', 0x2e],
  ])('writes both times with `%s` before the milliseconds, as clockTime does, past 99 hours too', (separator, code) => {
    for (const start of times) {
      for (const end of times) expect(cueHead(0, '', start, end, code)).toBe(`${clockTime(start, separator)} --> ${clockTime(end, separator)}\n`);
    }
  });

  it('is one flat line of 29 characters and its line end below 100 hours', () => {
    expect(cueHead(0, '', 5_025_407, 5_027_000, 0x2c)).toBe('01:23:45,407 --> 01:23:47,000\n');
  });

  const long = 'x'.repeat(65);
  it.each([
    [0, '1'],
    [1, '42'],
    [2, '100000'],
    [2, '第一句 intro'],
    [1, '\ud83c\udfac'],
    [2, long],
  ])('puts %i line ends and the label `%s` on its own line before the timing line', (breaks, label) => {
    const timing = '00:00:01,000 --> 00:00:02,500\n';
    expect(cueHead(breaks, label, 1000, 2500, 0x2c)).toBe(`${'\n'.repeat(breaks)}${label}\n${timing}`);
    expect(cueHead(breaks, label, 360_000_000, 360_000_001, 0x2c)).toBe(`${'\n'.repeat(breaks)}${label}\n100:00:00,000 --> 100:00:00,001\n`);
  });

  it('gives each head its own length: a shorter one after a longer one keeps nothing of it', () => {
    expect(cueHead(2, '12345', 0, 1, 0x2c)).toBe('\n\n12345\n00:00:00,000 --> 00:00:00,001\n');
    expect(cueHead(0, '1', 0, 1, 0x2c)).toBe('1\n00:00:00,000 --> 00:00:00,001\n');
  });
});
