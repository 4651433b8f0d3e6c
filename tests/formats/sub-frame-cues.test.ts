import { describe, expect, it } from 'vitest';
import { formats } from '../../src/formats/index.js';
import { framesToMs, parseFrameRate } from '../../src/model/frame-rate.js';
import { cueText } from '../../src/model/spans.js';
import type { Track } from '../../src/model/track.js';

const rate = parseFrameRate('25')!;

/** A cue of 1 ms, which the frame grid of 25 fps (and Interop's of 4 ms ticks) snaps to nothing, between two ordinary ones. */
const track = (): Track => ({
  language: 'en',
  frameRate: { ...rate },
  meta: {},
  cues: [
    { id: '1', start: 1000, end: 2000, lines: [[{ text: 'before' }]] },
    { id: '2', start: 3004, end: 3005, lines: [[{ text: 'flash' }]] },
    { id: '3', start: 4000, end: 5000, lines: [[{ text: 'after' }]] },
  ],
});

describe.each(Object.entries(formats))('%s: a cue shorter than a frame', (_, format) => {
  it('is written one frame (or tick) long, and said for its cue', () => {
    const { text, diagnostics } = format.serialize(track(), {});
    expect(diagnostics.map((d) => [d.severity, d.cueId])).toEqual([['warning', '2']]);
    expect(diagnostics[0]!.message).toMatch(/same (frame|tick)/);
    const cues = format.parse(text, {}).track.cues;
    expect(cues.map((c) => cueText(c))).toEqual(['before', 'flash', 'after']);
    expect([cues[0]!.start, cues[0]!.end, cues[2]!.start, cues[2]!.end]).toEqual([1000, 2000, 4000, 5000]);
    const { start, end } = cues[1]!;
    expect(Math.abs(start - 3004)).toBeLessThanOrEqual(framesToMs(1, rate) / 2);
    expect(end - start).toBeGreaterThan(0);
    expect(end - start).toBeLessThanOrEqual(framesToMs(1, rate));
  });
});

describe.each(Object.entries(formats))('%s: a cue of no duration on a frame grid', (_, format) => {
  it('is written one frame (or tick) long, as the DCP writers and deliver show it, and said for its cue', () => {
    const zero = track();
    zero.cues[1] = { ...zero.cues[1]!, start: 3000, end: 3000 };
    const { text, diagnostics } = format.serialize(zero, {});
    expect(diagnostics.map((d) => [d.severity, d.cueId])).toEqual([['warning', '2']]);
    const { start, end } = format.parse(text, {}).track.cues[1]!;
    expect(start).toBe(3000);
    expect(end - start).toBeGreaterThan(0);
    expect(end - start).toBeLessThanOrEqual(framesToMs(1, rate));
  });
});
