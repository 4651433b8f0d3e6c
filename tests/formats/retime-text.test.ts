import { describe, expect, it } from 'vitest';
import { formats } from '../../src/formats/index.js';
import { parse } from '../../src/formats/parse.js';
import { retimeText } from '../../src/formats/retime-text.js';
import { formatIds } from '../../src/formats/format-ids.js';
import { framesToMs } from '../../src/model/frame-rate.js';
import type { Track } from '../../src/model/track.js';

const RATE = { numerator: 25, denominator: 1 };
const frame = (n: number) => framesToMs(n, RATE);
const TRACK: Track = {
  language: 'en',
  frameRate: RATE,
  meta: {},
  cues: [
    { id: '1', start: frame(25), end: frame(60), lines: [[{ text: 'Hello ' }, { text: 'there', italic: true }]] },
    { id: '2', start: frame(70), end: frame(120), lines: [[{ text: 'A sign' }]], placement: { vertical: 'top' } },
  ],
};

describe('retimeText', () => {
  it.each(formatIds)('moves each time of a %s file where it stands, and leaves the text as it was where none moves', (id) => {
    const { text } = formats[id].serialize(TRACK, { frameRate: RATE, documentId: '11111111-2222-4333-8444-555555555555', issueDate: '2026-01-01T00:00:00Z' });
    const read = parse(text, { format: id, frameRate: RATE, locateTimes: true });
    expect(read.times).toBeDefined();
    const same = retimeText(read.times!, read.track.cues, read.track.cues, RATE);
    expect(same).toEqual({ text: read.times!.text });
    const later = read.track.cues.map((c, k) => ({ ...c, start: c.start + (k === 0 ? 0 : frame(3)), end: c.end + frame(12) }));
    const moved = retimeText(read.times!, read.track.cues, later, RATE);
    if (!('text' in moved)) throw new Error(JSON.stringify(moved.refused));
    const back = parse(moved.text, { format: id, frameRate: RATE }).track.cues;
    expect(back.map((c) => [c.start, c.end])).toEqual(later.map((c) => [c.start, c.end]));
    expect(back.map((c) => [c.lines, c.placement])).toEqual(read.track.cues.map((c) => [c.lines, c.placement]));
    // Only the times differ: the text around them is the text read.
    const untimed = (t: string) => t.replace(/\d[\d:;.,]*\d(f|t|ms|s)?/g, '#');
    expect(untimed(moved.text)).toBe(untimed(read.times!.text));
  });
});
