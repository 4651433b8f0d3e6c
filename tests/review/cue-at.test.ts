import { describe, expect, it } from 'vitest';
import { cueAt } from '../../src/review/cue-at.js';
import type { Cue } from '../../src/model/track.js';

const cue = (id: string, start: number, end: number, text: string): Cue => ({ id, start, end, lines: [[{ text }]] });

describe('cueAt', () => {
  it("takes the cue's id and times, in the unit given, and nothing of its text", () => {
    expect(cueAt(cue('7', 12208, 15708, '每天超过60,000个来电'), 'u3')).toStrictEqual({ id: '7', unitId: 'u3', start: 12208, end: 15708 });
  });

  it('keeps the order the review package and the studio write the fields in', () => {
    expect(Object.keys(cueAt(cue('1', 0, 1000, 'a'), 'u1'))).toEqual(['id', 'unitId', 'start', 'end']);
  });
});
