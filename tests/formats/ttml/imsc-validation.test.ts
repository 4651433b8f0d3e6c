import { createRequire } from 'node:module';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ebuttd } from '../../../src/formats/ebu-tt-d/index.js';
import { ttml } from '../../../src/formats/ttml/index.js';
import type { FormatAdapter } from '../../../src/formats/types.js';
import { framesToMs, msToFrames, parseFrameRate } from '../../../src/model/frame-rate.js';
import { cueText } from '../../../src/model/spans.js';
import type { FrameRate, Track } from '../../../src/model/track.js';
import { arbTrack, comparable, type Expressible } from '../../helpers/arbitrary-track.js';
import { assertValid, type SchemaName } from '../../helpers/schemas.js';

/** imscJS's error handler: a callback returning true would make it throw; ours only records. */
interface ErrorHandler {
  info(msg: string): void;
  warn(msg: string): void;
  error(msg: string): boolean;
  fatal(msg: string): void;
}
interface ImscDocument {
  getMediaTimeEvents(): number[];
}
interface IsdNode {
  kind: string;
  text?: string;
  contents?: IsdNode[];
  styleAttrs?: Record<string, string>;
}
interface ImscDoc {
  fromXML(xml: string, errorHandler: ErrorHandler): ImscDocument | null;
}
interface ImscIsd {
  generateISD(doc: ImscDocument, offset: number, errorHandler: ErrorHandler): { contents: IsdNode[] };
}

// imsc's main entry touches `navigator` when it loads, which Node 20 lacks; its parts load cleanly on their own.
const require = createRequire(import.meta.url);
const imscDoc = require('imsc/src/main/js/doc.js') as ImscDoc;
const imscIsd = require('imsc/src/main/js/isd.js') as ImscIsd;

function recorder(): { handler: ErrorHandler; problems: string[] } {
  const problems: string[] = [];
  return {
    problems,
    handler: {
      info: () => {},
      warn: (msg) => void problems.push(`warn: ${msg}`),
      error: (msg) => {
        problems.push(`error: ${msg}`);
        return false;
      },
      fatal: (msg) => void problems.push(`fatal: ${msg}`),
    },
  };
}

/** The text of every paragraph an ISD shows, `<br>` as a line feed. */
function shownParagraphs(nodes: readonly IsdNode[], out: string[] = []): string[] {
  for (const n of nodes) {
    if (n.kind === 'p') out.push(paragraphText(n.contents ?? []));
    else shownParagraphs(n.contents ?? [], out);
  }
  return out;
}

function paragraphText(nodes: readonly IsdNode[]): string {
  return nodes.map((n) => (n.kind === 'br' ? '\n' : n.text !== undefined ? n.text : paragraphText(n.contents ?? []))).join('');
}

/** Cue times as the writers put them on a frame grid; every cue of the tracks below lasts a frame or more. */
function expectedTimes(track: Track, rate: FrameRate | undefined): [number, number][] {
  return track.cues.map((c) => (rate ? [framesToMs(msToFrames(c.start, rate), rate), framesToMs(msToFrames(c.end, rate), rate)] : [c.start, c.end]));
}

function lastsAFrame(track: Track, rate: FrameRate | undefined): boolean {
  return rate === undefined || track.cues.every((c) => msToFrames(c.end, rate) > msToFrames(c.start, rate));
}

/** imscJS reads the document without complaint, changes the picture exactly at our cue times, and shows each cue's text from its start. */
function checkWithImsc(adapter: FormatAdapter, track: Track, rate: FrameRate | undefined): void {
  const text = adapter.serialize(track, rate ? { frameRate: rate } : {}).text;
  const { handler, problems } = recorder();
  const doc = imscDoc.fromXML(text, handler);
  expect(problems, text).toEqual([]);
  expect(doc).not.toBeNull();
  const events = doc!.getMediaTimeEvents();

  const times = expectedTimes(track, rate);
  const ours = [...new Set(times.flat())].sort((a, b) => a - b);
  // imscJS always lists 0, the document's start, whether or not a cue begins there.
  const theirs = events.filter((t) => t !== 0 || ours[0] === 0);
  expect(theirs.length).toBe(ours.length);
  theirs.forEach((t, i) => expect(Math.abs(t * 1000 - ours[i]!)).toBeLessThanOrEqual(1));

  track.cues.forEach((cue, i) => {
    const begin = theirs[ours.indexOf(times[i]![0])]!;
    const isd = imscIsd.generateISD(doc!, begin, handler);
    expect(problems).toEqual([]);
    expect(shownParagraphs(isd.contents)).toContain(cueText(cue));
  });
}

const RATES: Record<string, FrameRate | undefined> = {
  media: undefined,
  '24': parseFrameRate('24'),
  '25': parseFrameRate('25'),
  '23.976': parseFrameRate('23.976'),
  '29.97': parseFrameRate('29.97'),
};

const KINDS: Record<string, Expressible> = {
  plain: {},
  styled: { italic: true, bold: true, underline: true, colors: ['#ffff00', 'yellow', '#ff000080'] },
  placed: { placements: [{ vertical: 'top' }, { vertical: 'middle' }, { vertical: 'bottom', horizontal: 'left' }, { vertical: 'top', horizontal: 'right' }] },
};

const ADAPTERS = { 'IMSC 1.1 (TTML adapter)': ttml, 'EBU-TT-D': ebuttd };

