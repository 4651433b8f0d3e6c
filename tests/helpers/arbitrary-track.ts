import fc from 'fast-check';
import { normalizeLine } from '../../src/model/spans.js';
import type { Cue, Placement, Span, Track } from '../../src/model/track.js';

/** What a format can say; the generator only produces that, so round trips can be exact. */
export interface Expressible {
  italic?: boolean;
  bold?: boolean;
  underline?: boolean;
  /** Colours the format can carry, or none. */
  colors?: readonly string[];
  placements?: readonly Placement[];
  /** Largest time in ms. @default 99 hours */
  maxMs?: number;
}

const WORD_CHARS = [
  ...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789',
  ...'市民热线北京胡同电梯社区书记工单接诉即办',
  ...'éàüßçñ',
  ...'&<>"\'?!,.;:…—«»“”',
];

const word = fc.array(fc.constantFrom(...WORD_CHARS), { minLength: 1, maxLength: 8 }).map((cs) => cs.join(''));

/** Text with single spaces between words and none at the ends: what every format keeps. */
const text = fc.array(word, { minLength: 1, maxLength: 5 }).map((ws) => ws.join(' '));

function arbSpan(can: Expressible): fc.Arbitrary<Span> {
  return fc
    .record({
      text,
      italic: can.italic ? fc.boolean() : fc.constant(false),
      bold: can.bold ? fc.boolean() : fc.constant(false),
      underline: can.underline ? fc.boolean() : fc.constant(false),
      color: can.colors?.length ? fc.option(fc.constantFrom(...can.colors), { nil: undefined }) : fc.constant(undefined),
    })
    .map(({ text: t, italic, bold, underline, color }) => {
      const s: Span = { text: t };
      if (italic) s.italic = true;
      if (bold) s.bold = true;
      if (underline) s.underline = true;
      if (color !== undefined) s.color = color;
      return s;
    });
}

/** Spans of one line, joined by a space so styled runs never glue words together. */
function arbLine(can: Expressible): fc.Arbitrary<Span[]> {
  return fc.array(arbSpan(can), { minLength: 1, maxLength: 3 }).map((spans) =>
    normalizeLine(spans.flatMap((s, i) => (i === 0 ? [s] : [{ text: ' ' }, s]))),
  );
}

export function arbTrack(can: Expressible = {}): fc.Arbitrary<Track> {
  const maxMs = can.maxMs ?? 99 * 3600_000;
  const cue = fc.record({
    start: fc.integer({ min: 0, max: maxMs - 10_000 }),
    duration: fc.integer({ min: 1, max: 10_000 }),
    lines: fc.array(arbLine(can), { minLength: 1, maxLength: 3 }),
    placement: can.placements?.length ? fc.option(fc.constantFrom(...can.placements), { nil: undefined }) : fc.constant(undefined),
  });
  return fc.array(cue, { minLength: 1, maxLength: 20 }).map((raw) => {
    const cues: Cue[] = raw
      .sort((a, b) => a.start - b.start)
      .map((c, i) => {
        const out: Cue = { id: String(i + 1), start: c.start, end: c.start + c.duration, lines: c.lines };
        if (c.placement) out.placement = { ...c.placement };
        return out;
      });
    return { language: 'und', cues, meta: {} };
  });
}

/** The parts of a track that a round trip must keep: times, text, styles, placement. */
export function comparable(track: Track): unknown {
  return track.cues.map((c) => ({ start: c.start, end: c.end, lines: c.lines, placement: c.placement }));
}
