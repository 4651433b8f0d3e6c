import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dcpInterop, dcpSmpte } from '../../../src/formats/dcp/index.js';
import { detectFormat } from '../../../src/formats/index.js';
import { parse } from '../../../src/formats/parse.js';
import { validateFile } from '../../helpers/schemas.js';

const corpus = resolve(process.cwd(), '../shared/corpus');

const SMPTE = [
  'cth103-libdcp/data/subtitles_with_vZani.xml',
  'cth103-libdcp/data/subtitles_with_vZani_parsed.xml',
  'cth103-libdcp/data/verify_incorrect_closed_caption_ordering3.xml',
  'cth103-libdcp/data/verify_incorrect_closed_caption_ordering4.xml',
];
const INTEROP = [
  'cth103-libdcp/data/empty_but_with_children.xml',
  'cth103-libdcp/data/empty_with_empty_children.xml',
  'cth103-libdcp/data/ruby1.xml',
  'cth103-libdcp/data/subs1.xml',
  'cth103-libdcp/data/subs2.xml',
  'cth103-libdcp/data/subs3.xml',
  'cth103-libdcp/data/subs4.xml',
  'cth103-libdcp/data/subs5.xml',
  'cth103-libdcp/ref/write_interop_subtitle_test3/subs.xml',
  'cth103-libsub/data/test1.xml',
  'cth103-libsub/data/test2.xml',
  'cth103-libsub/data/test3.xml',
];

/**
 * Files the Interop schema rejects on purpose or by neglect (schemas/README.md).
 * Their subtitles are still well-formed and readable, so they read without
 * errors too; what is odd about them is a warning.
 */
const SCHEMA_INVALID: Record<string, string> = {
  'cth103-libdcp/data/ruby1.xml': '`Rt` Size/Offset/Spacing without the `em` unit',
  'cth103-libdcp/data/subs2.xml': '`SubtitleID` "notusedforthstest" is not a UUID; `Language` before `MovieTitle`',
  'cth103-libsub/data/test2.xml': 'the same header as libdcp subs2.xml',
  'cth103-libsub/data/test3.xml': 'the same header as libdcp subs2.xml',
};

function read(file: string): string {
  return readFileSync(join(corpus, file), 'utf8');
}

describe('DCP files of the corpus', () => {
  it.each(SMPTE)('%s is detected as SMPTE and read without errors', (file) => {
    const text = read(file);
    expect(detectFormat(text)?.id).toBe('dcp-smpte');
    const { diagnostics } = dcpSmpte.parse(text);
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it.each(INTEROP)('%s is detected as Interop and read without errors', (file) => {
    const text = read(file);
    expect(detectFormat(text)?.id).toBe('dcp-interop');
    const { diagnostics } = dcpInterop.parse(text);
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('lists exactly the Interop files the schema rejects', () => {
    const rejected = INTEROP.filter((file) => !validateFile(join(corpus, file), 'dcp-interop-mattsson').ok);
    expect(rejected).toEqual(Object.keys(SCHEMA_INVALID));
  });

  it('goes through the public parse from bytes', () => {
    for (const file of [...SMPTE, ...INTEROP]) {
      const { track } = parse(readFileSync(join(corpus, file)), { fileName: file });
      expect(track.meta.sourceFormat).toBe(SMPTE.includes(file) ? 'dcp-smpte' : 'dcp-interop');
    }
  });

  it('reads the SMPTE vZani file: header, rate, edit-unit times', () => {
    const { track } = dcpSmpte.parse(read('cth103-libdcp/data/subtitles_with_vZani.xml'));
    expect(track.language).toBe('en');
    expect(track.meta.title).toBe('Stereoscopic Subtitles: timeline01');
    expect(track.frameRate).toEqual({ numerator: 24, denominator: 1 });
    expect(track.cues).toHaveLength(13);
    expect(track.cues[0]).toEqual({ id: '1', start: 10_000, end: 15_000, lines: [[{ text: 'subtitle - position 0 - subtitle' }]] });
  });

  it('orders lines top to bottom by Valign and Vposition', () => {
    const bottom = dcpSmpte.parse(read('cth103-libdcp/data/verify_incorrect_closed_caption_ordering4.xml')).track.cues[0]!;
    expect(bottom.lines.map((l) => l[0]!.text)).toEqual(['This', 'is', 'fine, though.']);
    expect(bottom.start).toBe(4000);
    expect(bottom.end).toBe(12_500);
    // Centre-aligned positions count down from the middle, so the last line written is the top one.
    const centre = dcpSmpte.parse(read('cth103-libdcp/data/verify_incorrect_closed_caption_ordering3.xml')).track.cues[0]!;
    expect(centre.lines.map((l) => l[0]!.text)).toEqual(['also not fine', 'is', 'This']);
    expect(centre.placement).toEqual({ vertical: 'middle' });
  });

  it('reads Interop styles, nested fonts and tick times (libdcp subs1.xml)', () => {
    const { track } = dcpInterop.parse(read('cth103-libdcp/data/subs1.xml'));
    expect(track.language).toBe('fr');
    expect(track.meta.title).toBe('Movie Title');
    expect(track.cues.map((c) => [c.id, c.start, c.end])).toEqual([
      ['1', 5792, 7460],
      ['2', 7708, 11_124],
      ['3', 11_376, 13_252],
      ['4', 13_416, 15_708],
    ]);
    expect(track.cues[0]!.lines).toEqual([[{ text: "My jacket was Idi Amin's" }]]);
    expect(track.cues[1]!.lines).toEqual([[{ text: "My corset was H.M. The Queen's", italic: true }], [{ text: 'My large wonderbra' }]]);
    expect(track.cues[3]!.lines).toEqual([[{ text: "And these are Roy Hattersley's jeans", bold: true, underline: true }]]);
  });

  it('reads mixed italics inside a line and skips what has no text', () => {
    expect(dcpInterop.parse(read('cth103-libdcp/data/empty_but_with_children.xml')).track.cues[0]!.lines).toEqual([
      [{ text: 'This' }, { text: ' is ', italic: true }, { text: 'wrong.' }],
    ]);
    const images = dcpInterop.parse(read('cth103-libdcp/data/subs3.xml'));
    expect(images.track.cues).toEqual([]);
    expect(images.diagnostics).toEqual([expect.objectContaining({ code: 'dcp/image-subtitle', severity: 'warning', line: 2 })]);
    expect(dcpInterop.parse(read('cth103-libdcp/data/subs5.xml')).diagnostics).toEqual([expect.objectContaining({ code: 'dcp/empty-subtitle', severity: 'info' })]);
  });

  it('reads VAlign="top" at 89–95 % as the bottom of the screen (libdcp subs2.xml)', () => {
    const { track } = dcpInterop.parse(read('cth103-libdcp/data/subs2.xml'));
    expect(track.cues).toHaveLength(11);
    expect(track.cues[0]).toEqual({
      id: '1',
      start: 41_248,
      end: 43_208,
      lines: [[{ text: 'At afternoon tea with John Peel', italic: true }], [{ text: 'I enquired if his accent was real', italic: true }]],
    });
  });
});
