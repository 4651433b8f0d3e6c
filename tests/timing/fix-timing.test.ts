import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse } from '../../src/formats/parse.js';
import { framesToMs, msToFrames, parseFrameRate } from '../../src/model/frame-rate.js';
import type { Cue, FrameRate, Placement, Track } from '../../src/model/track.js';
import { runQc } from '../../src/qc/index.js';
import { defaultProfile } from '../../src/qc/profiles/default.js';
import { festivalProfile } from '../../src/qc/profiles/festival.js';
import type { Profile } from '../../src/qc/profile.js';
import { fixTiming } from '../../src/timing/fix-timing.js';

const fps24 = parseFrameRate('24')!;
const f = (frames: number, rate: FrameRate = fps24) => framesToMs(frames, rate);
const cue = (id: string, start: number, end: number, text = '好'): Cue => ({ id, start, end, lines: [[{ text }]] });
const track = (...cues: Cue[]): Track => ({ language: 'zh-Hans', cues, meta: {} });
const placed = (vertical: Placement['vertical'], c: Cue): Cue => ({ ...c, placement: { vertical } });
const fix = (t: Track, rate: FrameRate = fps24, profile: Profile = defaultProfile) => fixTiming(t, { language: t.language, profile, frameRate: rate });
const english = (...cues: Cue[]): Track => ({ language: 'en-US', cues, meta: {} });
const messageOf = (findings: { cueId?: string; message: string }[], id: string) => findings.filter((d) => d.cueId === id).map((d) => d.message).join('\n');

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

  it('changes nothing when run on its own output: each pass would otherwise push a cue another half second past its speech', () => {
    // 48 characters in 1 s need 2.4 s at 20/s: 1.4 s more than the cue has, more than the half second allowed.
    const fast = english(cue('1', 1000, 2000, 'This line is far too long to read in one second.'), cue('2', 10_000, 12_000, 'Next.'));
    const once = fix(fast);
    expect(fix(once.track).changes).toEqual([]);
    expect(once.track.cues[0]!.end).toBe(2000);
    // Too short for the festival's 2 s (10 frames away), and too fast for 10 frames more: both met in one pass, nothing left for a second.
    const both = fix(english(cue('1', f(0), f(38), 'A line that wants more than two seconds to read.'), cue('2', f(200), f(260), 'Next.')), fps24, festivalProfile);
    expect(both.track.cues[0]!.end).toBe(f(58));
    expect(fix(both.track, fps24, festivalProfile).changes).toEqual([]);
    const texts = ['好', 'Hi.', 'A line that wants two and a half seconds.', '每天有超过六万个电话打进热线', 'This line is far too long to read in one second, far too long.'];
    const rows = ['top', 'middle', undefined] as const;
    const arbCues = fc.array(fc.tuple(fc.integer({ min: 0, max: 600 }), fc.integer({ min: 1, max: 200 }), fc.constantFrom(...texts), fc.constantFrom(...rows)), { minLength: 1, maxLength: 14 });
    fc.assert(
      fc.property(arbCues, fc.constantFrom('23.976', '24', '25', '29.97', '50', '59.94'), fc.constantFrom(defaultProfile, festivalProfile), (spans, label, profile) => {
        const rate = parseFrameRate(label)!;
        const input = english(...spans.map(([start, length, text, row], i) => {
          const c = cue(String(i + 1), f(start, rate), f(start + length, rate), text);
          return row === undefined ? c : placed(row, c);
        }));
        const first = fix(input, rate, profile);
        const second = fix(first.track, rate, profile);
        expect(second.changes).toEqual([]);
        expect(second.track.cues).toEqual(first.track.cues);
      }),
      { numRuns: 400 },
    );
  });

  it('names the limit that stopped the out-time, and a remedy that works', () => {
    // Only the half-second allowance stopped "Hi.": cue 2 is 8.7 s away, and merging would make an 11 s cue.
    const far = fix(english(cue('1', 1000, 1300, 'Hi.'), cue('2', 10_000, 12_000, 'Much later.')), fps24, festivalProfile);
    expect(messageOf(far.findings, '1')).toMatch(/at most 0\.50 s \(12 frames\)/);
    expect(messageOf(far.findings, '1')).toMatch(/extend it by hand by 1\.71 s \(cue 2 starts 8\.71 s after it ends\)/);
    expect(messageOf(far.findings, '1')).not.toMatch(/merge/);
    // At 59.94 a 1.485 s cue is 31 frames short of 2 s, one more than half a second: the same limit, the same remedy.
    const fps5994 = parseFrameRate('59.94')!;
    const frameShort = fix(english(cue('16', f(6026, fps5994), f(6115, fps5994), 'Can someone come and look?'), cue('17', f(6458, fps5994), f(6655, fps5994), 'The order went to the street office.')), fps5994, festivalProfile);
    expect(messageOf(frameShort.findings, '16')).toMatch(/at most 0\.50 s \(30 frames\)[^]*extend it by hand by 0\.52 s/);
    expect(messageOf(frameShort.findings, '16')).not.toMatch(/merge/);
    // Cue 6 lies inside cue 5 (5 s to 13 s): the fix cut cue 5 to 0.92 s; it read at 4 characters/s before, and merging makes an 8 s cue.
    const inside = fix(english(cue('5', 5000, 13_000, 'A long one running eight seconds.'), cue('6', 6000, 7000, 'Inside the long one.'), cue('7', 13_100, 14_000, 'After.')));
    const said = messageOf(inside.findings, '5');
    expect(said).not.toMatch(/still|merge/);
    expect(said).toMatch(/cue 6 starts 1\.00 s after it and ends before it/);
    expect(said).toMatch(/another row of the screen/);
    // Cut for cue 3, which merging would only make worse: condense, and by how much.
    const crowded = fix(english(cue('2', 1500, 3000, 'This one starts just after the first and it is quite a long text to read in time.'), cue('3', 3000, 4000, 'Same instant.')));
    expect(messageOf(crowded.findings, '2')).not.toMatch(/still|merge/);
    expect(messageOf(crowded.findings, '2')).toMatch(/ended it 2 frames before cue 3: condense the text by 53 characters$/);
    // Too fast by more than half a second: condensing by the count said lets the fix extend it the rest of the way.
    const fast = fix(english(cue('1', 1000, 2000, 'This line is far too long to read in one second.'), cue('2', 10_000, 12_000, 'Next.')));
    const over = Number(/condense the text by (\d+) characters/.exec(messageOf(fast.findings, '1'))?.[1]);
    expect(messageOf(fast.findings, '1')).toMatch(/at most 0\.50 s \(12 frames\)/);
    const condensed = fix(english(cue('1', 1000, 2000, 'This line is far too long to read in one second.'.slice(over)), cue('2', 10_000, 12_000, 'Next.')));
    expect(condensed.findings).toEqual([]);
    expect(condensed.changes).toEqual([expect.objectContaining({ cueId: '1', rule: 'reading-speed' })]);
    // Past the maximum duration, only condensing helps.
    const long = fix(english(cue('1', 0, 6900, 'A line. '.repeat(20)), cue('2', 20_000, 21_000, 'Next.')));
    expect(messageOf(long.findings, '1')).toMatch(/7\.00 s[^]*condense the text by \d+ characters/);
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
      const { track: fixed } = fix(track(cue('A', f(0), f(48)), placed('top', cue('S', f(50), f(100))), placed('middle', cue('M', f(52), f(60))), cue('B', f(60), f(120))));
      // A chains to B, 2 frames before it; the sign keeps its out-time; the label in the middle is extended over B to its 20 frames.
      expect(fixed.cues.map((c) => [c.id, msToFrames(c.start, fps24), msToFrames(c.end, fps24)])).toEqual([['A', 0, 58], ['S', 50, 100], ['M', 52, 72], ['B', 60, 120]]);
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
