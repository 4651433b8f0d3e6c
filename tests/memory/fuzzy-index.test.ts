import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bestMatch, fuzzySearch, type Candidate } from '../../src/memory/best-match.js';
import { FuzzyIndex } from '../../src/memory/fuzzy-index.js';
import { plainKey } from '../../src/memory/entry-row.js';
import { codePoints } from '../../src/memory/similarity.js';
import { unitKey } from '../../src/model/unit.js';

const text = fc.string({ unit: fc.constantFrom('热', '线', '市', '民', '。', 'a', 'b', '𠀋', ' ', '<i>', '</i>'), maxLength: 14 });
const unit = fc.array(text, { minLength: 1, maxLength: 1 });

/** Stored units as a store offers them: ordered by plain length, then id. */
function candidates(units: readonly string[][]): Candidate<number>[] {
  return units
    .map((source, id): Candidate<number> => [id, unitKey(source), plainKey(source), id % 3, `2026-01-0${1 + (id % 5)}`])
    .sort((a, b) => codePoints(a[2]).length - codePoints(b[2]).length || a[0] - b[0]);
}

describe('FuzzyIndex', () => {
  it('finds the match a search over every unit finds, with its score', () => {
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 40 }), unit, fc.constantFrom(0, 0.3, 0.5, 0.6, 0.75, 0.9, 1), fc.boolean(), (stored, query, minScore, passOver) => {
        const all = candidates(stored);
        const except = passOver && stored.length > 0 ? new Set([unitKey(stored[0]!)]) : undefined;
        const search = fuzzySearch(query, minScore, except)!;
        const inLength = all.filter(([, , plain]) => {
          const m = codePoints(plain).length;
          return m >= search.shortest && m <= search.longest;
        });
        expect(bestMatch(search, new FuzzyIndex(all).near(search))).toEqual(bestMatch(search, inLength));
      }),
      { numRuns: 3000 },
    );
  });

  it('passes over units that share too few characters to reach the floor', () => {
    const index = new FuzzyIndex(candidates([['热线市民'], ['市民热线'], ['abcd'], ['热线ab']]));
    const search = fuzzySearch(['热线市民'], 0.5)!;
    expect([...index.near(search)].map(([id]) => id)).toEqual([0, 1, 3]);
    // The unit `市民热线` shares all four characters but is four edits away: the edit distance still decides.
    expect(bestMatch(fuzzySearch(['热线市民'], 0.5)!, index.near(search))).toEqual({ id: 0, score: 1 });
  });

  it('refuses rows out of length order, which would hide units from a search', () => {
    expect(() => new FuzzyIndex([[1, 'ab', 'ab', 0, ''], [2, 'a', 'a', 0, '']])).toThrow(RangeError);
  });
});
