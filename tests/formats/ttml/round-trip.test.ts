import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ttml } from '../../../src/formats/ttml/index.js';
import { parseFrameRate } from '../../../src/model/frame-rate.js';
import type { Track } from '../../../src/model/track.js';
import { arbTrack } from '../../helpers/arbitrary-track.js';
import { expectRoundTrip } from '../../helpers/round-trip.js';
import { assertValid } from '../../helpers/schemas.js';

const EXPRESSIBLE = {
  italic: true,
  bold: true,
  underline: true,
  colors: ['yellow', '#ff0000'],
  placements: [{ vertical: 'top' }, { vertical: 'middle' }, { vertical: 'bottom', horizontal: 'left' }, { vertical: 'top', horizontal: 'right' }],
} as const;

const SCHEMA_FILES = ['ttml2', 'imsc1', 'ttml1'] as const;

function validate(text: string, name: string): void {
  for (const schema of SCHEMA_FILES) assertValid(text, schema, `${name}.ttml`);
}


describe('TTML round trip', () => {
  it('parse(serialize(t)) keeps times, text, styles and placement', () => {
    fc.assert(
      fc.property(arbTrack(EXPRESSIBLE), (track) => {
        expectRoundTrip(ttml, track);
      }),
      { numRuns: 200 },
    );
  });

  it('keeps spacing a reader would collapse (leading, doubled, trailing), marked xml:space="preserve", and stays valid', () => {
    const spaced: Track = { language: 'en', meta: {}, cues: [{ id: '1', start: 1000, end: 2000, lines: [[{ text: '  centred by hand' }], [{ text: 'a  b ' }, { text: 'c', italic: true }]] }, { id: '2', start: 3000, end: 4000, lines: [[{ text: 'plain' }]] }] };
    const text = ttml.serialize(spaced).text;
    expect(text).toContain('<p xml:id="c1" begin="00:00:01.000" end="00:00:02.000" region="r_bottom" xml:space="preserve">');
    expect(text).not.toMatch(/xml:id="c2"[^>]*xml:space/);
    expect(ttml.parse(text).track.cues.map((c) => c.lines)).toEqual(spaced.cues.map((c) => c.lines));
    validate(text, 'spaced');
  });

  it('writes documents that validate against the TTML1, TTML2 and IMSC1 schemas', () => {
    const samples = fc.sample(arbTrack(EXPRESSIBLE), { numRuns: 4, seed: 42 });
    const framed: Track = { ...samples[0]!, frameRate: parseFrameRate('23.976')! };
    const titled: Track = { ...samples[1]!, language: 'zh-Hans', meta: { title: 'Hotline & "Beijing"' }, frameRate: parseFrameRate('25')! };
    const empty: Track = { language: 'en', cues: [], meta: {} };
    [...samples, framed, titled, empty].forEach((track, i) => validate(ttml.serialize(track).text, `sample-${i}`));
  });

  it('writes each cue as one p with a valid xml:id and styles defined once', () => {
    const track: Track = {
      language: 'en',
      meta: {},
      cues: [
        { id: '1', start: 1000, end: 2500, lines: [[{ text: 'a < b & c', italic: true }], [{ text: 'second', color: 'yellow' }]] },
        { id: 'intro', start: 3000, end: 4000, lines: [[{ text: 'top', italic: true }]], placement: { vertical: 'top' } },
        { id: 'intro', start: 5000, end: 6000, lines: [[{ text: 'orange', color: 'orange' }]] },
      ],
    };
    const { text, diagnostics } = ttml.serialize(track);
    expect(text).toContain('<p xml:id="c1" begin="00:00:01.000" end="00:00:02.500" region="r_bottom"><span style="s_italic">a &lt; b &amp; c</span><br/><span style="s_color1">second</span></p>');
    expect(text).toContain('<p xml:id="intro" begin="00:00:03.000" end="00:00:04.000" region="r_top">');
    expect(text).toContain('<p xml:id="intro-2"');
    expect(text.match(/xml:id="s_italic"/g)).toHaveLength(1);
    expect(diagnostics).toMatchObject([{ code: 'ttml/color-dropped', severity: 'warning', cueId: 'intro' }]);
    validate(text, 'handmade');
  });
});
