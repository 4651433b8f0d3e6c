import { describe, expect, it } from 'vitest';
import { webvtt } from '../../../src/formats/webvtt/index.js';
import type { Cue, Track } from '../../../src/model/track.js';

function track(cues: Cue[], extra: Partial<Track> = {}): Track {
  return { language: 'en', cues, meta: {}, ...extra };
}

describe('webvtt writer', () => {
  it('writes the header, hours always, settings, ids only when they are not the position', () => {
    const { text, diagnostics } = webvtt.serialize(
      track([
        { id: '1', start: 1000, end: 2500, lines: [[{ text: 'one' }]], placement: { vertical: 'top' } },
        { id: 'scene-2', start: 360_000_000, end: 360_001_000, lines: [[{ text: 'two' }], [{ text: 'lines' }]], placement: { vertical: 'middle', horizontal: 'left' } },
        { id: '3', start: 0, end: 1, lines: [[{ text: 'x' }]], placement: { vertical: 'bottom', horizontal: 'right' } },
      ]),
    );
    expect(diagnostics).toEqual([]);
    expect(text).toBe(
      'WEBVTT\n\n' +
        '00:00:01.000 --> 00:00:02.500 line:0\none\n\n' +
        'scene-2\n100:00:00.000 --> 100:00:01.000 line:50%,center align:left\ntwo\nlines\n\n' +
        '00:00:00.000 --> 00:00:00.001 align:right\nx\n',
    );
  });

  it('writes styles as tags, colour classes, and a STYLE block for other colours', () => {
    const { text, diagnostics } = webvtt.serialize(
      track([
        {
          id: '1',
          start: 0,
          end: 1000,
          lines: [[{ text: 'a', italic: true, bold: true, underline: true }, { text: 'b', color: 'yellow' }, { text: 'c', color: '#ff0000' }, { text: 'd', color: 'rgb(1,2,3)' }]],
        },
      ]),
    );
    expect(text).toBe(
      'WEBVTT\n\nSTYLE\n::cue(.c_ff0000) { color: #ff0000; }\n\n' +
        '00:00:00.000 --> 00:00:01.000\n<i><b><u>a</u></b></i><c.yellow>b</c><c.c_ff0000>c</c>d\n',
    );
    expect(diagnostics).toEqual([expect.objectContaining({ code: 'vtt/write-color-dropped', severity: 'warning', cueId: '1' })]);
  });

  it('escapes markup characters, so `-->` cannot end up in cue text', () => {
    const { text } = webvtt.serialize(track([{ id: '1', start: 0, end: 1000, lines: [[{ text: 'a --> b & <c>' }]] }]));
    expect(text).toContain('\na --&gt; b &amp; &lt;c&gt;\n');
    expect(webvtt.parse(text).track.cues[0]!.lines).toEqual([[{ text: 'a --> b & <c>' }]]);
  });

  it('leaves out blank lines and ids WebVTT cannot hold, and says so', () => {
    const { text, diagnostics } = webvtt.serialize(
      track([{ id: 'a --> b', start: 0, end: 1000, lines: [[{ text: 'one' }], [], [{ text: 'two' }]] }]),
    );
    expect(text).toBe('WEBVTT\n\n00:00:00.000 --> 00:00:01.000\none\ntwo\n');
    expect(diagnostics.map((d) => d.code)).toEqual(['vtt/write-bad-id', 'vtt/write-blank-line']);
  });

  it('snaps times to the nearest frame of opts.frameRate, else of the track', () => {
    const cue: Cue = { id: '1', start: 1001, end: 2030, lines: [[{ text: 'x' }]] };
    expect(webvtt.serialize(track([cue]), { frameRate: { numerator: 25, denominator: 1 } }).text).toContain('00:00:01.000 --> 00:00:02.040');
    expect(webvtt.serialize(track([cue], { frameRate: { numerator: 24, denominator: 1 } })).text).toContain('00:00:01.000 --> 00:00:02.042');
    expect(webvtt.serialize(track([cue])).text).toContain('00:00:01.001 --> 00:00:02.030');
  });

  it('writes a negative time as zero with a warning', () => {
    const { text, diagnostics } = webvtt.serialize(track([{ id: '1', start: -5, end: 10, lines: [[{ text: 'x' }]] }]));
    expect(text).toContain('00:00:00.000 --> 00:00:00.010');
    expect(diagnostics.map((d) => d.code)).toEqual(['vtt/write-negative-time']);
  });

  it('writes an empty track as a bare header', () => {
    expect(webvtt.serialize(track([])).text).toBe('WEBVTT\n\n');
  });
});
