import type { Cue, Span } from '../../model/track.js';
import type { ParseOptions, ParseResult } from '../types.js';
import { CueText } from './cue-text.js';
import { LineSource } from './line-source.js';
import { messages } from './messages.js';
import { Reporter } from './reporter.js';
import {
  ARROW_VARIANT,
  DECIMAL_POINT,
  FIELD_OVERFLOW,
  FIELD_WIDTH,
  looksLikeTiming,
  MAX_HOURS,
  NO_FRACTION,
  NO_HOURS,
  parseTiming,
  SHORT_FRACTION,
  SHORT_HOURS,
  type Timing,
  type TimingError,
} from './timing.js';

// What the reader expects next.
const BETWEEN = 0; // a cue number or timing line, after blank lines
const TEXT = 1; // text of the current cue
const SKIP = 2; // the rest of a block whose cue was dropped

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0xa0;
}

function isBlank(line: string): boolean {
  if (line.length === 0) return true;
  const c = line.charCodeAt(0);
  // Only a line that starts with white space can be all white space.
  return (c <= 0x20 || c === 0xa0 || c === 0x3000 || c === 0xfeff || (c >= 0x2000 && c <= 0x200a)) && line.trim() === '';
}

/** The digits of a cue-number line, or undefined when the line is anything else. */
function indexText(line: string): string | undefined {
  let a = 0;
  let b = line.length;
  while (a < b && isSpace(line.charCodeAt(a))) a++;
  while (b > a && isSpace(line.charCodeAt(b - 1))) b--;
  if (a === b) return undefined;
  for (let i = a; i < b; i++) {
    const c = line.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return undefined;
  }
  return a === 0 && b === line.length ? line : line.slice(a, b);
}

function startsLikeTime(line: string): boolean {
  let i = 0;
  while (i < line.length && isSpace(line.charCodeAt(i))) i++;
  const c = line.charCodeAt(i);
  return (c >= 0x30 && c <= 0x39) || c === 0x2d;
}

function trimEnd(line: string): string {
  const c = line.charCodeAt(line.length - 1);
  return c <= 0x20 || c === 0xa0 || c === 0x3000 ? line.trimEnd() : line;
}

/**
 * One pass over the lines with a three-state machine, recovering the way
 * Subtitle Edit does: a timing line (with or without its number) starts a
 * cue wherever it appears; a blank line ends the text unless more text
 * follows before the next cue number or timing line.
 */
class SrtReader {
  readonly report = new Reporter();
  readonly cues: Cue[] = [];
  private state = BETWEEN;
  // The current cue, built into one object literal at its end: nearly every
  // cue is one or two plain lines, kept as strings until then, which saves
  // most of the allocation work on 100,000-cue files.
  private cueId = '';
  private cueStart = 0;
  private cueEnd = 0;
  /** Input line (1-based) of the current cue's timing line. */
  private cueLine = 0;
  private first: string | undefined;
  private second: string | undefined;
  /** The lines once the cue is more than two plain lines. */
  private lines: Span[][] | undefined;
  private markup: CueText | undefined;
  /** The last cue number read, or the one a missing number stood for. */
  private lastIndex: number | undefined;

  constructor(private readonly rows: LineSource) {}

  run(): void {
    const rows = this.rows;
    for (let i = 0; ; i++) {
      const line = rows.get(i);
      if (line === undefined) break;
      rows.release(i);
      if (this.state === TEXT) i = this.textLine(line, i);
      else if (isBlank(line)) this.state = BETWEEN;
      else if (this.state === SKIP) i = this.skipLine(line, i);
      else i = this.blockStart(line, i);
    }
    if (this.state === TEXT) this.endCue();
  }

  /** Each handler returns the row of the last line it consumed. */
  private textLine(line: string, i: number): number {
    const rows = this.rows;
    if (isBlank(line)) {
      let j = i + 1;
      let ahead = rows.get(j);
      while (ahead !== undefined && isBlank(ahead)) ahead = rows.get(++j);
      if (ahead === undefined || this.startsBlock(j)) {
        this.endCue();
        this.state = BETWEEN;
        return j - 1;
      }
      const lines = this.general();
      if (lines.length === 0) {
        this.report.add(messages.blankLineAfterTiming(), { line: i + 1, cueId: this.cueId });
      } else {
        this.report.add(messages.blankLineInText(), { line: i + 1, cueId: this.cueId });
        for (let k = i; k < j; k++) lines.push([]);
      }
      return j - 1;
    }
    if (startsLikeTime(line)) {
      const index = indexText(line);
      if (index !== undefined) {
        const next = rows.get(i + 1);
        const t = next === undefined ? undefined : parseTiming(next);
        if (t?.ok) {
          this.report.add(messages.missingBlankLine(line), { line: i + 1, cueId: this.cueId });
          this.endCue();
          this.startCue(t, i + 1, index, i, true);
          return i + 1;
        }
      } else {
        const t = parseTiming(line);
        if (t.ok) {
          this.report.add(messages.missingBlankLine(line), { line: i + 1, cueId: this.cueId });
          this.endCue();
          this.startCue(t, i, undefined, i, true);
          return i;
        }
        if (looksLikeTiming(line)) {
          this.endCue();
          this.timingError(t, i);
          this.state = SKIP;
          return i;
        }
      }
    }
    this.addText(line, i);
    return i;
  }

