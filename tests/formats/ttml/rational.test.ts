import { describe, expect, it } from 'vitest';
import { add, cmp, max, min, ms, mul, rat, toMs, ZERO } from '../../../src/formats/ttml/rational.js';

describe('TTML times as fractions', () => {
  it('count whole milliseconds unreduced alike with reduced fractions', () => {
    expect(cmp(ms(1500), rat(3, 2))).toBe(0);
    expect(cmp(ms(1001), rat(1001, 1000))).toBe(0);
    expect(cmp(ms(1000), rat(1))).toBe(0);
    expect(ms(0)).toBe(ZERO);
    expect(toMs(add(ms(1500), rat(1, 3)))).toBe(1833);
    expect(toMs(add(ms(250), ms(250)))).toBe(500);
    // 1001 frames at 30000/1001 fps after a clock time of 10 ms is 33.4 s plus 10 ms.
    expect(toMs(add(ms(10), mul(rat(1001), 1001, 30000)))).toBe(33410);
    expect(min(ms(2000), rat(2))).toEqual(ms(2000));
    expect(toMs(max(ms(1999), rat(2)))).toBe(2000);
  });
});
