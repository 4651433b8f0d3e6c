import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dcpSmpte } from '../../../src/formats/dcp/index.js';
import { detectFormat } from '../../../src/formats/index.js';
import { ttml } from '../../../src/formats/ttml/index.js';
import { parseFrameRate } from '../../../src/model/frame-rate.js';
import type { Cue, Track } from '../../../src/model/track.js';
import { arbTrack } from '../../helpers/arbitrary-track.js';
import { expectRoundTrip } from '../../helpers/round-trip.js';
import { cinemaTrack, frameGrid } from './snap.js';
import { validateText } from '../../helpers/schemas.js';

const EXPRESSIBLE = { italic: true, bold: true, underline: true, colors: ['#ffff00'], placements: [{ vertical: 'top' as const }], maxMs: 20 * 3600_000 };
const OPTS = { documentId: 'urn:uuid:6382e2f3-8d75-441a-8324-4d0713549056', issueDate: '2025-01-28T20:47:47Z' };

function track(cues: Cue[], extra: Partial<Track> = {}): Track {
  return { language: 'en', cues, meta: {}, ...extra };
}

const hello: Cue = { id: '1', start: 1000, end: 3000, lines: [[{ text: 'Hello ' }, { text: 'world', italic: true }], [{ text: 'second line' }]] };

describe('SMPTE ST 428-7 writer', () => {
  it('writes the 2014 header, UTF-8 with BOM, and reads back', () => {
    const { text, back } = expectRoundTrip(dcpSmpte, track([hello], { meta: { title: 'Hotline & "Beijing"' }, language: 'zh-Hans' }), { ...OPTS, frameRate: parseFrameRate('25')! });
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(text).toContain('<SubtitleReel xmlns="http://www.smpte-ra.org/schemas/428-7/2014/DCST">');
    expect(text).toContain('<Id>urn:uuid:6382e2f3-8d75-441a-8324-4d0713549056</Id>');
    expect(text).toContain('<IssueDate>2025-01-28T20:47:47Z</IssueDate>');
    expect(text).toContain('<Language>zh-Hans</Language>');
    expect(text).toContain('<EditRate>25 1</EditRate>');
    expect(text).toContain('<TimeCodeRate>25</TimeCodeRate>');
    expect(text).toContain('<StartTime>00:00:00:00</StartTime>');
    expect(text).toMatch(/<LoadFont ID="font1">urn:uuid:[0-9a-f-]{36}<\/LoadFont>/);
    expect(text).toContain('TimeIn="00:00:01:00" TimeOut="00:00:03:00" FadeUpTime="00:00:00:00" FadeDownTime="00:00:00:00"');
    expect(text).toContain('<Text Valign="bottom" Vposition="14.5">Hello <Font Italic="yes">world</Font></Text>');
    expect(text).toContain('<Text Valign="bottom" Vposition="8">second line</Text>');
    expect(back.language).toBe('zh-Hans');
    expect(back.meta.title).toBe('Hotline & "Beijing"');
    expect(back.frameRate).toEqual({ numerator: 25, denominator: 1 });
  });

  it('is deterministic for a given document id and issue date', () => {
    expect(dcpSmpte.serialize(track([hello]), OPTS).text).toBe(dcpSmpte.serialize(track([hello]), OPTS).text);
  });

  it('writes documents that validate against DCDMSubtitle-2014.xsd', () => {
    const samples = fc.sample(arbTrack(EXPRESSIBLE), { numRuns: 4, seed: 7 });
    const styled = track([
      hello,
      { id: 'x', start: 4000, end: 5000, lines: [[{ text: 'all', bold: true, underline: true, color: 'yellow' }]], placement: { vertical: 'top' } },
      { id: 'y', start: 5000, end: 6000, lines: [[{ text: 'side' }]], placement: { vertical: 'middle', horizontal: 'left' } },
    ], { meta: { title: 'a <title> & more' } });
    [...samples, styled].forEach((t, i) => {
      const { text } = dcpSmpte.serialize(t);
      const verdict = validateText(text, 'dcp-smpte-2014', `smpte-${i}.xml`);
      expect(verdict).toEqual({ ok: true, out: '' });
    });
  });

  it.each(['24', '25', '30', '48'])('round-trips times frame-exactly at %s fps', (label) => {
    const rate = parseFrameRate(label)!;
    const [grid, step] = frameGrid(rate);
    fc.assert(
      fc.property(arbTrack(EXPRESSIBLE), (raw) => {
        const { back } = expectRoundTrip(dcpSmpte, cinemaTrack({ ...raw, frameRate: rate }, grid, step), OPTS);
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

  it('reports a cue of 3 lines and still writes it', () => {
    const three: Cue = { id: '7', start: 0, end: 1000, lines: [[{ text: 'one' }], [{ text: 'two' }], [{ text: 'three' }]] };
    const { text, diagnostics } = dcpSmpte.serialize(track([three]), OPTS);
    expect(diagnostics).toEqual([expect.objectContaining({ code: 'dcp/too-many-lines', severity: 'error', cueId: '7' })]);
    expect(text.match(/<Text /g)).toHaveLength(3);
    expect(dcpSmpte.parse(text).track.cues[0]!.lines.map((l) => l[0]!.text)).toEqual(['one', 'two', 'three']);
  });

  it('reports a track without cues, which the schema cannot take', () => {
    const { text, diagnostics } = dcpSmpte.serialize(track([]), OPTS);
    expect(diagnostics).toEqual([expect.objectContaining({ code: 'dcp/no-cues', severity: 'error' })]);
    expect(text).toContain('<SubtitleList>\n  </SubtitleList>');
    expect(dcpSmpte.parse(text)).toMatchObject({ diagnostics: [], track: { cues: [] } });
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
  it('is detected by its root, and TTML detection does not claim it', () => {
    const { text } = dcpSmpte.serialize(track([hello]), OPTS);
    expect(dcpSmpte.detect(text)).toBe(true);
    expect(ttml.detect(text)).toBe(false);
    expect(detectFormat(text.slice(1))?.id).toBe('dcp-smpte');
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