  /** After blank lines: does row `j` begin a new cue rather than continue the text? */
  private startsBlock(j: number): boolean {
    const line = this.rows.get(j)!;
    if (indexText(line) !== undefined || looksLikeTiming(line)) return true;
    if (startsLikeTime(line) && parseTiming(line).ok) return true;
    const next = this.rows.get(j + 1);
    return next !== undefined && startsLikeTime(next) && parseTiming(next).ok;
  }

  private skipLine(line: string, i: number): number {
    const index = indexText(line);
    if (index !== undefined) {
      const next = this.rows.get(i + 1);
      const t = next === undefined ? undefined : parseTiming(next);
      if (t?.ok) {
        this.startCue(t, i + 1, index, i, false);
        return i + 1;
      }
      return i;
    }
    if (startsLikeTime(line)) {
      const t = parseTiming(line);
      if (t.ok) this.startCue(t, i, undefined, i, false);
    }
    return i;
  }

  private blockStart(line: string, i: number): number {
    const rows = this.rows;
    const next = rows.get(i + 1);
    const index = indexText(line);
    if (index !== undefined) {
      if (next === undefined || isBlank(next)) {
        let j = i + 1;
        let ahead = rows.get(j);
        while (ahead !== undefined && isBlank(ahead)) ahead = rows.get(++j);
        this.report.add(ahead === undefined ? messages.unexpectedEnd(index) : messages.strayNumber(index), { line: i + 1 });
        return i;
      }
      const t = parseTiming(next);
      if (t.ok) {
        this.startCue(t, i + 1, index, i, false);
        return i + 1;
      }
      this.noteIndex(index, i);
      if (looksLikeTiming(next)) this.timingError(t, i + 1);
      else this.report.add(messages.missingTiming(index, next), { line: i + 2 });
      this.state = SKIP;
      return i + 1;
    }
    const t = parseTiming(line);
    if (t.ok) {
      this.startCue(t, i, undefined, i, false);
      return i;
    }
    if (looksLikeTiming(line)) {
      this.timingError(t, i);
      this.state = SKIP;
      return i;
    }
    if (next !== undefined) {
      const tn = parseTiming(next);
      if (tn.ok || looksLikeTiming(next)) {
        this.report.add(messages.invalidIndex(line), { line: i + 1 });
        if (tn.ok) this.startCue(tn, i + 1, undefined, i + 1, true);
        else {
          this.timingError(tn, i + 1);
          this.state = SKIP;
        }
        return i + 1;
      }
    }
    this.report.add(messages.unexpectedText(line), { line: i + 1 });
    this.state = SKIP;
    return i;
  }

  private noteIndex(index: string, row: number): void {
    const n = Number(index);
    if (this.lastIndex === undefined) {
      if (n === 0) this.report.add(messages.zeroBasedIndex(), { line: row + 1, cueId: index });
    } else if (n !== this.lastIndex + 1) {
      this.report.add(messages.indexOutOfOrder(index, this.lastIndex + 1), { line: row + 1, cueId: index });
    }
    this.lastIndex = n;
  }

  /**
   * `index` is the cue number when the file gave one; `quiet` skips the
   * missing-number warning when another warning already covers the line.
   */
  private startCue(t: Timing, row: number, index: string | undefined, indexRow: number, quiet: boolean): void {
    const line = row + 1;
    const timing = this.rows.get(row)!;
    if (index !== undefined) this.noteIndex(index, indexRow);
    else {
      if (!quiet) this.report.add(messages.missingIndex(timing), { line });
      this.lastIndex = (this.lastIndex ?? 0) + 1;
    }
    const id = index ?? String(this.cues.length + 1);
    if (t.end < t.start) {
      this.report.add(messages.endBeforeStart(timing), { line, cueId: id });
      this.state = SKIP;
      return;
    }
    if (t.flags !== 0 || t.rest !== '' || t.end === t.start) this.reportRecoveries(t, timing, { line, cueId: id });
    this.cueId = id;
    this.cueStart = t.start;
    this.cueEnd = t.end;
    this.cueLine = line;
    this.markup = undefined;
    this.state = TEXT;
  }

