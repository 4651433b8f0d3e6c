import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dcpInterop, dcpSmpte } from '../../../src/formats/dcp/index.js';
import { detectFormat } from '../../../src/formats/index.js';
import { ttml } from '../../../src/formats/ttml/index.js';
import type { Cue, Track } from '../../../src/model/track.js';
import { arbTrack } from '../../helpers/arbitrary-track.js';
import { validateText } from '../../helpers/schemas.js';
import { DCP_EXPRESSIBLE } from './snap.js';

function track(cues: Cue[], extra: Partial<Track> = {}): Track {
  return { language: 'en', cues, meta: {}, ...extra };
}

const hello: Cue = { id: '1', start: 1000, end: 3000, lines: [[{ text: 'Hello ' }, { text: 'world', italic: true }], [{ text: 'second line' }]] };

/** What both DCP writers do alike: each row the format, its schema, and a document id of the form it takes. */
describe.each([
  ['Interop CineCanvas', { format: dcpInterop, schema: 'dcp-interop-mattsson' as const, opts: { documentId: 'cab5c268-222b-41d2-88ae-6d6999441b17' } }],
  ['SMPTE ST 428-7', { format: dcpSmpte, schema: 'dcp-smpte-2014' as const, opts: { documentId: 'urn:uuid:6382e2f3-8d75-441a-8324-4d0713549056', issueDate: '2025-01-28T20:47:47Z', frameRate: { numerator: 24, denominator: 1 } } }],
])('%s', (_name, { format, schema, opts }) => {
  it('writes documents that validate against its schema', () => {
    const samples = fc.sample(arbTrack(DCP_EXPRESSIBLE), { numRuns: 4, seed: 7 });
    const styled = track([
      hello,
      { id: 'x', start: 4000, end: 5000, lines: [[{ text: 'all', bold: true, underline: true, color: 'yellow' }]], placement: { vertical: 'top' } },
      { id: 'y', start: 5000, end: 6000, lines: [[{ text: 'left' }]], placement: { vertical: 'middle', horizontal: 'left' } },
      { id: 'z', start: 6000, end: 6500, lines: [[{ text: 'right' }]], placement: { vertical: 'middle', horizontal: 'right' } },
    ], { language: 'zh-Hans', meta: { title: 'a <title> & more' } });
    [...samples, styled].forEach((t, i) => {
      expect(validateText(format.serialize(t).text, schema, `${format.id}-${i}.xml`)).toEqual({ ok: true, out: '' });
    });
  });

  it('warns of cues on screen at once in one row, which a DCP draws over each other; not of cues in other rows or back to back', () => {
    const line = (text: string) => [[{ text }]];
    const cues: Cue[] = [
      { id: 'a', start: 1000, end: 4000, lines: line('first speaker') },
      { id: 'b', start: 3000, end: 5000, lines: line('second speaker') },
      { id: 'sign', start: 3500, end: 4500, lines: line('a sign'), placement: { vertical: 'top' } },
      { id: 'c', start: 5000, end: 6000, lines: line('next, back to back') },
    ];
    const overprinted = format.serialize(track(cues), opts).diagnostics.filter((d) => d.code === 'dcp/overprinted');
    expect(overprinted).toEqual([expect.objectContaining({ severity: 'warning', cueId: 'b', message: expect.stringContaining('cue `a` is still on screen, in the same place (bottom)') })]);
  });

  it('judges cues on screen at once by their times, not by their order in the file, and says each pair once', () => {
    const line = (text: string) => [[{ text }]];
    const apart: Cue[] = [
      { id: '1', start: 10_000, end: 12_000, lines: line('second in time') },
      { id: '2', start: 1000, end: 3000, lines: line('first in time') },
    ];
    expect(format.serialize(track(apart), opts).diagnostics).toEqual([]);
    const together: Cue[] = [
      { id: 'late', start: 2000, end: 4000, lines: line('listed first, starts second') },
      { id: 'early', start: 1000, end: 3000, lines: line('listed second, starts first') },
    ];
    const overprinted = format.serialize(track(together), opts).diagnostics.filter((d) => d.code === 'dcp/overprinted');
    expect(overprinted).toEqual([expect.objectContaining({ cueId: 'late', message: expect.stringContaining('cue `early` is still on screen') })]);
  });

  it('warns of dark text, which the black border of every subtitle swallows', () => {
    const cues: Cue[] = [
      { id: 'sign', start: 1000, end: 2000, lines: [[{ text: 'NO ENTRY', color: 'black' }]] },
      { id: 'light', start: 2000, end: 3000, lines: [[{ text: 'yellow', color: 'yellow' }]] },
    ];
    expect(format.serialize(track(cues), opts).diagnostics.map((d) => [d.code, d.cueId])).toEqual([['dcp/dark-on-border', 'sign']]);
  });

  it('refuses a track that ends at or past 24:00:00:00, where DCP timecodes wrap, and writes nothing', () => {
    const day = 24 * 3_600_000;
    const late = (end: number): Track => track([hello, { id: 'late', start: end - 2000, end, lines: [[{ text: 'too late' }]] }]);
    const refused = format.serialize(late(100 * 3_600_000), opts);
    expect(refused.text).toBe('');
    expect(refused.diagnostics).toEqual([expect.objectContaining({ code: 'dcp/past-day', severity: 'error', cueId: 'late' })]);
    expect(refused.diagnostics[0]!.message).toMatch(/^cue late ends at 100:00:00[:.]000?, at or past 24:00:00:00; expected every time before 24:00:00:00, where DCP timecodes wrap; nothing was written/);
    expect(format.serialize(late(day), opts).text).toBe('');
    // Rounded to the last frame before the day at 24 fps, to the last tick in Interop.
    const last = format.serialize(late(day - 30), opts);
    expect(last.diagnostics).toEqual([]);
    expect(format.parse(last.text).track.cues).toHaveLength(2);
  });

  it('reports a cue of 3 lines and still writes it', () => {
    const three: Cue = { id: '7', start: 0, end: 1000, lines: [[{ text: 'one' }], [{ text: 'two' }], [{ text: 'three' }]] };
    const { text, diagnostics } = format.serialize(track([three]), opts);
    expect(diagnostics).toEqual([expect.objectContaining({ code: 'dcp/too-many-lines', severity: 'error', cueId: '7' })]);
    expect(text.match(/<Text /g)).toHaveLength(3);
    expect(format.parse(text).track.cues[0]!.lines.map((l) => l[0]!.text)).toEqual(['one', 'two', 'three']);
  });

  it('reads back a no-break or ideographic space at the ends of a line, which is text, not the layout of the file', () => {
    const spaced: Cue = { id: '1', start: 1000, end: 3000, lines: [[{ text: '\u00a0nbsp' }], [{ text: '\u3000全角\u3000' }]] };
    const { text } = format.serialize(track([spaced]), opts);
    expect(format.parse(text).track.cues[0]!.lines.map((l) => l[0]!.text)).toEqual(['\u00a0nbsp', '\u3000全角\u3000']);
  });

  it('is detected by its root, and TTML detection does not claim it', () => {
    const { text } = format.serialize(track([hello]), opts);
    expect(format.detect(text)).toBe(true);
    expect(ttml.detect(text)).toBe(false);
    // What detection is given is decoded text: without the byte order mark SMPTE writes.
    expect(detectFormat(text.replace(/^\ufeff/, ''))?.id).toBe(format.id);
  });
});

