import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dcpInterop, dcpSmpte } from '../../../src/formats/dcp/index.js';
import { parseFrameRate } from '../../../src/model/frame-rate.js';
import type { Cue, Track } from '../../../src/model/track.js';
import { arbTrack } from '../../helpers/arbitrary-track.js';
import { expectHeaderRoundTrip, expectRoundTrip } from '../../helpers/round-trip.js';
import { cinemaTrack, DCP_EXPRESSIBLE, TICK_GRID } from './snap.js';
import { validateText } from '../../helpers/schemas.js';

const OPTS = { documentId: 'cab5c268-222b-41d2-88ae-6d6999441b17' };

function track(cues: Cue[], extra: Partial<Track> = {}): Track {
  return { language: 'fr', cues, meta: {}, ...extra };
}

const hello: Cue = { id: '1', start: 5792, end: 7460, lines: [[{ text: 'My ' }, { text: 'jacket', italic: true }], [{ text: 'was Idi Amin’s' }]] };

describe('Interop CineCanvas writer', () => {
  it('writes DCSubtitle 1.0 with ticks of 4 ms, and reads back', () => {
    const { text } = expectHeaderRoundTrip(dcpInterop, track([hello], { meta: { title: 'Movie & Title' } }), OPTS);
    expect(text).toBe(`<?xml version="1.0" encoding="UTF-8"?>
<DCSubtitle Version="1.0">
  <SubtitleID>cab5c268-222b-41d2-88ae-6d6999441b17</SubtitleID>
  <MovieTitle>Movie &amp; Title</MovieTitle>
  <ReelNumber>1</ReelNumber>
  <Language>French</Language>
  <LoadFont Id="theFont" URI="font.ttf"/>
  <Font Id="theFont" Size="42" Color="FFFFFFFF" Effect="border" EffectColor="FF000000">
    <Subtitle SpotNumber="1" TimeIn="00:00:05:198" TimeOut="00:00:07:115" FadeUpTime="20" FadeDownTime="20">
      <Text VAlign="bottom" VPosition="16.5">My <Font Italic="yes">jacket</Font></Text>
      <Text VAlign="bottom" VPosition="10">was Idi Amin’s</Text>
    </Subtitle>
  </Font>
</DCSubtitle>
`);
  });

  it('refuses a delivery rate no DCP plays (23.976, 29.97), as the SMPTE writer does, and needs none when not given one', () => {
    for (const label of ['23.976', '29.97', '59.94']) {
      const { text, diagnostics } = dcpInterop.serialize(track([hello]), { ...OPTS, frameRate: parseFrameRate(label)! });
      expect(text, label).toBe('');
      expect(diagnostics, label).toEqual([expect.objectContaining({ code: 'dcp/frame-rate', severity: 'error', message: expect.stringContaining(`${label} fps is not a DCP frame rate`) })]);
    }
    for (const label of ['24', '25', '48']) expect(dcpInterop.serialize(track([hello]), { ...OPTS, frameRate: parseFrameRate(label)! }).diagnostics, label).toEqual([]);
    expect(dcpInterop.serialize(track([hello]), OPTS).diagnostics).toEqual([]);
  });

  it('reports a track without cues, a DCP track that shows nothing, in a document DCSubtitle.v1.mattsson.xsd accepts', () => {
    const { text, diagnostics } = dcpInterop.serialize(track([]));
    expect(diagnostics).toEqual([expect.objectContaining({ code: 'dcp/no-cues', severity: 'error' })]);
    expect(validateText(text, 'dcp-interop-mattsson', 'interop-empty.xml')).toEqual({ ok: true, out: '' });
  });

  it('round-trips times on the 4 ms tick grid, text, styles and placement', () => {
    const [grid, step] = TICK_GRID;
    fc.assert(
      fc.property(arbTrack(DCP_EXPRESSIBLE), (raw) => {
        expectRoundTrip(dcpInterop, cinemaTrack(raw, grid, step), OPTS);
      }),
      { numRuns: 150 },
    );
  });

  it('rounds to the nearest tick and keeps ticks within 0–249', () => {
    const { text } = dcpInterop.serialize(track([{ id: '1', start: 1998, end: 2999, lines: [[{ text: 'a' }]] }]), OPTS);
    expect(text).toContain('TimeIn="00:00:02:000" TimeOut="00:00:03:000"');
  });

  it('puts times on the frames of the rate given (or the track’s), each written as the tick nearest its start, as the SMPTE file has them', () => {
    const cue = { id: '1', start: 1020, end: 3599_992, lines: [[{ text: 'a' }]] };
    const times = (rate: string | undefined, own?: string) => {
      const t = track([cue], own === undefined ? {} : { frameRate: parseFrameRate(own)! });
      return /TimeIn="([^"]+)" TimeOut="([^"]+)"/.exec(dcpInterop.serialize(t, rate === undefined ? OPTS : { ...OPTS, frameRate: parseFrameRate(rate)! }).text)!.slice(1);
    };
    // 1.020 s is frame 24 at 24 fps (1.000 s), frame 26 at 25 (1.040 s), frame 31 at 30 (1.0333 s, tick 8 of 250).
    // 3599.992 s, tick 248 of the last second, is frame 86,400 at 24 fps: 01:00:00.
    expect(times('24')).toEqual(['00:00:01:000', '01:00:00:000']);
    expect(times('25')[0]).toBe('00:00:01:010');
    expect(times('30')[0]).toBe('00:00:01:008');
    expect(times(undefined, '25')[0]).toBe('00:00:01:010');
    // Without a rate, the nearest tick.
    expect(times(undefined)[0]).toBe('00:00:01:005');
  });

  it('maps languages to Interop names and back', () => {
    for (const [tag, name] of [['en', 'English'], ['de', 'German'], ['zh-Hans', 'Chinese (Simplified)'], ['und', 'Unknown'], ['tlh', 'tlh']] as const) {
      const { text } = dcpInterop.serialize(track([hello], { language: tag }), OPTS);
      expect(text).toContain(`<Language>${name}</Language>`);
      expect(dcpInterop.parse(text).track.language).toBe(tag);
    }
  });
});

