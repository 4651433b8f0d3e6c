import { describe, expect, it } from 'vitest';
import {
  dropFrameLabelToFrames,
  frameRateLabel,
  framesToDropFrameLabel,
  framesToMs,
  msToFrames,
  parseFrameRate,
  snapToFrame,
} from '../../src/model/frame-rate.js';

const RATES = ['23.976', '24', '25', '29.97', '29.97df', '30'] as const;

describe('frame rates', () => {
  it('reads names, fractions and integers exactly', () => {
    expect(parseFrameRate('23.976')).toEqual({ numerator: 24000, denominator: 1001 });
    expect(parseFrameRate('29.97df')).toEqual({ numerator: 30000, denominator: 1001, dropFrame: true });
    expect(parseFrameRate('30000/1001')).toEqual({ numerator: 30000, denominator: 1001 });
    expect(parseFrameRate('25')).toEqual({ numerator: 25, denominator: 1 });
    expect(parseFrameRate('fast')).toBeUndefined();
    expect(parseFrameRate('0')).toBeUndefined();
  });

  it.each(RATES)('keeps every frame exact through milliseconds at %s fps for ten hours', (name) => {
    const rate = parseFrameRate(name)!;
    const last = msToFrames(10 * 3600_000, rate);
    const drifted: number[] = [];
    for (let f = 0; f <= last; f++) if (msToFrames(framesToMs(f, rate), rate) !== f) drifted.push(f);
    expect(drifted).toEqual([]);
    expect(frameRateLabel(rate)).toBe(name === '23.976' ? '23.976' : name);
  });

  it('labels a rate no decimal reads back as that rate as its fraction', () => {
    expect(frameRateLabel({ numerator: 240001, denominator: 10000 })).toBe('240001/10000');
    expect(frameRateLabel({ numerator: 23976, denominator: 1000 })).toBe('23976/1000');
    expect(frameRateLabel({ numerator: 50, denominator: 2 })).toBe('25');
    expect(parseFrameRate(frameRateLabel({ numerator: 240001, denominator: 10000 }))).toEqual({ numerator: 240001, denominator: 10000 });
  });

  it('snaps to the nearest frame', () => {
    const rate = parseFrameRate('24')!;
    expect(snapToFrame(1020, rate)).toBe(1000);
    expect(snapToFrame(1021, rate)).toBe(1042);
  });

  it('labels 29.97 drop-frame timecode as SMPTE does', () => {
    const rate = parseFrameRate('29.97df')!;
    // The first minute has all 1800 labels; 00:01:00;00 and ;01 do not exist.
    expect(framesToDropFrameLabel(1799, rate)).toEqual([0, 0, 59, 29]);
    expect(framesToDropFrameLabel(1800, rate)).toEqual([0, 1, 0, 2]);
    // Every tenth minute keeps its first labels.
    expect(framesToDropFrameLabel(17982, rate)).toEqual([0, 10, 0, 0]);
    // One hour of 29.97 is 107892 frames: the label reads exactly 01:00:00;00.
    expect(framesToDropFrameLabel(107892, rate)).toEqual([1, 0, 0, 0]);
    const wrong: number[] = [];
    for (let f = 0; f < 200_000; f++) {
      const [h, m, s, fr] = framesToDropFrameLabel(f, rate);
      if (dropFrameLabelToFrames(h, m, s, fr, rate) !== f || fr < 0 || fr > 29) wrong.push(f);
    }
    expect(wrong).toEqual([]);
  });
});
