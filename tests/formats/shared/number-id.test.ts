import { describe, expect, it } from 'vitest';
import { numberId } from '../../../src/formats/shared/number-id.js';

describe('numberId', () => {
  it('is String(n), asked in order, out of order, again, and past the numbers it keeps', () => {
    for (const n of [5, 0, 1, 2, 3, 4, 5, 6, 3, 1_000_000, 131_072, 131_071, 7]) expect(numberId(n)).toBe(String(n));
    for (let n = 0; n < 140_000; n++) if (numberId(n) !== String(n)) expect(numberId(n)).toBe(String(n));
  });
});
