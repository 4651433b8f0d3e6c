import { describe, expect, it } from 'vitest';
import { clockTime } from '../../../src/formats/shared/clock-time.js';
import { timingLine } from '../../../src/formats/shared/timing-line.js';

describe('timingLine', () => {
  const times = [0, 1, 9, 10, 99, 100, 999, 1000, 59_999, 60_000, 3_599_999, 3_600_000, 36_000_000, 359_999_999, 360_000_000, 3_600_000_000];

  it.each([
    [',', 0x2c],
    ['.', 0x2e],
  ])('writes both times with `%s` before the milliseconds, as clockTime does, past 99 hours too', (separator, code) => {
    for (const start of times) {
      for (const end of times) expect(timingLine(start, end, code)).toBe(`${clockTime(start, separator)} --> ${clockTime(end, separator)}\n`);
    }
  });

  it('is one flat line of 29 characters and its line end below 100 hours', () => {
    expect(timingLine(5_025_407, 5_027_000, 0x2c)).toBe('01:23:45,407 --> 01:23:47,000\n');
  });
});
