import { describe, expect, it } from 'vitest';
import { ttml } from '../../../src/formats/ttml/index.js';
import { framesToMs, parseFrameRate } from '../../../src/model/frame-rate.js';
import type { Track } from '../../../src/model/track.js';

const FRAMES = [0, 1, 23, 24, 25, 29, 30, 1439, 1440, 17982, 86399, 86400, 1_000_000, 2_589_407];

function label(frames: number, fps: number): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  const s = Math.floor(frames / fps);
  return `${pad(Math.floor(s / 3600))}:${pad(Math.floor(s / 60) % 60)}:${pad(s % 60)}:${pad(frames % fps)}`;
}

describe('frame-exact times', () => {
  for (const name of ['23.976', '24', '25', '29.97', '29.97df', '30']) {
    const rate = parseFrameRate(name)!;
    const whole = rate.denominator === 1;
    it(`survive write → read at ${name} fps`, () => {
      for (const f of FRAMES) {
        const start = framesToMs(f, rate);
        const end = framesToMs(f + 12, rate);
        const track: Track = { language: 'en', cues: [{ id: '1', start, end, lines: [[{ text: 'x' }]] }], meta: {}, frameRate: rate };
        const { text, diagnostics } = ttml.serialize(track);
        expect(diagnostics).toEqual([]);
        // Whole rates write SMPTE-style labels; 1000/1001 rates write frame counts (see write.ts).
        expect(text).toContain(`begin="${whole ? label(f, rate.numerator) : `${f}f`}"`);
        expect(text).toContain(`ttp:frameRate="${Math.round(rate.numerator / rate.denominator)}"`);
        const back = ttml.parse(text);
        expect(back.diagnostics).toEqual([]);
        expect(back.track.cues.map((c) => [c.start, c.end])).toEqual([[start, end]]);
        expect(back.track.frameRate).toEqual({ numerator: rate.numerator, denominator: rate.denominator });
      }
    });
  }

  it('reads frame labels at 23.976 as TTML media time (clock seconds plus frames)', () => {
    const doc = (t: string): string =>
      `<tt xmlns="http://www.w3.org/ns/ttml" xmlns:ttp="http://www.w3.org/ns/ttml#parameter" ttp:frameRate="24" ttp:frameRateMultiplier="1000 1001" xml:lang="en"><body><div><p begin="0s" end="${t}">x</p></div></body></tt>`;
    // TimeExpressions001: 01:02:03:20 = 3723.83416667 s; 24f = 1.001 s.
    expect(ttml.parse(doc('01:02:03:20')).track.cues[0]!.end).toBe(3_723_834);
    expect(ttml.parse(doc('24f')).track.cues[0]!.end).toBe(1001);
  });

  // The snapping is the writers' (every one writes on the track's frame rate, which is the file's): said where the file's times are not on it.
  it('says once, at its line, that a 23.976 media time with frames falls between frames and where writers put it, and not of times on the grid', () => {
    const doc = (times: string[]) =>
      `<tt xmlns="http://www.w3.org/ns/ttml" xmlns:ttp="http://www.w3.org/ns/ttml#parameter" ttp:frameRate="24" ttp:frameRateMultiplier="1000 1001" xml:lang="en"><body><div>\n${times.map((t, i) => `<p begin="${t}" end="${i * 10 + 9}s">${i}</p>`).join('\n')}</div></body></tt>`;
    const off = ttml.parse(doc(['00:00:00:12', '00:00:01:00', '00:00:13:12']));
    expect(off.track.cues.map((c) => c.start)).toEqual([501, 1000, 13_501]);
    expect(off.diagnostics.map((d) => [d.code, d.severity, d.line])).toEqual([['ttml/between-frames', 'info', 3]]);
    expect(off.diagnostics[0]!.message).toMatch(/^`begin="00:00:01:00"` is a media time, 1\.000 s as imscJS shows it: .* at 23\.976 fps falls between two frames .*nearest frame of the track's 23\.976 fps \(1\.001 s\) by every writer \(and 1 more like this\)$/);
    expect(ttml.parse(doc(['00:00:00:12', '24f', '00:00:01.001'])).diagnostics).toEqual([]);
    const whole = ttml.parse(doc(['00:00:01:00']).replace(' ttp:frameRateMultiplier="1000 1001"', ''));
    expect(whole.diagnostics).toEqual([]);
  });

  it('reads SMPTE drop-frame labels by frame count', () => {
    const doc = `<tt xmlns="http://www.w3.org/ns/ttml" xmlns:ttp="http://www.w3.org/ns/ttml#parameter" ttp:timeBase="smpte" ttp:dropMode="dropNTSC" ttp:frameRate="30" ttp:frameRateMultiplier="1000 1001" xml:lang="en"><body><div><p begin="00:01:00:02" end="00:10:00:00">x</p></div></body></tt>`;
    const { track, diagnostics } = ttml.parse(doc);
    expect(diagnostics).toEqual([]);
    expect(track.cues[0]).toMatchObject({ start: framesToMs(1800, parseFrameRate('29.97')!), end: framesToMs(17982, parseFrameRate('29.97')!) });
    expect(track.frameRate).toEqual({ numerator: 30000, denominator: 1001, dropFrame: true });
  });

  it('says a drop-frame label no frame has (00:01:00:00, 00:01:00:01), once with how many more, and not a tenth minute’s', () => {
    const doc = (times: string[]) =>
      `<tt xmlns="http://www.w3.org/ns/ttml" xmlns:ttp="http://www.w3.org/ns/ttml#parameter" ttp:timeBase="smpte" ttp:dropMode="dropNTSC" ttp:frameRate="30" ttp:frameRateMultiplier="1000 1001" xml:lang="en"><body><div>${times.map((t, i) => `<p begin="${t}" end="00:30:00:00">${i}</p>`).join('')}</div></body></tt>`;
    const { diagnostics } = ttml.parse(doc(['00:01:00:00', '00:02:00:01', '00:10:00:00', '00:11:00:02']));
    expect(diagnostics.map((d) => [d.code, d.severity])).toEqual([['ttml/dropped-label', 'warning']]);
    expect(diagnostics[0]!.message).toMatch(/^`begin="00:01:00:00"` names a frame drop-frame timecode skips .* \(and 1 more like this\)$/);
  });
});

describe('a frame rate that is not a fraction of whole numbers', () => {
  it.each([{}, { numerator: 25 }, { numerator: 24000, denominator: 1001.5 }, { numerator: 0, denominator: 1 }, { numerator: Number.NaN, denominator: 1 }])(
    'is refused, not looped on: %j',
    (rate) => {
      const track = { language: 'en', cues: [{ id: '1', start: 0, end: 1000, lines: [[{ text: 'x' }]] }], meta: {}, frameRate: rate } as unknown as Track;
      expect(() => ttml.serialize(track)).toThrow(TypeError);
    },
  );
});

describe('a frame or sub-frame field at or past its rate', () => {
  const doc = (root: string, times: string[]): string =>
    [
      `<tt xmlns="http://www.w3.org/ns/ttml" xmlns:ttp="http://www.w3.org/ns/ttml#parameter" ${root} xml:lang="en"><body><div>`,
      ...times.map((t, i) => `<p begin="${t}" end="00:00:09:00">cue ${i}</p>`),
      '</div></body></tt>',
    ].join('\n');

  it('is read into the next second, and said once at its line with the rate', () => {
    const { track, diagnostics } = ttml.parse(doc('ttp:frameRate="25"', ['00:00:01:00', '00:00:01:30', '00:00:02:25']));
    expect(track.cues.map((c) => c.start)).toEqual([1000, 2200, 3000]);
    expect(diagnostics).toEqual([expect.objectContaining({ code: 'ttml/frame-overflow', severity: 'warning', line: 3 })]);
    expect(diagnostics[0]!.message).toMatch(/^`begin="00:00:01:30"` has a frame field of 25 or more; expected 00–24 at `ttp:frameRate="25"`.*\(and 1 more like this\)/);
  });

  it('counts against the default 30 where the document names no rate', () => {
    const { diagnostics } = ttml.parse(doc('', ['00:00:01:29', '00:00:01:30']));
    expect(diagnostics.map((d) => [d.code, d.line])).toEqual([['ttml/frame-overflow', 3]]);
    expect(diagnostics[0]!.message).toContain('expected 00–29 at the default 30 frames a second');
  });

  it('says a sub-frame field past `ttp:subFrameRate` too', () => {
    const { diagnostics } = ttml.parse(doc('ttp:frameRate="25" ttp:subFrameRate="2"', ['00:00:01:10.2']));
    expect(diagnostics.map((d) => [d.code, d.line])).toEqual([['ttml/frame-overflow', 2]]);
    expect(diagnostics[0]!.message).toContain('sub-frame field of 2 or more; expected 0–1 at a `ttp:subFrameRate` of 2');
  });
});
