import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { webvtt } from '../../../src/formats/webvtt/index.js';
import { arbTrack, comparable } from '../../helpers/arbitrary-track.js';
import type { FrameRate } from '../../../src/model/track.js';
import { framesToMs } from '../../../src/model/frame-rate.js';

const expressible = {
  italic: true,
  bold: true,
  underline: true,
  // Default colour classes and, through a STYLE block, any CSS colour.
  colors: ['yellow', 'cyan', 'white', '#ff0000', '#00ff0080', 'orange'],
  placements: [
    { vertical: 'top' as const },
    { vertical: 'middle' as const },
    { vertical: 'bottom' as const, horizontal: 'left' as const },
    { vertical: 'top' as const, horizontal: 'right' as const },
    { vertical: 'middle' as const, horizontal: 'left' as const },
  ],
};

describe('WebVTT round trip', () => {
  it('parse(serialize(t)) equals t for what WebVTT expresses', () => {
    fc.assert(
      fc.property(arbTrack(expressible), (track) => {
        const written = webvtt.serialize(track);
        expect(written.diagnostics).toEqual([]);
        const read = webvtt.parse(written.text);
        expect(read.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
        expect(comparable(read.track)).toEqual(comparable(track));
        expect(read.track.cues.map((c) => c.id)).toEqual(track.cues.map((c) => c.id));
      }),
      { numRuns: 300 },
    );
  });

  it('keeps cue ids that are not the position, and only those', () => {
    fc.assert(
      // Unique, as the model's ids are (the property below covers a file that repeats them).
      fc.property(arbTrack(), fc.uniqueArray(fc.stringMatching(/^[a-z][a-z0-9 -]{0,10}$/), { minLength: 20, maxLength: 20 }), (track, ids) => {
        track.cues.forEach((c, i) => {
          if (i % 2 === 0) c.id = ids[i]!;
        });
        const text = webvtt.serialize(track).text;
        expect(webvtt.parse(text).track.cues.map((c) => c.id)).toEqual(track.cues.map((c) => c.id));
      }),
      { numRuns: 100 },
    );
  });

  it('reads a file that repeats identifiers with an id of its own for every cue; an identifier used once stays', () => {
    fc.assert(
      fc.property(arbTrack(), fc.array(fc.constantFrom('a', 'b', '1', '2', '3', 'a~2'), { minLength: 20, maxLength: 20 }), (track, ids) => {
        track.cues.forEach((c, i) => {
          c.id = ids[i]!;
        });
        const read = webvtt.parse(webvtt.serialize(track).text).track.cues.map((c) => c.id);
        expect(new Set(read).size).toBe(read.length);
        track.cues.forEach((c, i) => {
          if (track.cues.filter((d) => d.id === c.id).length === 1) expect(read[i]).toBe(c.id);
        });
      }),
      { numRuns: 100 },
    );
  });

  const RATES: Array<[string, FrameRate]> = [
    ['23.976', { numerator: 24000, denominator: 1001 }],
    ['24', { numerator: 24, denominator: 1 }],
    ['25', { numerator: 25, denominator: 1 }],
    ['29.97', { numerator: 30000, denominator: 1001 }],
    ['30', { numerator: 30, denominator: 1 }],
  ];

  it.each(RATES)('keeps frame-exact times at %s fps', (_, rate) => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 24 * 3600 * 30 }), (frame) => {
        const ms = framesToMs(frame, rate);
        const track = { language: 'und', cues: [{ id: '1', start: ms, end: framesToMs(frame + 12, rate), lines: [[{ text: 'x' }]] }], meta: {}, frameRate: rate };
        const cue = webvtt.parse(webvtt.serialize(track).text).track.cues[0]!;
        expect([cue.start, cue.end]).toEqual([track.cues[0]!.start, track.cues[0]!.end]);
      }),
      { numRuns: 200 },
    );
  });
});
