import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { boundedDistance, codePoints, editBudget, ratio } from '../../src/memory/similarity.js';

function levenshtein(a: readonly number[], b: readonly number[]): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length]!;
}

const text = fc.string({ unit: fc.constantFrom('a', 'b', 'c', '中', '文', '𠀋', ' '), maxLength: 24 });

describe('boundedDistance', () => {
  it('equals the edit distance when within the limit, and limit + 1 beyond it', () => {
    fc.assert(
      fc.property(text, text, fc.nat({ max: 30 }), (a, b, limit) => {
        const exact = levenshtein(codePoints(a), codePoints(b));
        expect(boundedDistance(codePoints(a), codePoints(b), limit)).toBe(exact <= limit ? exact : limit + 1);
      }),
      { numRuns: 2000 },
    );
  });

  it('counts a character outside the BMP as one edit', () => {
    expect(boundedDistance(codePoints('𠀋a'), codePoints('b𠀋a'), 5)).toBe(1);
  });
});

describe('editBudget and ratio', () => {
  it('allow exactly the edits that keep the score', () => {
    expect(editBudget(10, 10, 0.8)).toBe(2);
    expect(ratio(2, 10, 10)).toBe(0.8);
    expect(editBudget(10, 7, 0.7)).toBe(3);
    expect(ratio(0, 0, 0)).toBe(1);
  });
});
