import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse } from '../../src/formats/parse.js';
import { framesToMs, msToFrames, parseFrameRate } from '../../src/model/frame-rate.js';
import type { Cue, FrameRate, Placement, Track } from '../../src/model/track.js';
import { runQc } from '../../src/qc/index.js';
import { defaultProfile } from '../../src/qc/profiles/default.js';
import { fixTiming } from '../../src/timing/fix-timing.js';

const fps24 = parseFrameRate('24')!;
const f = (frames: number, rate: FrameRate = fps24) => framesToMs(frames, rate);
const cue = (id: string, start: number, end: number, text = '好'): Cue => ({ id, start, end, lines: [[{ text }]] });
const track = (...cues: Cue[]): Track => ({ language: 'zh-Hans', cues, meta: {} });
const placed = (vertical: Placement['vertical'], c: Cue): Cue => ({ ...c, placement: { vertical } });
const fix = (t: Track, rate: FrameRate = fps24) => fixTiming(t, { language: t.language, profile: defaultProfile, frameRate: rate });

describe('fixTiming (Netflix subtitle timing guidelines)', () => {
  it('extends a short cue to the minimum duration, at most half a second past its out-time', () => {
    const { track: fixed, changes } = fix(track(cue('1', f(24), f(36)), cue('2', f(200), f(260))));
    // 20 frames (5/6 s) wanted, 12 frames allowed past the original out-time: 36 → 44.
    expect(fixed.cues[0]!.end).toBe(f(44));
    expect(changes).toEqual([{ cueId: '1', edge: 'out', before: f(36), after: f(44), rule: 'min-duration' }]);
  });

  it('extends for reading speed, never into the next cue\'s minimum gap', () => {
    const text = '每天有超过六万个电话打进热线'; // 14 characters at 9/s: 1.56 s, 38 frames
    const { track: fixed, changes } = fix(track(cue('1', f(0), f(30), text), cue('2', f(34), f(80))));
    expect(fixed.cues[0]!.end).toBe(f(32));
    expect(changes[0]).toMatchObject({ cueId: '1', edge: 'out', rule: 'reading-speed' });
  });

  it('closes a gap of 12 frames or fewer to 2 frames (chaining), and leaves a longer one', () => {
    const { track: fixed } = fix(track(cue('1', f(0), f(48)), cue('2', f(60), f(120)), cue('3', f(133), f(200))));
    expect(fixed.cues[0]!.end).toBe(f(58));
    expect(fixed.cues[1]!.end).toBe(f(120));
  });

  it('never chains or extends a cue past the maximum duration (7 s), at any rate', () => {
    // 6.9 s then a 9-frame gap: chaining would end cue 1 at 7.21 s.
    const { track: chained, changes } = fix(track(cue('1', f(0), f(166)), cue('2', f(175), f(240))));
    expect(chained.cues[0]!.end).toBe(f(166));
    expect(changes).toEqual([]);
    // Too fast to read in 6.9 s: extended to 7 s, no further.
    const long = '每天有超过六万个电话打进热线'.repeat(5);
    const { track: read } = fix(track(cue('1', f(0), f(166), long), cue('2', f(400), f(460))));
    expect(read.cues[0]!.end).toBe(f(168));
    // 6.984 s off the frame grid at 29.97: in-time to its nearest frame earlier, out-time to its nearest later, 7.007 s.
    const { track: snapped } = fix(track(cue('1', 1341, 8325), cue('2', 12000, 13000)), parseFrameRate('29.97')!);
    expect(snapped.cues[0]!.end - snapped.cues[0]!.start).toBeLessThanOrEqual(7000);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 9000 }), fc.integer({ min: 6000, max: 7000 }), fc.constantFrom('23.976', '24', '25', '29.97', '30'), (start, length, label) => {
        const { track: fixed } = fix(track(cue('1', start, start + length), cue('2', start + length + 2000, start + length + 3000)), parseFrameRate(label)!);
        expect(fixed.cues[0]!.end - fixed.cues[0]!.start).toBeLessThanOrEqual(7000);
      }),
    );
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 400 }), fc.integer({ min: 0, max: 30 }), fc.constantFrom('23.976', '24', '25', '29.97', '30'), (length, gap, label) => {
        const rate = parseFrameRate(label)!;
        const input = track(cue('1', f(0, rate), f(length, rate), long), cue('2', f(length + gap, rate), f(length + gap + 50, rate)));
        const { track: fixed } = fix(input, rate);
        const [first] = fixed.cues;
        if (input.cues[0]!.end <= 7000) expect(first!.end - first!.start).toBeLessThanOrEqual(7000);
        else expect(first!.end).toBeLessThanOrEqual(input.cues[0]!.end);
      }),
    );
  });

  it('scales the frame rules to the rate: at 25 fps half a second is 12 frames (480 ms), never 13 (520 ms)', () => {
    const fps25 = parseFrameRate('25')!;
    const gap = (frames: number) => fix(track(cue('1', f(0, fps25), f(50, fps25)), cue('2', f(50 + frames, fps25), f(120, fps25))), fps25).track.cues[0]!.end;
    expect(gap(12)).toBe(f(60, fps25));
    expect(gap(13)).toBe(f(50, fps25));
  });

  it('ends an overlapping cue the minimum gap before the next, which keeps its in-time', () => {
    const { track: fixed, changes } = fix(track(cue('1', f(0), f(60)), cue('2', f(50), f(100))));
    expect(fixed.cues.map((c) => [c.start, c.end])).toEqual([[f(0), f(48)], [f(50), f(100)]]);
    expect(changes).toEqual([{ cueId: '1', edge: 'out', before: f(60), after: f(48), rule: 'overlap' }]);
  });

  it('puts every time on a frame at 23.976 and 29.97, moving in-times by at most half a frame', () => {
    for (const label of ['23.976', '29.97']) {
      const rate = parseFrameRate(label)!;
      const { track: fixed, changes } = fix(track(cue('1', 1003, 4010), cue('2', 9007, 12999)), rate);
      for (const c of fixed.cues) for (const t of [c.start, c.end]) expect(f(msToFrames(t, rate), rate)).toBe(t);
      for (const change of changes.filter((c) => c.edge === 'in')) {
        expect(change.rule).toBe('frame-grid');
        expect(Math.abs(change.after - change.before)).toBeLessThanOrEqual((500 * rate.denominator) / rate.numerator + 1);
      }
    }
  });

  it('says what it could not fix, with a hint', () => {
    const { findings } = fix(track(cue('1', f(0), f(6)), cue('2', f(10), f(60))));
    expect(findings).toEqual([expect.objectContaining({ code: 'timing/too-short', cueId: '1', message: expect.stringContaining('merge it with cue 2') })]);
  });

  it('never reorders, never touches text, lists every change, and leaves no overlap or short gap', () => {
    const arbTrack = fc
      .array(fc.tuple(fc.integer({ min: 0, max: 400 }), fc.integer({ min: 1, max: 200 }), fc.string({ minLength: 1, maxLength: 30 })), { minLength: 1, maxLength: 40 })
      .map((raw) => {
        let at = 0;
        return track(...raw.map(([gap, length, text], i) => {
          at += gap;
          return cue(String(i + 1), at * 10, (at + length) * 10, text);
        }));
      });
    fc.assert(
      fc.property(arbTrack, fc.constantFrom('23.976', '24', '25', '29.97', '30'), (input, label) => {
        const rate = parseFrameRate(label)!;
        const { track: fixed, changes } = fix(input, rate);
        expect(fixed.cues.map((c) => [c.id, c.lines])).toEqual(input.cues.map((c) => [c.id, c.lines]));
        fixed.cues.forEach((c, i) => {
          const before = input.cues[i]!;
          expect(Math.abs(c.start - before.start)).toBeLessThanOrEqual(framesToMs(1, rate) / 2 + 1);
          if (c.start !== before.start) expect(changes).toContainEqual({ cueId: c.id, edge: 'in', before: before.start, after: c.start, rule: 'frame-grid' });
          if (c.end !== before.end) expect(changes).toContainEqual(expect.objectContaining({ cueId: c.id, edge: 'out', before: before.end, after: c.end }));
          expect(c.end).toBeGreaterThan(c.start);
          const next = fixed.cues[i + 1];
          // Room for a frame of cue and the 2-frame gap: the gap holds.
          if (next && msToFrames(next.start, rate) - msToFrames(c.start, rate) >= 3) expect(msToFrames(next.start, rate) - msToFrames(c.end, rate)).toBeGreaterThanOrEqual(2);
        });
      }),
      { numRuns: 200 },
    );
  });

  it('takes a real film most of the way to the profile: Elephants Dream, Japanese captions', () => {
    const file = resolve(import.meta.dirname, '../../../shared/corpus/videojs-elephantsdream/captions.ja.vtt');
    const { track: film } = parse(readFileSync(file), { language: 'ja' });
    const timingErrors = (t: Track) => runQc(t, { language: 'ja', profile: defaultProfile, frameRate: fps24 }).filter((d) => ['qc/min-duration', 'qc/min-gap', 'qc/overlap'].includes(d.code));
    const before = timingErrors(film).length;
    const { track: fixed, findings } = fix({ ...film, language: 'ja' });
    const after = timingErrors(fixed);
    expect(before).toBeGreaterThan(0);
    expect(after.length).toBeLessThan(before);
    // What is left is said by the fix itself, cue by cue.
    for (const d of after.filter((d) => d.code === 'qc/min-duration')) expect(findings.map((x) => x.cueId)).toContain(d.cueId);
  });

  it('moves no out-time onto another cue when the track is out of time order', () => {
    // B is listed after A but shown before it: A's next cue in time is C, which it must not run into.
    const { track: fixed } = fix(track(cue('A', f(240), f(250)), cue('B', f(120), f(144)), cue('C', f(255), f(312))));
    expect(msToFrames(fixed.cues[0]!.end, fps24)).toBe(253);
  });

  it('never makes two cues overlap that did not, in any order, at any rate', () => {
    const arbCues = fc.array(fc.tuple(fc.integer({ min: 0, max: 2000 }), fc.integer({ min: 1, max: 150 })), { minLength: 2, maxLength: 12 });
    fc.assert(
      fc.property(arbCues, fc.constantFrom('23.976', '24', '25', '29.97', '48', '50', '59.94'), (spans, label) => {
        const rate = parseFrameRate(label)!;
        const input = track(...spans.map(([start, length], i) => cue(String(i + 1), f(start, rate), f(start + length, rate), '好')));
        const { track: fixed } = fix(input, rate);
        const overlaps = (cues: Cue[], i: number, j: number) => cues[i]!.start < cues[j]!.end && cues[j]!.start < cues[i]!.end;
        for (let i = 0; i < spans.length; i++) {
          for (let j = i + 1; j < spans.length; j++) if (!overlaps(input.cues, i, j)) expect(overlaps(fixed.cues, i, j), `${label}: cues ${i + 1} and ${j + 1}`).toBe(false);
        }
      }),
      { numRuns: 300 },
    );
  });
  describe('a cue only makes room for cues in its own row of the screen', () => {
    it('keeps a sign at the top whole over the dialogue at the bottom, however they overlap', () => {
      // One DCP subtitle, read as a sign at the top and a line at the bottom with the same times.
      const split = fix(track(placed('top', cue('1', f(120), f(216), '北京，早上七点')), cue('1~2', f(120), f(216), '您好，这里是12345。')));
      expect(split.track.cues.map((c) => [c.start, c.end])).toEqual([[f(120), f(216)], [f(120), f(216)]]);
      expect(split.changes).toEqual([]);
      expect(split.findings).toEqual([]);
      // The sign from 7.5 s to 12 s, the dialogue from 9.708 s beneath it.
      const over = fix(track(placed('top', cue('1', 7500, 12000, '北京，早上七点。')), cue('2', 9708, 12125, '您好，这里是12345热线。')));
      expect(over.track.cues[0]).toMatchObject({ start: 7500, end: 12000 });
      expect(over.changes.filter((c) => c.cueId === '1')).toEqual([]);
    });

    it('chains and extends within a row, past a cue in another', () => {
      const { track: fixed } = fix(track(cue('A', f(0), f(48)), placed('top', cue('S', f(50), f(100))), placed('middle', cue('M', f(52), f(57))), cue('B', f(60), f(120))));
      // A chains to B, 2 frames before it; the sign keeps its out-time; the label in the middle is extended over B, 12 frames.
      expect(fixed.cues.map((c) => [c.id, msToFrames(c.start, fps24), msToFrames(c.end, fps24)])).toEqual([['A', 0, 58], ['S', 50, 100], ['M', 52, 69], ['B', 60, 120]]);
    });

    it('names the next cue in the row in its hints', () => {
      const { findings } = fix(track(cue('1', f(0), f(6)), placed('top', cue('sign', f(8), f(60))), cue('2', f(10), f(60))));
      expect(findings).toEqual([expect.objectContaining({ code: 'timing/too-short', cueId: '1', message: expect.stringContaining('merge it with cue 2') })]);
    });

    it('fixes each row as if it were the only one, in any order, at any rate', () => {
      const rows = ['top', 'middle', 'bottom', undefined] as const;
      const arbCues = fc.array(fc.tuple(fc.integer({ min: 0, max: 600 }), fc.integer({ min: 1, max: 150 }), fc.constantFrom(...rows)), { minLength: 2, maxLength: 16 });
      fc.assert(
        fc.property(arbCues, fc.constantFrom('23.976', '24', '25', '29.97'), (spans, label) => {
          const rate = parseFrameRate(label)!;
          const input = track(...spans.map(([start, length, row], i) => {
            const c = cue(String(i + 1), f(start, rate), f(start + length, rate), '好');
            return row === undefined ? c : placed(row, c);
          }));
          const whole = fix(input, rate);
          for (const row of ['top', 'middle', 'bottom'] as const) {
            const inRow = (c: Cue) => (c.placement?.vertical ?? 'bottom') === row;
            const alone = fix({ ...input, cues: input.cues.filter(inRow) }, rate);
            const ids = new Set(alone.track.cues.map((c) => c.id));
            expect(whole.track.cues.filter(inRow)).toEqual(alone.track.cues);
            expect(whole.changes.filter((c) => ids.has(c.cueId))).toEqual(alone.changes);
            expect(whole.findings.filter((d) => ids.has(d.cueId!))).toEqual(alone.findings);
          }
        }),
        { numRuns: 300 },
      );
    });
  });
});
