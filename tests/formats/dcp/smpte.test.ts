import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dcpSmpte } from '../../../src/formats/dcp/index.js';
import { parseFrameRate } from '../../../src/model/frame-rate.js';
import type { Cue, Track } from '../../../src/model/track.js';
import { arbTrack } from '../../helpers/arbitrary-track.js';
import { expectHeaderRoundTrip, expectRoundTrip } from '../../helpers/round-trip.js';
import { cinemaTrack, DCP_EXPRESSIBLE, frameGrid } from './snap.js';

const OPTS = { documentId: 'urn:uuid:6382e2f3-8d75-441a-8324-4d0713549056', issueDate: '2025-01-28T20:47:47Z', frameRate: { numerator: 24, denominator: 1 } };

function track(cues: Cue[], extra: Partial<Track> = {}): Track {
  return { language: 'en', cues, meta: {}, ...extra };
}

const hello: Cue = { id: '1', start: 1000, end: 3000, lines: [[{ text: 'Hello ' }, { text: 'world', italic: true }], [{ text: 'second line' }]] };

describe('SMPTE ST 428-7 writer', () => {
  it('writes the 2014 header, UTF-8 with BOM, and reads back', () => {
    const { text, back } = expectHeaderRoundTrip(dcpSmpte, track([hello], { meta: { title: 'Hotline & "Beijing"' }, language: 'zh-Hans' }), { ...OPTS, frameRate: parseFrameRate('25')! });
    expect(text).toBe(`\ufeff<?xml version="1.0" encoding="UTF-8"?>
<SubtitleReel xmlns="http://www.smpte-ra.org/schemas/428-7/2014/DCST">
  <Id>urn:uuid:6382e2f3-8d75-441a-8324-4d0713549056</Id>
  <ContentTitleText>Hotline &amp; "Beijing"</ContentTitleText>
  <IssueDate>2025-01-28T20:47:47Z</IssueDate>
  <ReelNumber>1</ReelNumber>
  <Language>zh-Hans</Language>
  <EditRate>25 1</EditRate>
  <TimeCodeRate>25</TimeCodeRate>
  <StartTime>00:00:00:00</StartTime>
  <LoadFont ID="font1">urn:uuid:cb57c013-c7f9-5ed4-b7aa-aac11739f757</LoadFont>
  <SubtitleList>
    <Font ID="font1" Size="42" Color="FFFFFFFF" Effect="border" EffectColor="FF000000">
      <Subtitle SpotNumber="1" TimeIn="00:00:01:00" TimeOut="00:00:03:00" FadeUpTime="00:00:00:00" FadeDownTime="00:00:00:00">
        <Text Valign="bottom" Vposition="14.5">Hello <Font Italic="yes">world</Font></Text>
        <Text Valign="bottom" Vposition="8">second line</Text>
      </Subtitle>
    </Font>
  </SubtitleList>
</SubtitleReel>
`);
    expect(back.frameRate).toEqual({ numerator: 25, denominator: 1 });
  });

  it('is deterministic for a given document id and issue date', () => {
    expect(dcpSmpte.serialize(track([hello]), OPTS).text).toBe(dcpSmpte.serialize(track([hello]), OPTS).text);
  });

  it.each(['24', '25', '30', '48'])('round-trips times frame-exactly at %s fps', (label) => {
    const rate = parseFrameRate(label)!;
    const [grid, step] = frameGrid(rate);
    fc.assert(
      fc.property(arbTrack(DCP_EXPRESSIBLE), (raw) => {
        const { back } = expectRoundTrip(dcpSmpte, cinemaTrack({ ...raw, frameRate: rate }, grid, step), { ...OPTS, frameRate: rate });
        expect(back.frameRate).toEqual(rate);
      }),
      { numRuns: 60 },
    );
  });

  it('rounds to the nearest frame and never writes a frame field equal to the rate', () => {
    // 999 ms at 24 fps is frame 23.976, the nearest frame is the next second.
    const { text } = dcpSmpte.serialize(track([{ id: '1', start: 999, end: 1979, lines: [[{ text: 'a' }]] }]), OPTS);
    expect(text).toContain('TimeIn="00:00:01:00" TimeOut="00:00:01:23"');
    const frames = [...text.matchAll(/Time(?:In|Out)="\d\d:\d\d:\d\d:(\d+)"/g)].map((m) => Number(m[1]));
    expect(frames.every((f) => f < 24)).toBe(true);
  });

  it('refuses 23.976 with an error naming the DCP rates', () => {
    const { text, diagnostics } = dcpSmpte.serialize(track([hello]), { frameRate: parseFrameRate('23.976')! });
    expect(text).toBe('');
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ code: 'dcp/frame-rate', severity: 'error' });
    expect(diagnostics[0]!.message).toContain('23.976');
    expect(diagnostics[0]!.message).toContain('24, 25, 30, 48, 50 or 60');
    expect(dcpSmpte.serialize(track([hello], { frameRate: parseFrameRate('29.97')! })).diagnostics[0]!.code).toBe('dcp/frame-rate');
  });

  it('reports a track without cues, which the schema cannot take', () => {
    const { text, diagnostics } = dcpSmpte.serialize(track([]), OPTS);
    expect(diagnostics).toEqual([expect.objectContaining({ code: 'dcp/no-cues', severity: 'error' })]);
    expect(text).toContain('<SubtitleList>\n  </SubtitleList>');
    expect(dcpSmpte.parse(text)).toMatchObject({ diagnostics: [], track: { cues: [] } });
  });

  it('says the rate it assumed when neither the track nor the caller gives one', () => {
    const { frameRate: _, ...unrated } = OPTS;
    const { text, diagnostics } = dcpSmpte.serialize(track([{ id: '1', start: 0, end: 1000, lines: [[{ text: 'x' }]] }]), unrated);
    expect(text).toContain('<EditRate>24 1</EditRate>');
    expect(diagnostics).toEqual([expect.objectContaining({ code: 'dcp/rate-assumed', severity: 'warning', message: expect.stringContaining('written at 24 fps') })]);
    expect(dcpSmpte.serialize(track([{ id: '1', start: 0, end: 1000, lines: [[{ text: 'x' }]] }], { frameRate: { numerator: 25, denominator: 1 } }), unrated).diagnostics).toEqual([]);
  });

  it('reports what it cannot write', () => {
    const t = track([
      { id: 'a', start: 0, end: 1000, lines: [[{ text: 'x', color: 'rebeccapurple' }]] },
      { id: 'b', start: 2000, end: 2010, lines: [[{ text: 'flash' }]] },
      { id: 'c', start: 3000, end: 4000, lines: [] },
    ]);
    const { diagnostics } = dcpSmpte.serialize(t, { ...OPTS, documentId: 'nope' });
    expect(diagnostics.map((d) => [d.code, d.cueId])).toEqual([
      ['dcp/bad-document-id', undefined],
      ['dcp/color-dropped', 'a'],
      ['dcp/too-short', 'b'],
      ['dcp/empty-cue', 'c'],
    ]);
  });
});

