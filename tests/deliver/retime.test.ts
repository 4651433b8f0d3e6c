import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pastDay, retimeTrack, type DeliveryTiming } from '../../src/deliver/retime.js';
import { framesToMs, msToFrames, parseFrameRate } from '../../src/model/frame-rate.js';
import { span } from '../../src/model/spans.js';
import type { FrameRate, Track } from '../../src/model/track.js';

const rate = (text: string) => parseFrameRate(text)!;
const RATES = ['23.976', '24', '25', '29.97', '29.97df', '30', '48'];
const timing = (source: string, delivery: string, more: Partial<DeliveryTiming> = {}): DeliveryTiming => ({ source: rate(source), delivery: rate(delivery), retime: false, startFrames: 0, sourceStart: 0, ...more });
const onGrid = (ms: number, r: FrameRate) => framesToMs(msToFrames(ms, r), r) === ms;
const track = (cues: [number, number][]): Track => ({
  language: 'fr-FR',
  meta: {},
  cues: cues.map(([start, end], i) => ({ id: String(i + 1), start, end, lines: [[span(`cue ${i + 1}`)]] })),
});

/** Where `retimeTrack` puts a cue that starts at `ms`. */
const deliveryTime = (ms: number, t: DeliveryTiming): number => retimeTrack(track([[ms, ms + 10_000]]), t).track.cues[0]!.start;

describe('retimeTrack: each time', () => {
  it.each(RATES)('lands every time on the %s fps grid, within half a frame of the source time', (fps) => {
    const t = timing('24', fps);
    const frame = (1000 * t.delivery.denominator) / t.delivery.numerator;
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 36_000_000 }), (ms) => {
        const out = deliveryTime(ms, t);
        expect(onGrid(out, t.delivery)).toBe(true);
        expect(Math.abs(out - ms)).toBeLessThanOrEqual(frame / 2 + 1);
      }),
    );
  });

  it('keeps frame-exact times at the same rate', () => {
    for (const fps of RATES) {
      const r = rate(fps);
      for (const frames of [0, 1, 1001, 86_399, 2_589_407]) expect(deliveryTime(framesToMs(frames, r), timing(fps, fps))).toBe(framesToMs(frames, r));
    }
  });

  it('retimes by the speed ratio: a 25 fps master at 24 fps lasts 25/24 as long', () => {
    const t = timing('25', '24', { retime: true });
    expect(deliveryTime(1000, t)).toBe(1042); // 25 frames at 24 fps
    expect(deliveryTime(60_000, t)).toBe(62_500);
    expect(deliveryTime(3_600_000, t)).toBe(3_750_000);
    // Without --retime the time is only snapped.
    expect(deliveryTime(3_600_000, timing('25', '24'))).toBe(3_600_000);
  });

  it('retimes 24 fps to 23.976 (pull-down): frame n stays frame n', () => {
    const t = timing('24', '23.976', { retime: true });
    expect(msToFrames(deliveryTime(3_600_000, t), t.delivery)).toBe(86_400);
    expect(deliveryTime(3_600_000, t)).toBe(3_603_600);
  });

  it('offsets every time by the start timecode, in delivery frames', () => {
    const t = timing('24', '25', { startFrames: 900_000 });
    expect(deliveryTime(0, t)).toBe(36_000_000);
    expect(deliveryTime(7_500, t)).toBe(36_007_520);
  });

  it('takes the source’s programme start off first, in source time, retimed or not, before the delivery’s start is added', () => {
    // 01:00:00:00 at 23.976 is 3,603.6 s: the label 01:00:07:12 is 7.5075 s into the programme, frame 180.
    const t = timing('23.976', '24', { retime: true, sourceStart: 3_603_600 });
    expect(msToFrames(deliveryTime(3_611_108, t), t.delivery)).toBe(180);
    expect(deliveryTime(3_611_108, { ...t, startFrames: 86_400 })).toBe(3_607_500);
    expect(deliveryTime(3_607_500, timing('25', '25', { sourceStart: 3_600_000 }))).toBe(7_520);
  });

  it('offsets by a drop-frame start at 29.97', () => {
    const t = timing('24', '29.97df', { startFrames: 107_892 }); // 01:00:00;00
    expect(deliveryTime(0, t)).toBe(3_599_996);
    expect(onGrid(deliveryTime(12_345, t), t.delivery)).toBe(true);
  });
});

describe('retimeTrack', () => {
  it('converts every cue and sets the delivery rate', () => {
    const { track: out, diagnostics } = retimeTrack(track([[1000, 2000], [2040, 4000]]), timing('25', '24', { retime: true }));
    expect(diagnostics).toEqual([]);
    expect(out.frameRate).toEqual(rate('24'));
    expect(out.cues.map((c) => [c.start, c.end])).toEqual([[1042, 2083], [2125, 4167]]);
  });

  it('shows a cue that snapping would collapse for one frame, with a warning on that cue: its text is never lost', () => {
    const { track: out, diagnostics } = retimeTrack(track([[0, 10], [1000, 2000]]), timing('24', '24'));
    expect(out.cues.map((c) => [c.id, c.start, c.end])).toEqual([['1', 0, 42], ['2', 1000, 2000]]);
    expect(diagnostics).toEqual([expect.objectContaining({ code: 'deliver/collapsed-cue', severity: 'warning', cueId: '1' })]);
    expect(diagnostics[0]!.message).toContain('expected at least one frame');
    // Not `--fix-timing`, which moves an out-time at most half a second: from one frame, neither built-in profile's minimum is that close.
    expect(diagnostics[0]!.message).toMatch(/: lengthen it in the source$/);
  });
});

describe('pastDay', () => {
  it('finds the first cue that would end at or past 24:00:00:00 after the offset or the retiming', () => {
    const t = track([[0, 1000], [60_000, 61_000], [120_000, 121_000]]);
    const day = 24 * 3600 * 24;
    expect(pastDay(t, timing('24', '24', { startFrames: day - 24 * 62 }))).toEqual({ cue: t.cues[2], frames: day + 24 * 59 });
    // Ending exactly on 24:00:00:00 is past it too: the timecode would read 00:00:00:00.
    expect(pastDay(t, timing('24', '24', { startFrames: day - 24 * 121 }))?.cue.id).toBe('3');
    expect(pastDay(t, timing('24', '24', { startFrames: day - 24 * 121 - 1 }))).toBeUndefined();
    // A cue shorter than half a frame is shown for one: starting on the last frame of the day, it would end on 24:00:00:00.
    expect(pastDay(track([[0, 10]]), timing('24', '24', { startFrames: day - 1 }))).toEqual({ cue: expect.objectContaining({ id: '1' }), frames: day });
    // 23:00:00 of a 25 fps master retimed to 24 fps lasts 23:57:30: within the day; 23:30:00 is not.
    expect(pastDay(track([[0, 82_800_000]]), timing('25', '24', { retime: true }))).toBeUndefined();
    expect(pastDay(track([[0, 84_600_000]]), timing('25', '24', { retime: true }))?.cue.id).toBe('1');
  });
});