describe('right-to-left text in a DCP', () => {
  const rtl = track(
    [
      { id: '1', start: 1000, end: 3000, lines: [[{ text: 'اتصل بالرقم' }], [{ text: '12345.', italic: true }]] },
      { id: '2', start: 4000, end: 5000, lines: [[{ text: 'שלום' }]], placement: { vertical: 'top', horizontal: 'right' } },
      // By its first letter, as WebVTT and SRT players show it: left to right.
      { id: '3', start: 6000, end: 7000, lines: [[{ text: 'DNA هو الحمض النووي.' }]] },
    ],
    { language: 'ar' },
  );
  const textTags = (text: string): string[] => text.match(/<Text [^>]*>/g) ?? [];

  it('SMPTE says every line of a right-to-left cue is Direction="rtl", valid against its schema, and reads back the same cues', () => {
    const opts = { documentId: 'urn:uuid:6382e2f3-8d75-441a-8324-4d0713549056', issueDate: '2025-01-28T20:47:47Z', frameRate: { numerator: 24, denominator: 1 } };
    const { text, diagnostics } = dcpSmpte.serialize(rtl, opts);
    expect(diagnostics).toEqual([]);
    expect(textTags(text).map((t) => t.includes(' Direction="rtl"'))).toEqual([true, true, true, false]);
    expect(validateText(text, 'dcp-smpte-2014', 'rtl.xml')).toEqual({ ok: true, out: '' });
    expect(dcpSmpte.parse(text).track.cues.map((c) => [c.lines, c.placement])).toEqual(rtl.cues.map((c) => [c.lines, c.placement]));
  });

  it('Interop, which has no right-to-left attribute, writes the same cues without one, valid against both community schemas', () => {
    const { text, diagnostics } = dcpInterop.serialize(rtl, { documentId: 'cab5c268-222b-41d2-88ae-6d6999441b17' });
    expect(diagnostics).toEqual([]);
    expect(text).not.toContain('Direction');
    for (const schema of ['dcp-interop', 'dcp-interop-mattsson'] as const) expect(validateText(text, schema, 'rtl.xml')).toEqual({ ok: true, out: '' });
  });
});