describe('SMPTE ST 428-7 reader', () => {
  it('is detected by its root with any namespace prefix, and not by an Interop root', () => {
    expect(dcpSmpte.detect('<?xml version="1.0"?>\n<dcst:SubtitleReel xmlns:dcst="x"/>')).toBe(true);
    expect(dcpSmpte.detect('<DCSubtitle Version="1.0"/>')).toBe(false);
  });

  it('reads nested styles, colours, positions and top placement', () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<SubtitleReel xmlns="http://www.smpte-ra.org/schemas/428-7/2010/DCST">
  <Id>urn:uuid:fc754ec1-eb8d-4029-8023-80d7dadc6313</Id><ContentTitleText>T</ContentTitleText><IssueDate>2021-10-24T00:23:49</IssueDate>
  <Language>fr</Language><EditRate>25 1</EditRate><TimeCodeRate>25</TimeCodeRate><StartTime>00:00:00:00</StartTime>
  <SubtitleList><Font Italic="yes" Color="FFFFFFFF">
    <Subtitle SpotNumber="12" TimeIn="00:00:01:05" TimeOut="00:00:02:00">
      <Text Valign="top" Vposition="14.5">second</Text>
      <Text Valign="top" Vposition="8"><Font Italic="no">first </Font><Font Weight="bold" Underline="yes" Color="FFFF0000">red</Font></Text>
    </Subtitle>
  </Font></SubtitleList>
</SubtitleReel>`;
    const { track: t, diagnostics } = dcpSmpte.parse(xml);
    expect(diagnostics).toEqual([]);
    expect(t.language).toBe('fr');
    expect(t.cues).toEqual([
      {
        id: '12',
        start: 1200,
        end: 2000,
        lines: [[{ text: 'first ' }, { text: 'red', italic: true, bold: true, underline: true, color: '#ff0000' }], [{ text: 'second', italic: true }]],
        placement: { vertical: 'top' },
      },
    ]);
  });

  it('says a vertical line (Direction="ttb") and a ruby were laid out across, keeping their text', () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<SubtitleReel xmlns="http://www.smpte-ra.org/schemas/428-7/2014/DCST">
  <Language>ja</Language><EditRate>24 1</EditRate><TimeCodeRate>24</TimeCodeRate>
  <SubtitleList>
    <Subtitle SpotNumber="1" TimeIn="00:00:01:00" TimeOut="00:00:02:00">
      <Text Direction="ttb" Halign="right" Hposition="10">縦書き</Text>
    </Subtitle>
    <Subtitle SpotNumber="2" TimeIn="00:00:03:00" TimeOut="00:00:04:00">
      <Text><Ruby><Rb>漢字</Rb><Rt>かんじ</Rt></Ruby></Text>
    </Subtitle>
  </SubtitleList>
</SubtitleReel>`;
    const { track: t, diagnostics } = dcpSmpte.parse(xml);
    expect(t.cues.map((c) => c.lines[0]![0]!.text)).toEqual(['縦書き', '漢字']);
    expect(diagnostics.map((d) => [d.code, d.severity, d.line])).toEqual([
      ['dcp/vertical-dropped', 'info', 5],
      ['dcp/ruby-dropped', 'info', 8],
    ]);
  });

  it('reports a frame field at the rate, a bad time and DTD entities', () => {
    const head = '<SubtitleReel xmlns="http://www.smpte-ra.org/schemas/428-7/2014/DCST"><EditRate>24 1</EditRate><TimeCodeRate>24</TimeCodeRate><SubtitleList>';
    const overflow = dcpSmpte.parse(`${head}<Subtitle TimeIn="00:00:00:24" TimeOut="00:00:02:00"><Text Valign="bottom" Vposition="8">a</Text></Subtitle></SubtitleList></SubtitleReel>`);
    expect(overflow.diagnostics.map((d) => d.code)).toEqual(['dcp/frame-overflow']);
    expect(overflow.track.cues[0]!.start).toBe(1000);
    const bad = dcpSmpte.parse(`${head}<Subtitle TimeIn="1.5s" TimeOut="00:00:02:00"><Text>a</Text></Subtitle></SubtitleList></SubtitleReel>`);
    expect(bad.diagnostics).toEqual([expect.objectContaining({ code: 'dcp/bad-time', severity: 'error', line: 1 })]);
    expect(bad.track.cues).toEqual([]);
    const entities = dcpSmpte.parse('<!DOCTYPE r [<!ENTITY a "aaaa">]>\n<SubtitleReel/>');
    expect(entities.diagnostics).toEqual([expect.objectContaining({ code: 'dcp/doctype-entities', severity: 'error' })]);
    expect(dcpSmpte.parse('<SubtitleReel><Id>').diagnostics[0]!.severity).toBe('error');
    expect(dcpSmpte.parse('<DCSubtitle Version="1.0"/>').diagnostics).toEqual([expect.objectContaining({ code: 'dcp/wrong-root', line: 1 })]);
  });
});