describe('Interop CineCanvas reader', () => {
  it('reads millisecond times, reports ticks past 249 and unknown language names', () => {
    const xml = `<DCSubtitle Version="1.0"><SubtitleID>x</SubtitleID><MovieTitle>M</MovieTitle><ReelNumber>1</ReelNumber><Language>Klingon</Language>
<Subtitle SpotNumber="1" TimeIn="00:00:01.5" TimeOut="00:00:02:250"><Text VAlign="top" VPosition="89">low on screen</Text></Subtitle></DCSubtitle>`;
    const { track: t, diagnostics } = dcpInterop.parse(xml, { language: 'en' });
    expect(diagnostics.map((d) => [d.code, d.line])).toEqual([['dcp/unknown-language', 1], ['dcp/tick-overflow', 2]]);
    expect(t.language).toBe('en');
    // VAlign top at 89 % is near the bottom of the screen: the default placement.
    expect(t.cues).toEqual([{ id: '1', start: 1500, end: 3000, lines: [[{ text: 'low on screen' }]] }]);
  });
});

describe('an Interop subtitle with lines at the top and at the bottom', () => {
  const doc = (texts: string) =>
    `<?xml version="1.0" encoding="UTF-8"?>\n<DCSubtitle Version="1.0"><SubtitleID>cab5c268-222b-41d2-88ae-6d6999441b17</SubtitleID><MovieTitle>M</MovieTitle><ReelNumber>1</ReelNumber><Language>English</Language><Font Id="f" Size="42">\n<Subtitle SpotNumber="1" TimeIn="00:00:01:000" TimeOut="00:00:02:000">${texts}</Subtitle>\n</Font></DCSubtitle>`;

  it('is read as two cues with its times, each in its place, and says so', () => {
    const { track, diagnostics } = dcpInterop.parse(doc('<Text VAlign="top" VPosition="10">Sign at the top</Text><Text VAlign="bottom" VPosition="10">Dialogue at the bottom</Text>'));
    expect(track.cues).toEqual([
      { id: '1', start: 1000, end: 2000, lines: [[{ text: 'Sign at the top' }]], placement: { vertical: 'top' } },
      { id: '1~2', start: 1000, end: 2000, lines: [[{ text: 'Dialogue at the bottom' }]] },
    ]);
    expect(diagnostics.map((d) => [d.code, d.severity, d.line, d.cueId])).toEqual([['dcp/split-subtitle', 'info', 3, '1']]);
  });

  it('keeps a mid-screen line apart from the dialogue under it or the sign over it, and says so, where it was moved to their edge', () => {
    const middle = dcpInterop.parse(doc('<Text VAlign="center" VPosition="0">PEKING, 7 AM</Text><Text VAlign="bottom" VPosition="8">Hello, this is 12345.</Text>'));
    expect(middle.track.cues).toEqual([
      { id: '1', start: 1000, end: 2000, lines: [[{ text: 'PEKING, 7 AM' }]], placement: { vertical: 'middle' } },
      { id: '1~2', start: 1000, end: 2000, lines: [[{ text: 'Hello, this is 12345.' }]] },
    ]);
    expect(middle.diagnostics.map((d) => [d.code, d.severity, d.line, d.cueId])).toEqual([['dcp/split-subtitle', 'info', 3, '1']]);
    expect(middle.diagnostics[0]!.message).toBe('the subtitle holds lines in the middle and at the bottom of the screen, which one cue cannot place; read as 2 cues with its times: `1` in the middle, `1~2` at the bottom');

    const three = dcpInterop.parse(doc('<Text VAlign="bottom" VPosition="8">Dialogue</Text><Text VAlign="center" VPosition="0">Label</Text><Text VAlign="top" VPosition="10">Sign</Text>'));
    expect(three.track.cues.map((c) => [c.id, c.lines[0]![0]!.text, c.placement?.vertical ?? 'bottom'])).toEqual([
      ['1', 'Sign', 'top'],
      ['1~2', 'Label', 'middle'],
      ['1~3', 'Dialogue', 'bottom'],
    ]);

    // Written again, each line keeps its row: the label stays centred, not at the dialogue's edge.
    const written = dcpSmpte.serialize(middle.track, { frameRate: parseFrameRate('24')! }).text;
    expect(written).toMatch(/Valign="center"[^>]*>PEKING, 7 AM</);
    expect(written).toMatch(/Valign="bottom"[^>]*>Hello, this is 12345\.</);
  });

  it('stays one cue when a line `Valign="top"` stands low on the screen, in the dialogue’s row', () => {
    const { track, diagnostics } = dcpInterop.parse(doc('<Text VAlign="top" VPosition="84">One</Text><Text VAlign="bottom" VPosition="8">Two</Text>'));
    expect(track.cues.map((c) => [c.id, c.lines.length, c.placement])).toEqual([['1', 2, undefined]]);
    expect(diagnostics).toEqual([]);
  });

  it('stays one cue when its lines are all at the bottom', () => {
    const { track, diagnostics } = dcpInterop.parse(doc('<Text VAlign="bottom" VPosition="16">One</Text><Text VAlign="bottom" VPosition="10">Two</Text>'));
    expect(track.cues.map((c) => [c.id, c.lines.length, c.placement])).toEqual([['1', 2, undefined]]);
    expect(diagnostics).toEqual([]);
  });
});
