import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ebuttd } from '../../../src/formats/ebu-tt-d/index.js';
import { detectFormat, formatById } from '../../../src/formats/index.js';
import { framesToMs, msToFrames, parseFrameRate } from '../../../src/model/frame-rate.js';
import type { FrameRate, Track } from '../../../src/model/track.js';
import { arbTrack, comparable } from '../../helpers/arbitrary-track.js';
import { assertValid } from '../../helpers/schemas.js';

const EXPRESSIBLE = {
  italic: true,
  bold: true,
  underline: true,
  colors: ['#ffff00'],
  placements: [{ vertical: 'top' }, { vertical: 'bottom', horizontal: 'left' }],
} as const;

const SHARED = join(process.cwd(), '..', 'shared');
const SAMPLES = join(SHARED, 'corpus', 'irt-ebu-tt-d-application-samples', 'ttml');


function rate(label: string): FrameRate {
  const r = parseFrameRate(label);
  if (!r) throw new Error(`bad rate ${label}`);
  return r;
}

/** What the writer makes of a track at a frame rate: times on the grid, each cue at least one frame long. */
function onGrid(track: Track, r: FrameRate): Track {
  return {
    ...track,
    cues: track.cues.map((c) => {
      const first = msToFrames(c.start, r);
      return { ...c, start: framesToMs(first, r), end: framesToMs(Math.max(first + 1, msToFrames(c.end, r)), r) };
    }),
  };
}

/** The TTML reader joins paragraphs with the same times into one subtitle (Netflix writes a line a `p`), so such tracks cannot round-trip cue for cue. */
function distinctTimes(track: Track): boolean {
  return new Set(track.cues.map((c) => `${c.start}-${c.end}`)).size === track.cues.length;
}