describe('SMPTE numbers too large to count in', () => {
  const huge = '9'.repeat(400);
  const reel = (rates: string, timeOut: string): string =>
    `<?xml version="1.0" encoding="UTF-8"?>\n<SubtitleReel xmlns="http://www.smpte-ra.org/schemas/428-7/2014/DCST">\n${rates}\n<SubtitleList><Font>\n<Subtitle SpotNumber="1" TimeIn="00:00:01:00" TimeOut="${timeOut}"><Text>one</Text></Subtitle>\n<Subtitle SpotNumber="2" TimeIn="00:00:03:00" TimeOut="00:00:04:00"><Text>two</Text></Subtitle>\n</Font></SubtitleList></SubtitleReel>`;
  const RATES = '<EditRate>24 1</EditRate><TimeCodeRate>24</TimeCodeRate>';

  it('drops a subtitle whose frame field has no finite count, as a bad time with its line', () => {
    const { track, diagnostics } = dcpSmpte.parse(reel(RATES, `00:00:02:${huge}`));
    expect(diagnostics.map((d) => [d.code, d.line])).toEqual([['dcp/bad-time', 5]]);
    expect(track.cues.map((c) => [c.id, c.start, c.end])).toEqual([['2', 3000, 4000]]);
  });

  it('counts at the edit rate when the TimeCodeRate is too large to count in, and says so', () => {
    const { track, diagnostics } = dcpSmpte.parse(reel(`<EditRate>25 1</EditRate><TimeCodeRate>${huge}</TimeCodeRate>`, '00:00:02:00'));
    expect(diagnostics.map((d) => [d.code, d.line])).toEqual([['dcp/no-time-code-rate', 3]]);
    expect(track.cues.map((c) => [c.start, c.end])).toEqual([[1000, 2000], [3000, 4000]]);
  });

  it('reports a subtitle that ends before it starts as an error, naming its cue and line (nothing converts it), and one that ends as it starts as a warning', () => {
    const { track, diagnostics } = dcpSmpte.parse(reel(RATES, '00:00:00:12'));
    expect(diagnostics.map((d) => [d.code, d.severity, d.line, d.cueId])).toEqual([['dcp/end-before-start', 'error', 5, '1']]);
    expect(track.cues.map((c) => [c.id, c.start, c.end])).toEqual([['1', 1000, 500], ['2', 3000, 4000]]);
    const still = dcpSmpte.parse(reel(RATES, '00:00:01:00')).diagnostics;
    expect(still.map((d) => [d.code, d.severity, d.line, d.cueId])).toEqual([['dcp/no-duration', 'warning', 5, '1']]);
  });
});
