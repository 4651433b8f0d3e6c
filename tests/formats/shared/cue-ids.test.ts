import { describe, expect, it } from 'vitest';
import { diagnostic } from '../../../src/model/diagnostic.js';
import type { Cue } from '../../../src/model/track.js';
import { IdRecorder, idNumber, settleCueIds } from '../../../src/formats/shared/cue-ids.js';

function settle(ids: string[]): string[] {
  const cues: Cue[] = ids.map((id, k) => ({ id, start: k * 1000, end: k * 1000 + 500, lines: [] }));
  settleCueIds(cues, { lines: ids.map((_, k) => k * 4 + 1), given: ids.map(() => true) }, [], (r) => diagnostic('x/repeated', 'warning', r.id, { line: r.line }));
  return cues.map((c) => c.id);
}

describe('settleCueIds', () => {
  it('keeps rising numbers, and numbers that differ only in leading zeros, as they are', () => {
    expect(settle(['1', '2', '10', '11'])).toEqual(['1', '2', '10', '11']);
    expect(settle(['1', '01', '001'])).toEqual(['1', '01', '001']);
    expect(settle(['3', '2', '1'])).toEqual(['3', '2', '1']);
  });

  it('renames a repeated number whether the numbers rise before it or not', () => {
    expect(settle(['1', '2', '2', '3'])).toEqual(['1', '2', '2~2', '3']);
    expect(settle(['5', '1', '5'])).toEqual(['5', '1', '5~2']);
    expect(settle(['9007199254740993', '9007199254740992', '9007199254740993'])).toEqual(['9007199254740993', '9007199254740992', '9007199254740993~2']);
  });

  it('keeps ids of one prefix and rising numbers (`c1`, `c2`, as TTML writers number paragraphs), and renames a repeat among them', () => {
    expect(settle(['c1', 'c2', 'c10'])).toEqual(['c1', 'c2', 'c10']);
    expect(settle(['c1', 'c2', 'c2', 'c3'])).toEqual(['c1', 'c2', 'c2~2', 'c3']);
    expect(settle(['c1', 'c2', 'c02'])).toEqual(['c1', 'c2', 'c02']);
    expect(settle(['c9', 'c10', 'd1', 'c10'])).toEqual(['c9', 'c10', 'd1', 'c10~2']);
    expect(settle(['c1', 'c', 'c'])).toEqual(['c1', 'c', 'c~2']);
    expect(settle(['a1', 'a12', 'a1', 'a2'])).toEqual(['a1', 'a12', 'a1~2', 'a2']);
  });
});

describe('idNumber', () => {
  it('reads digits written plainly, and nothing else', () => {
    expect(['0', '7', '42', '100000', '999999999999999'].map((id) => idNumber(id))).toEqual([0, 7, 42, 100000, 999999999999999]);
    expect(['', '01', '007', '1a', ' 1', '1 ', '-1', '1.5', '1000000000000000', '١'].map((id) => idNumber(id))).toEqual(Array(10).fill(-1));
  });
});

describe('IdRecorder', () => {
  it('gives each cue its line and whether the file gave its id, past the first thousand cues', () => {
    const ids = new IdRecorder();
    for (let k = 0; k < 3000; k++) ids.add(k * 4 + 1, k % 3 !== 0, k === 2000 ? 1999 : k + 1);
    const origins = ids.origins();
    expect(origins.rising).toBeUndefined();
    expect(origins.lines).toEqual(Array.from({ length: 3000 }, (_, k) => k * 4 + 1));
    expect(origins.given).toEqual(Array.from({ length: 3000 }, (_, k) => k % 3 !== 0));
  });

  it('says the ids rise when each number is above the one before', () => {
    const ids = new IdRecorder();
    [1, 2, 5, 6].forEach((n, k) => ids.add(k + 1, true, n));
    expect(ids.origins().rising).toBe(true);
    const repeated = new IdRecorder();
    [1, 2, 2].forEach((n, k) => repeated.add(k + 1, true, n));
    expect(repeated.origins().rising).toBeUndefined();
    const unnumbered = new IdRecorder();
    [1, -1, 3].forEach((n, k) => unnumbered.add(k + 1, false, n));
    expect(unnumbered.origins().rising).toBeUndefined();
  });
});
