import type { TaggedText } from '../model/tagged-text.js';
import { unitKey } from '../model/unit.js';
import { plainKey } from './entry-row.js';
import { boundedDistance, codePoints, editBudget, ratio } from './similarity.js';

/** What a fuzzy search looks for, and the plain lengths a stored unit needs to score `floor` at all. */
export interface FuzzySearch {
  key: string;
  /** The plain words, cue by cue (`plainKey`), and their code points. */
  plain: string;
  query: number[];
  cueCount: number;
  floor: number;
  shortest: number;
  longest: number;
  /** Unit keys passed over (`unitKey`): the sentences a track holds now, when what is sought is an earlier one. */
  except?: ReadonlySet<string>;
}

/** A stored unit a store offers as a candidate: its id there, key, plain text, rank and canonical time, and the plain text's code points where already known. */
export type Candidate<Id> = readonly [id: Id, sourceKey: string, plain: string, rank: number, updatedAt: string, points?: ArrayLike<number>];

/** The search for units like `source` scoring at least `minScore`; `undefined` when none can. */
export function fuzzySearch(source: readonly TaggedText[], minScore: number, except?: ReadonlySet<string>): FuzzySearch | undefined {
  if (source.length === 0 || minScore > 1) return undefined;
  const plain = plainKey(source);
  const query = codePoints(plain);
  const n = query.length;
  const floor = Math.max(0, minScore);
  // Lengths that can reach the score at all: edits ≥ the length difference.
  const shortest = Math.ceil(n * floor - 1e-9);
  const longest = floor === 0 ? Number.MAX_SAFE_INTEGER : Math.floor(n / floor + 1e-9);
  return { key: unitKey(source), plain, query, cueCount: source.length, floor, shortest, longest, ...(except === undefined ? {} : { except }) };
}

/**
 * The best candidate: the highest score, then the higher rank, then the newer
 * one, then the first offered. Every store scores here, so all return the
 * same match for the same entries offered in the same order.
 */
export function bestMatch<Id>(search: FuzzySearch, candidates: Iterable<Candidate<Id>>): { id: Id; score: number } | undefined {
  const { key, query, floor, except } = search;
  const n = query.length;
  let best: { id: Id; score: number; rank: number; updatedAt: string } | undefined;
  for (const [id, candidateKey, plain, rank, updatedAt, points] of candidates) {
    if (except?.has(candidateKey) === true) continue;
    let score: number;
    if (candidateKey === key) score = 1;
    else {
      const other = points ?? codePoints(plain);
      const target = best?.score ?? floor;
      const budget = editBudget(n, other.length, target);
      const distance = boundedDistance(query, other, budget);
      if (distance > budget) continue;
      // Same words, other styling: one edit short of exact, so 1 always means identical.
      score = distance === 0 ? n / (n + 1) : ratio(distance, n, other.length);
    }
    if (score < floor) continue;
    if (!best || score > best.score || (score === best.score && (rank > best.rank || (rank === best.rank && updatedAt > best.updatedAt)))) {
      best = { id, score, rank, updatedAt };
    }
  }
  return best && { id: best.id, score: best.score };
}