  private reportRecoveries(t: Timing, timing: string, at: { line: number; cueId: string }): void {
    if (t.rest !== '') {
      if (t.rest.slice(0, 2).toUpperCase() === 'X1') this.report.addOnce(messages.coordinates(t.rest), at);
      else this.report.addOnce(messages.trailingText(t.rest), at);
    }
    if (t.end === t.start) this.report.add(messages.zeroDuration(timing), at);
    const f = t.flags;
    if (f & DECIMAL_POINT) this.report.addOnce(messages.decimalPoint(timing, t.separator), at);
    if (f & SHORT_FRACTION) this.report.addOnce(messages.shortFraction(timing), at);
    if (f & NO_FRACTION) this.report.addOnce(messages.missingMilliseconds(timing), at);
    if (f & NO_HOURS) this.report.addOnce(messages.missingHours(timing), at);
    if (f & SHORT_HOURS) this.report.addOnce(messages.shortHours(timing), at);
    if (f & FIELD_WIDTH) this.report.addOnce(messages.fieldWidth(timing), at);
    if (f & FIELD_OVERFLOW) this.report.addOnce(messages.fieldOverflow(timing), at);
    if (f & ARROW_VARIANT) this.report.addOnce(messages.arrowVariant(timing, t.arrow), at);
  }

  private timingError(t: Timing | TimingError, row: number): void {
    if (t.ok) return;
    const found = this.rows.get(row)!;
    const at = { line: row + 1 };
    if (t.problem === 'negative') this.report.add(messages.negativeTime(found), at);
    else if (t.problem === 'out-of-range') this.report.add(messages.timeOutOfRange(found, MAX_HOURS), at);
    else this.report.add(messages.invalidTiming(found, t.reason), at);
  }

  /** The cue's lines as an array, for anything beyond two plain lines. */
  private general(): Span[][] {
    if (this.lines === undefined) {
      this.lines = [];
      if (this.first !== undefined) this.lines.push([{ text: this.first }]);
      if (this.second !== undefined) this.lines.push([{ text: this.second }]);
      this.first = this.second = undefined;
    }
    return this.lines;
  }

  private addText(raw: string, i: number): void {
    const text = trimEnd(raw);
    if (this.markup === undefined) {
      if (!this.rows.hasMarkup(i)) {
        if (this.lines === undefined) {
          if (this.first === undefined) {
            this.first = text;
            return;
          }
          if (this.second === undefined) {
            this.second = text;
            return;
          }
        }
        this.general().push([{ text }]);
        return;
      }
      this.markup = new CueText(this.report, this.cueId, this.general());
    } else if (this.markup.plain && !this.rows.hasMarkup(i)) {
      this.general().push([{ text }]);
      return;
    }
    this.markup.addLine(text, i + 1);
  }

  private endCue(): void {
    const { cueId: id, cueStart: start, cueEnd: end, first, second } = this;
    let cue: Cue;
    if (this.lines === undefined) {
      cue =
        second !== undefined
          ? { id, start, end, lines: [[{ text: first! }], [{ text: second }]] }
          : first !== undefined
            ? { id, start, end, lines: [[{ text: first }]] }
            : { id, start, end, lines: [] };
    } else {
      const lines = this.lines;
      while (lines.length > 0 && lines[lines.length - 1]!.length === 0) lines.pop();
      cue = { id, start, end, lines: lines.slice() };
    }
    if (this.markup) {
      this.markup.finish();
      if (this.markup.placement) cue.placement = this.markup.placement;
    }
    if (cue.lines.length === 0) this.report.add(messages.emptyCue(), { line: this.cueLine, cueId: id });
    this.cues.push(cue);
    this.first = this.second = this.lines = this.markup = undefined;
  }
}

export function parseSrt(input: string, opts: ParseOptions = {}): ParseResult {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const reader = new SrtReader(new LineSource(text));
  reader.run();
  const track: ParseResult['track'] = { language: opts.language ?? 'und', cues: reader.cues, meta: {} };
  if (opts.frameRate) track.frameRate = { ...opts.frameRate };
  return { track, diagnostics: reader.report.finish() };
}