describe('EBU-TT-D writer', () => {
  it('writes documents valid against ebutt_d.xsd that read back to the same cues', () => {
    fc.assert(
      fc.property(arbTrack(EXPRESSIBLE), (track) => {
        fc.pre(distinctTimes(track));
        const out = ebuttd.serialize(track);
        expect(out.diagnostics).toEqual([]);
        assertValid(out.text, 'ebu-tt-d');
        const back = ebuttd.parse(out.text);
        expect(back.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
        expect(comparable(back.track)).toEqual(comparable(track));
      }),
      { numRuns: 40 },
    );
  });

  it.each(['23.976', '24', '25', '29.97', '30'])('snaps every time to the nearest frame at %s fps, and a frame-exact track survives write → read → write', (label) => {
    const r = rate(label);
    fc.assert(
      fc.property(arbTrack({ ...EXPRESSIBLE, maxMs: 10 * 3600_000 }), (track) => {
        fc.pre(distinctTimes(onGrid(track, r)));
        const out = ebuttd.serialize(track, { frameRate: r });
        expect(out.diagnostics.every((d) => d.code === 'ebu-tt-d/extended-to-frame')).toBe(true);
        assertValid(out.text, 'ebu-tt-d');
        const back = ebuttd.parse(out.text).track;
        expect(comparable(back)).toEqual(comparable(onGrid(track, r)));
        expect(ebuttd.serialize(back, { frameRate: r }).text).toBe(out.text);
      }),
      { numRuns: 10 },
    );
  });

  it('records the frame rate as authoredFrameRate, and never writes frames or ttp:frameRate', () => {
    const track: Track = { language: 'en', meta: {}, frameRate: rate('29.97'), cues: [{ id: '1', start: 1000, end: 2000, lines: [[{ text: 'a' }]] }] };
    const { text } = ebuttd.serialize(track);
    expect(text).toContain('<ebuttm:authoredFrameRate>30</ebuttm:authoredFrameRate>');
    expect(text).toContain('<ebuttm:authoredFrameRateMultiplier>1000 1001</ebuttm:authoredFrameRateMultiplier>');
    expect(text).not.toContain('ttp:frameRate');
    expect(text).toContain('begin="00:00:01.001" end="00:00:02.002"');
  });

  it('writes a cue that snaps to nothing one frame long, and says so', () => {
    const track: Track = { language: 'en', meta: {}, cues: [{ id: '7', start: 1000, end: 1010, lines: [[{ text: 'a' }]] }] };
    const out = ebuttd.serialize(track, { frameRate: rate('25') });
    expect(out.text).toContain('begin="00:00:01.000" end="00:00:01.040"');
    expect(out.diagnostics.map((d) => [d.code, d.severity, d.cueId])).toEqual([['ebu-tt-d/extended-to-frame', 'warning', '7']]);
  });

  it('writes TTML colour names as hex, drops other names and control characters with a warning', () => {
    const track: Track = {
      language: 'fr',
      meta: { title: 'Titre & <co>' },
      cues: [
        { id: '1', start: 0, end: 1000, lines: [[{ text: 'jaune', color: 'yellow' }]] },
        { id: '2', start: 1000, end: 2000, lines: [[{ text: 'rebecca', color: 'rebeccapurple' }, { text: ' bell\u0007', italic: true }]] },
      ],
    };
    const out = ebuttd.serialize(track);
    assertValid(out.text, 'ebu-tt-d');
    expect(out.text).toContain('tts:color="#ffff00"');
    expect(out.diagnostics.map((d) => [d.code, d.cueId])).toEqual([
      ['ebu-tt-d/color-dropped', '2'],
      ['ebu-tt-d/control-chars-dropped', '2'],
    ]);
    const back = ebuttd.parse(out.text).track;
    expect(back.meta.title).toBe('Titre & <co>');
    expect(back.cues.map((c) => c.lines)).toEqual([[[{ text: 'jaune', color: '#ffff00' }]], [[{ text: 'rebecca' }, { text: ' bell', italic: true }]]]);
  });

  it('warns of dark text, which the black box behind every subtitle hides', () => {
    const track: Track = {
      language: 'en',
      meta: {},
      cues: [
        { id: 'sign', start: 0, end: 1000, lines: [[{ text: 'NO ENTRY', color: 'black' }]] },
        { id: 'grey', start: 1000, end: 2000, lines: [[{ text: 'dim', color: '#303030' }, { text: ' and bright', color: 'yellow' }]] },
        { id: 'light', start: 2000, end: 3000, lines: [[{ text: 'grey enough', color: '#808080' }]] },
      ],
    };
    expect(ebuttd.serialize(track).diagnostics.map((d) => [d.code, d.cueId])).toEqual([
      ['ebu-tt-d/dark-on-box', 'sign'],
      ['ebu-tt-d/dark-on-box', 'grey'],
    ]);
  });

  it('writes a track without cues as a valid document without a body', () => {
    const out = ebuttd.serialize({ language: 'zh-Hans', meta: {}, cues: [] });
    assertValid(out.text, 'ebu-tt-d');
    expect(out.text).not.toContain('<body');
    expect(ebuttd.parse(out.text).track.cues).toEqual([]);
  });

  it('writes middle and right placements through regions and alignment styles', () => {
    const track: Track = {
      language: 'en',
      meta: {},
      cues: [
        { id: '1', start: 0, end: 1000, lines: [[{ text: 'middle' }]], placement: { vertical: 'middle' } },
        { id: '2', start: 1000, end: 2000, lines: [[{ text: 'right' }]], placement: { vertical: 'top', horizontal: 'right' } },
      ],
    };
    const out = ebuttd.serialize(track);
    assertValid(out.text, 'ebu-tt-d');
    expect(ebuttd.parse(out.text).track.cues.map((c) => c.placement)).toEqual([{ vertical: 'middle' }, { vertical: 'top', horizontal: 'right' }]);
  });
});

describe('EBU-TT-D adapter', () => {
  it('is in the table but left to the TTML adapter for detection', () => {
    const text = ebuttd.serialize({ language: 'en', meta: {}, cues: [{ id: '1', start: 0, end: 1000, lines: [[{ text: 'a' }]] }] }).text;
    expect(formatById('ebu-tt-d')).toBe(ebuttd);
    expect(ebuttd.detect(text)).toBe(false);
    expect(detectFormat(text)?.id).toBe('ttml');
    expect(detectFormat('', 'x.xml')?.id).toBe('ttml');
  });

  it('reads every IRT EBU-TT-D application sample without an error', () => {
    const files = readdirSync(SAMPLES);
    expect(files.length).toBeGreaterThan(60);
    for (const f of files) {
      const { track, diagnostics } = ebuttd.parse(readFileSync(join(SAMPLES, f), 'utf8'));
      expect(diagnostics.filter((d) => d.severity === 'error'), f).toEqual([]);
      expect(track.cues.length, f).toBeGreaterThan(0);
    }
  });
});

describe('EBU-TT-D spacing', () => {
  it('keeps spacing a reader would collapse, marked xml:space="preserve", valid against ebutt_d.xsd', () => {
    const track: Track = { language: 'fr', meta: {}, cues: [{ id: '1', start: 0, end: 1000, lines: [[{ text: '  deux  espaces' }]] }] };
    const out = ebuttd.serialize(track);
    expect(out.text).toContain('xml:space="preserve"><span style="s_text">  deux  espaces</span></p>');
    assertValid(out.text, 'ebu-tt-d');
    expect(ebuttd.parse(out.text).track.cues[0]!.lines).toEqual(track.cues[0]!.lines);
  });
});
