import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deliveryFrame, fromReelStart, retimeTrack, type DeliveryTiming } from '../../src/deliver/retime.js';
import { dayFrames } from '../../src/deliver/timecode.js';
import { formats } from '../../src/formats/index.js';
import { parse } from '../../src/formats/parse.js';
import { framesToMs, msToFrames, parseFrameRate } from '../../src/model/frame-rate.js';
import type { Cue, Track } from '../../src/model/track.js';

const RATES = ['23.976', '24', '25', '29.97', '29.97df', '30', '48', '50', '59.94', '60'];
/** Formats whose times are 4 ms ticks: the nearest tick, which reads back as the same frame. */
const TICKS = new Set(['dcp-interop']);

/** Cues in time order, some touching, some shorter than a frame, from about `at` ms. */
const arbCues = (at: number) =>
  fc.array(fc.tuple(fc.constantFrom(0, 0, 1, 40, 2000), fc.integer({ min: 1, max: 4000 })), { minLength: 1, maxLength: 8 }).map((spans) => {
    let t = at;
    return spans.map(([gap, length], i): Cue => {
      const start = t + gap;
      t = start + length;
      return { id: String(i + 1), start, end: t, lines: [[{ text: `line ${i + 1}` }]] };
    });
  });

describe('every deliverable on the delivery frame grid', () => {
  it('reads back, in every format at every rate, as the frames the delivery chose: none shorter than a frame, touching cues still touching', () => {
    const arb = fc.record({
      delivery: fc.constantFrom(...RATES),
      source: fc.constantFrom(...RATES),
      retime: fc.boolean(),
      // From the start, past 1 hour, past 10 hours, and the last minutes of the day.
      at: fc.constantFrom(0, 3_599_000, 36_000_500, 86_000_000),
      start: fc.constantFrom(0, 1, 90_000),
    }).chain((r) => arbCues(r.at).map((cues) => ({ ...r, cues })));
    fc.assert(
      fc.property(arb, ({ delivery: d, source: s, retime, start, cues }) => {
        const delivery = parseFrameRate(d)!;
        const timing: DeliveryTiming = { source: parseFrameRate(s)!, delivery, retime, startFrames: start, sourceStart: 0 };
        const input: Track = { language: 'en-US', cues, meta: { title: 't' } };
        const { track } = retimeTrack(input, timing);
        if (track.cues.some((c) => msToFrames(c.end, delivery) >= dayFrames(delivery))) return; // refused by the options, never written
        expect(track.cues).toHaveLength(cues.length);
        // One instant, one frame: a cue's end and the start of the cue touching it land together (unless the cue was under a frame, and shown for one).
        cues.forEach((c, i) => {
          const at = framesToMs(deliveryFrame(c.end, timing), delivery);
          if (deliveryFrame(c.end, timing) > deliveryFrame(c.start, timing)) expect(track.cues[i]!.end).toBe(at);
          if (cues[i + 1]?.start === c.end) expect(track.cues[i + 1]!.start).toBe(at);
        });
        // Cues under a frame shown for one may now overlap: QC refuses those, and TTML readers show simultaneous paragraphs as one cue.
        if (track.cues.some((c, i) => i > 0 && c.start < track.cues[i - 1]!.end)) return;
        for (const [id, adapter] of Object.entries(formats)) {
          const own = adapter.reelRelative === true ? fromReelStart(track, timing) : track;
          const written = adapter.serialize(own, { frameRate: delivery, documentId: 'cab5c268-222b-41d2-88ae-6d6999441b17', issueDate: '2026-12-06T00:00:00Z' });
          if (written.diagnostics.some((x) => x.severity === 'error')) continue; // DCP at a rate no cinema plays
          const read = parse(written.text, { format: adapter.id, frameRate: delivery, language: 'en-US' }).track;
          const frames = (t: Track) => t.cues.map((c) => [msToFrames(c.start, delivery), msToFrames(c.end, delivery)]);
          expect(frames(read), `${id} at ${d}`).toEqual(frames(own));
          for (const c of read.cues) {
            const off = Math.max(Math.abs(c.start - framesToMs(msToFrames(c.start, delivery), delivery)), Math.abs(c.end - framesToMs(msToFrames(c.end, delivery), delivery)));
            expect(off, `${id} at ${d}: cue ${c.id}`).toBeLessThanOrEqual(TICKS.has(id) ? 2 : 0);
            expect(msToFrames(c.end, delivery) - msToFrames(c.start, delivery)).toBeGreaterThanOrEqual(1);
          }
        }
      }),
      { numRuns: 150 },
    );
  });
});
