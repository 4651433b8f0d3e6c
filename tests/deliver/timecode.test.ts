import { describe, expect, it } from 'vitest';
import { dayFrames, parseTimecode } from '../../src/deliver/timecode.js';
import { formatTimecode, parseFrameRate } from '../../src/model/frame-rate.js';
import { itReturns } from '../helpers/examples.js';

const rate = (text: string) => parseFrameRate(text)!;

describe('parseTimecode', () => {
  itReturns('%s at %s fps counts %j', (text: string, fps: string) => parseTimecode(text, rate(fps)), [
    ['10:00:00:00', '25', { frames: 900_000 }],
    ['10:00:00:00', '24', { frames: 864_000 }],
    ['01:00:00:00', '23.976', { frames: 86_400 }],
    ['01:00:00:00', '29.97', { frames: 108_000 }],
    ['00:00:01:47', '48', { frames: 95 }],
    ['00:00:00:00', '30', { frames: 0 }],
  ]);

  it('reads a drop-frame label at 29.97df and 59.94df', () => {
    expect(parseTimecode('00:01:00;02', rate('29.97df'))).toEqual({ frames: 1800 });
    expect(parseTimecode('00:10:00;00', rate('29.97df'))).toEqual({ frames: 17_982 });
    expect(parseTimecode('10:00:00;00', rate('29.97df'))).toEqual({ frames: 1_078_920 });
    expect(parseTimecode('00:01:00;04', rate('59.94df'))).toEqual({ frames: 3600 });
    // At a drop-frame rate the label drops frames whatever the separator.
    expect(parseTimecode('10:00:00:00', rate('29.97df'))).toEqual({ frames: 1_078_920 });
  });

  it('refuses a drop-frame label for a non-drop delivery, which it would put 3.6 s an hour early', () => {
    expect(parseTimecode('01:00:00;00', rate('29.97'))).toMatchObject({ error: expect.stringContaining('the delivery is 29.97 fps non-drop; expected `:` before the frames, or --fps 29.97df') });
    expect(parseTimecode('01:00:00;00', rate('59.94'))).toMatchObject({ error: expect.stringContaining('--fps 59.94df') });
  });

  it('refuses what is not a timecode at the rate, saying what it expected', () => {
    expect(parseTimecode('10:00:00', rate('25'))).toMatchObject({ error: expect.stringContaining('expected HH:MM:SS:FF') });
    expect(parseTimecode('00:00:00:25', rate('25'))).toMatchObject({ error: expect.stringContaining('expected at most 24') });
    expect(parseTimecode('00:61:00:00', rate('25'))).toMatchObject({ error: expect.stringContaining('61 minutes') });
    expect(parseTimecode('00:00:00;00', rate('25'))).toMatchObject({ error: expect.stringContaining('only at 29.97 and 59.94') });
    expect(parseTimecode('00:01:00;00', rate('29.97df'))).toMatchObject({ error: expect.stringContaining('00:01:00;02 or later') });
    // Seconds and a fraction, as ffmpeg writes them: read as frames this was half a second off at 24 fps.
    expect(parseTimecode('01:00:00.12', rate('24'))).toMatchObject({ error: expect.stringContaining('is a time in seconds and a fraction; expected a timecode HH:MM:SS:FF') });
    expect(parseTimecode('01:00:00,500', rate('24'))).toMatchObject({ error: expect.stringContaining('seconds and a fraction') });
  });
});

describe('the 24-hour limit', () => {
  it('refuses a timecode at or past 24:00:00:00, naming it and the limit', () => {
    for (const text of ['24:00:00:00', '48:00:00:00', '99:12:39:19']) {
      expect(parseTimecode(text, rate('24'))).toEqual({ error: `\`${text}\` is at or past 24:00:00:00; expected a timecode before 24:00:00:00, where SMPTE and DCP timecodes wrap` });
    }
    expect(parseTimecode('23:59:59:23', rate('24'))).toEqual({ frames: 2_073_599 });
    expect(parseTimecode('23:59:59;29', rate('29.97df'))).toEqual({ frames: 2_589_407 });
  });

  it('counts the frames of a day at whole and drop-frame rates', () => {
    expect(dayFrames(rate('24'))).toBe(2_073_600);
    expect(dayFrames(rate('23.976'))).toBe(2_073_600);
    expect(dayFrames(rate('29.97df'))).toBe(2_589_408);
    expect(formatTimecode(dayFrames(rate('29.97df')) - 1, rate('29.97df'))).toBe('23:59:59;29');
  });
});

describe('formatTimecode', () => {
  it('labels frames at whole and 1000/1001 rates', () => {
    expect(formatTimecode(900_000 + 12, rate('25'))).toBe('10:00:00:12');
    expect(formatTimecode(86_400 + 23, rate('23.976'))).toBe('01:00:00:23');
  });

  it('round-trips drop-frame labels', () => {
    const df = rate('29.97df');
    for (const label of ['00:00:59;29', '00:01:00;02', '00:09:59;29', '00:10:00;00', '10:00:00;00', '23:59:59;29']) {
      const parsed = parseTimecode(label, df);
      expect('frames' in parsed && formatTimecode(parsed.frames, df)).toBe(label);
    }
  });
});