describe('imscJS reads what subloc writes', () => {
  for (const [adapterName, adapter] of Object.entries(ADAPTERS)) {
    for (const [kind, can] of Object.entries(KINDS)) {
      for (const [rateName, rate] of Object.entries(RATES)) {
        it(`${adapterName}, ${kind} cues, ${rateName === 'media' ? 'media times' : `${rateName} fps`}`, () => {
          const tracks = arbTrack({ ...can, maxMs: 10 * 3600_000 }).filter((t) => lastsAFrame(t, rate));
          fc.assert(fc.property(tracks, (track) => checkWithImsc(adapter, track, rate)), { numRuns: 8 });
        });
      }
    }
  }
});

describe('frame-based IMSC', () => {
  const track: Track = {
    language: 'en',
    meta: {},
    cues: [
      { id: '1', start: 1001, end: 2002, lines: [[{ text: 'one' }]] },
      { id: '2', start: 3600_000 + 41, end: 3600_000 + 1043, lines: [[{ text: 'two' }]] },
    ],
  };

  it('writes HH:MM:SS:FF at whole rates and frame counts at 1000/1001 rates', () => {
    expect(ttml.serialize(track, { frameRate: RATES['25']! }).text).toContain('begin="00:00:01:00" end="00:00:02:00"');
    expect(ttml.serialize(track, { frameRate: RATES['24']! }).text).toContain('begin="01:00:00:01" end="01:00:01:01"');
    const ntsc = ttml.serialize(track, { frameRate: RATES['23.976']! }).text;
    expect(ntsc).toContain('ttp:frameRate="24" ttp:frameRateMultiplier="1000 1001"');
    expect(ntsc).toContain('begin="24f" end="48f"');
  });

  it.each(['24', '25', '23.976', '29.97'])('imscJS and the TTML reader read the frame times at %s fps to the same seconds', (label) => {
    const rate = RATES[label]!;
    const text = ttml.serialize(track, { frameRate: rate }).text;
    const { handler, problems } = recorder();
    const events = imscDoc.fromXML(text, handler)!.getMediaTimeEvents();
    expect(problems).toEqual([]);
    const ours = ttml.parse(text).track.cues.flatMap((c) => [c.start, c.end]);
    expect(ours).toEqual(expectedTimes(track, rate).flat());
    const theirs = events.filter((t) => t !== 0);
    expect(theirs).toHaveLength(ours.length);
    theirs.forEach((t, i) => {
      expect(Math.abs(t * 1000 - ours[i]!)).toBeLessThanOrEqual(1);
      // Exactly on a frame: imscJS counts seconds, the frame index is whole.
      expect(Math.abs(t * (rate.numerator / rate.denominator) - Math.round(t * (rate.numerator / rate.denominator)))).toBeLessThan(1e-6);
    });
  });
});

describe('right-to-left paragraphs', () => {
  const DIRECTION = 'http://www.w3.org/ns/ttml#styling direction';
  const TEXT_ALIGN = 'http://www.w3.org/ns/ttml#styling textAlign';
  const cue = (id: string, start: number, text: string, placement?: Track['cues'][number]['placement']): Track['cues'][number] => ({
    id,
    start,
    end: start + 1000,
    lines: [[{ text }]],
    ...(placement ? { placement } : {}),
  });
  const track: Track = {
    language: 'ar',
    meta: {},
    cues: [
      cue('1', 1000, 'اتصل بالرقم 12345.'),
      cue('2', 3000, 'שלום, מה שלומך?', { vertical: 'top', horizontal: 'right' }),
      // Base direction by the first letter, as WebVTT and SRT players show the same cue: these two read left to right.
      cue('3', 5000, 'DNA هو الحمض النووي.'),
      cue('4', 7000, '12345'),
      { id: '5', start: 9000, end: 10000, lines: [[{ text: '«' }, { text: 'نعم', italic: true }, { text: '»' }], [{ text: 'OK' }]] },
    ],
  };
  const cases: [string, FormatAdapter, SchemaName[]][] = [
    ['IMSC 1.1 (TTML adapter)', ttml, ['ttml2', 'imsc1', 'ttml1']],
    ['EBU-TT-D', ebuttd, ['ebu-tt-d']],
  ];

  it.each(cases)('%s states the direction imscJS lays each paragraph out in, stays valid and reads back the same cues', (_name, adapter, schemas) => {
    const { text, diagnostics } = adapter.serialize(track);
    expect(diagnostics).toEqual([]);
    for (const schema of schemas) assertValid(text, schema, `rtl-${adapter.id}.xml`);

    const { handler, problems } = recorder();
    const doc = imscDoc.fromXML(text, handler)!;
    const shown = track.cues.map((c) => {
      const p = paragraphs(imscIsd.generateISD(doc, c.start / 1000, handler).contents)[0]!;
      return [p.styleAttrs?.[DIRECTION], p.styleAttrs?.[TEXT_ALIGN]];
    });
    expect(problems).toEqual([]);
    // imscJS computes `right` as `end` and renders it on the right edge, by the region's writing mode (lrtb), not the paragraph's direction.
    expect(shown).toEqual([
      ['rtl', 'center'],
      ['rtl', 'end'],
      ['ltr', 'center'],
      ['ltr', 'center'],
      ['rtl', 'center'],
    ]);
    expect(comparable(adapter.parse(text).track)).toEqual(comparable(track));
  });
});

function paragraphs(nodes: readonly IsdNode[], out: IsdNode[] = []): IsdNode[] {
  for (const n of nodes) {
    if (n.kind === 'p') out.push(n);
    else paragraphs(n.contents ?? [], out);
  }
  return out;
}
