import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { srt } from '../../../src/formats/srt/index.js';
import type { Cue, Track } from '../../../src/model/track.js';
import { arbTrack, comparable } from '../../helpers/arbitrary-track.js';

function track(cues: Cue[], extra: Partial<Track> = {}): Track {
  return { language: 'und', cues, meta: {}, ...extra };
}

function cue(start: number, end: number, lines: Cue['lines'], extra: Partial<Cue> = {}): Cue {
  return { id: 'x', start, end, lines, ...extra };
}

describe('srt writer', () => {
  it('writes numbers from 1, HH:MM:SS,mmm and a blank line between cues', () => {
    const { text, diagnostics } = srt.serialize(
      track([cue(1000, 2500, [[{ text: 'Hello' }], [{ text: 'world' }]], { id: '7' }), cue(3_723_004, 3_724_000, [[{ text: 'Bye' }]])]),
    );
    expect(text).toBe('1\n00:00:01,000 --> 00:00:02,500\nHello\nworld\n\n2\n01:02:03,004 --> 01:02:04,000\nBye\n');
    expect(diagnostics).toEqual([]);
  });

  it('writes an empty track as an empty text', () => {
    expect(srt.serialize(track([])).text).toBe('');
  });

  it('writes times past 24 hours and past 100 hours without wrapping', () => {
    const { text } = srt.serialize(track([cue(25 * 3_600_000 + 1, 25 * 3_600_000 + 2, [[{ text: 'a' }]]), cue(123 * 3_600_000 + 59_999, 123 * 3_600_000 + 61_000, [[{ text: 'b' }]])]));
    expect(text).toContain('25:00:00,001 --> 25:00:00,002');
    expect(text).toContain('123:00:59,999 --> 123:01:01,000');
    expect(srt.parse(text).track.cues.map((c) => [c.start, c.end])).toEqual([
      [25 * 3_600_000 + 1, 25 * 3_600_000 + 2],
      [123 * 3_600_000 + 59_999, 123 * 3_600_000 + 61_000],
    ]);
  });

  it('nests tags properly and closes them at the end of each line', () => {
    const { text } = srt.serialize(
      track([
        cue(0, 1000, [
          [
            { text: 'a', italic: true },
            { text: 'b', italic: true, bold: true },
            { text: 'c', bold: true, color: 'yellow' },
            { text: 'd', underline: true },
          ],
          [{ text: 'e', color: '#ff0000', italic: true }],
        ]),
      ]),
    );
    expect(text.split('\n').slice(2, 4)).toEqual(['<i>a<b>b</b></i><font color="yellow"><b>c</b></font><u>d</u>', '<font color="#ff0000"><i>e</i></font>']);
  });

  it.each([
    [{ vertical: 'top' } as const, '{\\an8}'],
    [{ vertical: 'top', horizontal: 'left' } as const, '{\\an7}'],
    [{ vertical: 'middle' } as const, '{\\an5}'],
    [{ vertical: 'middle', horizontal: 'right' } as const, '{\\an6}'],
    [{ vertical: 'bottom', horizontal: 'left' } as const, '{\\an1}'],
    [{ vertical: 'bottom', horizontal: 'right' } as const, '{\\an3}'],
    [{ vertical: 'bottom', horizontal: 'center' } as const, ''],
  ])('writes placement %j as `%s` before the first line', (placement, tag) => {
    const { text } = srt.serialize(track([cue(0, 1000, [[{ text: 'a' }], [{ text: 'b' }]], { placement })]));
    expect(text).toBe(`1\n00:00:00,000 --> 00:00:01,000\n${tag}a\nb\n`);
  });

  it('escapes only what would read back as markup', () => {
    const plain = 'a < b, 1<2, <3, Tom & Jerry, &c, {curly}';
    const ambiguous = '<b>not bold</b> &amp; &#39; {\\an8} {i}';
    const { text } = srt.serialize(track([cue(0, 1000, [[{ text: plain }], [{ text: ambiguous }]])]));
    expect(text.split('\n')[2]).toBe(plain);
    expect(text.split('\n')[3]).toBe('&lt;b>not bold&lt;/b> &amp;amp; &amp;#39; &#123;\\an8} &#123;i}');
    const back = srt.parse(text);
    expect(back.diagnostics).toEqual([]);
    expect(back.track.cues[0]?.lines).toEqual([[{ text: plain }], [{ text: ambiguous }]]);
  });

  it('hides a text line that would read as a timing line', () => {
    const lines = [[{ text: '00:00:05,000 --> 00:00:06,000' }], [{ text: '12:30 -> 13:00' }]];
    const { text } = srt.serialize(track([cue(0, 1000, lines)]));
    const back = srt.parse(text);
    expect(back.diagnostics).toEqual([]);
    expect(back.track.cues).toHaveLength(1);
    expect(back.track.cues[0]?.lines).toEqual(lines);
  });

  it('drops blank lines of a cue with a warning, since they would end the cue', () => {
    const { text, diagnostics } = srt.serialize(track([cue(0, 1000, [[{ text: 'a' }], [], [{ text: '  ' }], [{ text: 'b' }]], { id: 'c1' })]));
    expect(text).toBe('1\n00:00:00,000 --> 00:00:01,000\na\nb\n');
    expect(diagnostics.map((d) => [d.code, d.severity, d.cueId])).toEqual([
      ['srt/blank-line-dropped', 'warning', 'c1'],
      ['srt/blank-line-dropped', 'warning', 'c1'],
    ]);
  });

  it('drops a line of any white space `trim` knows, and keeps a line that only starts with it', () => {
    const spaces = ['\t', '\u00a0', '\u1680', '\u2007', '\u202f', '\u205f', '\u3000', '\ufeff'];
    const lines = [...spaces.map((s) => [{ text: `${s}${s}` }]), [{ text: '\u3000中文' }], [{ text: '\u00a0b' }]];
    const { text, diagnostics } = srt.serialize(track([cue(0, 1000, lines, { id: 'c1' })]));
    expect(text).toBe('1\n00:00:00,000 --> 00:00:01,000\n\u3000中文\n\u00a0b\n');
    expect(diagnostics).toHaveLength(spaces.length);
  });

  it('writes a placed line that would read as a timing line after its tag, and reads it back', () => {
    const t = track([cue(0, 1000, [[{ text: '00:00:05,000 --> 00:00:06,000' }]], { id: '1', placement: { vertical: 'top' } })]);
    const { text } = srt.serialize(t);
    expect(text).toBe('1\n00:00:00,000 --> 00:00:01,000\n{\\an8}00:00:05,000 --> 00:00:06,000\n');
    const back = srt.parse(text);
    expect(back.diagnostics).toEqual([]);
    expect(comparable(back.track)).toEqual(comparable(t));
  });

  it('keeps the placement of a cue without text', () => {
    const t = track([cue(0, 1000, [], { placement: { vertical: 'top' } }), cue(2000, 3000, [[{ text: 'b' }]])]);
    const back = srt.parse(srt.serialize(t).text).track;
    expect(comparable(back)).toEqual(comparable(t));
  });

  it('snaps times to the nearest frame of opts.frameRate, else of the track', () => {
    const t = track([cue(1010, 2030, [[{ text: 'a' }]])]);
    expect(srt.serialize(t, { frameRate: { numerator: 25, denominator: 1 } }).text).toContain('00:00:01,000 --> 00:00:02,040');
    expect(srt.serialize({ ...t, frameRate: { numerator: 24000, denominator: 1001 } }).text).toContain('00:00:01,001 --> 00:00:02,044');
    expect(srt.serialize(t).text).toContain('00:00:01,010 --> 00:00:02,030');
  });

  it('keeps a frame-exact time at 23.976, 24, 25, 29.97 and 30 fps', () => {
    for (const [numerator, denominator] of [[24000, 1001], [24, 1], [25, 1], [30000, 1001], [30, 1]] as const) {
      const rate = { numerator, denominator };
      const frameMs = (f: number) => Math.round((f * denominator * 1000) / numerator);
      const t = track([cue(frameMs(86_399), frameMs(86_400 + 17), [[{ text: 'a' }]])], { frameRate: rate });
      const back = srt.parse(srt.serialize(t).text).track.cues[0];
      expect([back?.start, back?.end]).toEqual([t.cues[0]?.start, t.cues[0]?.end]);
    }
  });

  it('moves an end that snaps onto its start one frame later', () => {
    const { text, diagnostics } = srt.serialize(track([cue(1000, 1010, [[{ text: 'a' }]], { id: 'q' })]), { frameRate: { numerator: 25, denominator: 1 } });
    expect(text).toContain('00:00:01,000 --> 00:00:01,040');
    expect(diagnostics.map((d) => [d.code, d.cueId])).toEqual([['srt/duration-extended', 'q']]);
  });
});

describe('srt round trip', () => {
  it('parse(serialize(t)) equals t for everything SRT can express', () => {
    const arb = arbTrack({
      italic: true,
      bold: true,
      underline: true,
      colors: ['yellow', '#ff0000'],
      placements: [{ vertical: 'top' }, { vertical: 'middle' }, { vertical: 'bottom', horizontal: 'left' }, { vertical: 'top', horizontal: 'right' }],
    });
    fc.assert(
      fc.property(arb, (t) => {
        const written = srt.serialize(t);
        expect(written.diagnostics).toEqual([]);
        const back = srt.parse(written.text);
        expect(back.diagnostics).toEqual([]);
        expect(comparable(back.track)).toEqual(comparable(t));
      }),
      { numRuns: 300 },
    );
  });
});
