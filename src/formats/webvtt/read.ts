import { DEFAULT_COLOR_CLASSES } from './colors.js';
import { parseCueSettings } from './cue-settings.js';
import { CueTextParser, type CueTextNotes } from './cue-text.js';
import { readHeader } from './header.js';
import { messages } from './messages.js';
import { readRegion, type Region } from './region.js';
import { readStyleSheet } from './style-sheet.js';
import { Tally } from './tally.js';
import { vttTimeField } from './time-field.js';
import { formatTimestamp, readTimestamp, TimestampError, type Cursor } from './timestamp.js';
import { IdRecorder, idNumber, settleCueIds } from '../shared/cue-ids.js';
import { Finder } from '../shared/finder.js';
import { keepShapes } from '../shared/keep-shapes.js';
import { LineSource } from '../shared/line-source.js';
import { readStandardTiming, STANDARD_TIMING_LENGTH, type Times } from '../shared/standard-timing.js';
import type { CueTimeFields, ParseOptions, ParseResult } from '../types.js';
import type { Diagnostic } from '../../model/diagnostic.js';
import { trimLines } from '../../model/spans.js';
import type { Cue, Placement, Span } from '../../model/track.js';
import { GT, isAsciiWhitespace, LT, SLASH } from '../shared/char-codes.js';

function skipWhitespace(text: string, cursor: Cursor): void {
  while (cursor.pos < text.length && isAsciiWhitespace(text.charCodeAt(cursor.pos))) cursor.pos++;
}

function found(line: string, pos: number): string {
  return pos >= line.length ? 'the end of the line' : `\`${line[pos]}\``;
}

function timestampProblem(code: number, line: string, pos: number): string {
  switch (code) {
    case TimestampError.digit:
      return `expected a digit, found ${found(line, pos)}`;
    case TimestampError.colon:
      return `expected \`:\`, found ${found(line, pos)}`;
    case TimestampError.twoDigits:
      return 'expected exactly two digits of minutes and of seconds';
    case TimestampError.dot:
      return `expected \`.\` before the milliseconds, found ${found(line, pos)}`;
    case TimestampError.threeDigits:
      return 'expected exactly three digits of milliseconds';
    case TimestampError.over59:
      return 'expected minutes and seconds from 00 to 59';
    default:
      return 'expected at most 9 digits of hours';
  }
}

function isBlockKeyword(line: string, keyword: string): boolean {
  if (!line.startsWith(keyword)) return false;
  for (let i = keyword.length; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c !== 0x20 && c !== 0x09) return false;
  }
  return true;
}

/** `NOTE` followed by a space, a tab or nothing: a comment block. */
function isNote(line: string): boolean {
  return line.startsWith('NOTE') && (line.length === 4 || line[4] === ' ' || line[4] === '\t');
}

function excerpt(line: string): string {
  return line.length > 40 ? `${line.slice(0, 40)}…` : line;
}

function isBlank(line: string): boolean {
  for (let i = 0; i < line.length; i++) if (!isAsciiWhitespace(line.charCodeAt(i))) return false;
  return true;
}

function isBlankLine(line: readonly Span[]): boolean {
  for (const s of line) if (!isBlank(s.text)) return false;
  return true;
}

/**
 * One pass over the lines, by the W3C WebVTT file parsing algorithm: a
 * block is a cue when its first or second line holds `-->`, STYLE and
 * REGION blocks count only before the first cue, anything else is skipped.
 */
class WebVttReader {
  readonly diagnostics: Diagnostic[] = [];
  readonly cues: Cue[] = [];
  /** Per cue: the line of its identifier (of its timing line when it has none), and whether it has one. */
  readonly ids = new IdRecorder();
  language: string | undefined;
  private readonly tally = new Tally();
  private readonly classColors = new Map(DEFAULT_COLOR_CLASSES);
  private readonly cueText = new CueTextParser(this.classColors);
  /** REGION blocks by id; a later block with an id replaces the earlier. */
  private readonly regions = new Map<string, Region>();
  private readonly rows: LineSource;
  /** Where `-->`, `<`, `&`, and either of those two are in the text. */
  private readonly arrows: Finder;
  private readonly tags: Finder;
  private readonly references: Finder;
  private readonly markup: Finder;
  private seenCue = false;
  private readonly cursor: Cursor = { pos: 0 };
  private readonly times: Times = { start: 0, end: 0 };
  /** The text read: without a byte order mark. */
  get textRead(): string {
    return this.rows.text;
  }
  /** The last timing line read, and where its times stand in the text. */
  private start = 0;
  private end = 0;
  private settings = '';
  private startAt = 0;
  private startTo = 0;
  private endAt = 0;
  private endTo = 0;
  /** Where each cue's times stand, when the caller asked (`locate`). */
  readonly timeFields: CueTimeFields[] = [];
  private lastBlockWasCue = false;

  constructor(
    text: string,
    private readonly locate = false,
  ) {
    let t = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
    if (t.includes('\0')) t = t.replaceAll('\0', '\ufffd');
    // A final line break ends the last line; the empty row after it reads as the blank line it would be.
    this.rows = new LineSource(t);
    this.arrows = new Finder(t, ['-->']);
    this.tags = new Finder(t, ['<']);
    this.references = new Finder(t, ['&']);
    this.markup = new Finder(t, ['<', '&']);
  }

  /** Row `k`, which exists. */
  private line(k: number): string {
    return this.rows.get(k)!;
  }

  private isEmpty(k: number): boolean {
    return this.rows.start(k) === this.rows.end(k);
  }

  private hasContent(from: number, to: number): boolean {
    for (let k = from; k < to && this.rows.has(k); k++) if (!isBlank(this.line(k))) return true;
    return false;
  }

  read(): void {
    const { rows } = this;
    if (rows.text === '') {
      this.diagnostics.push(messages.empty());
      return;
    }
    const first = this.line(0);
    let i = 1;
    if (first.startsWith('WEBVTT') && (first.length === 6 || first[6] === ' ' || first[6] === '\t')) {
      i = this.header(first.slice(7), i);
    } else if (!this.hasContent(0, Infinity)) {
      this.diagnostics.push(messages.empty());
      return;
    } else {
      this.diagnostics.push(messages.missingSignature(excerpt(first)));
      // Whatever stands where the signature belongs (`garbage`, ` WEBVTT`, `WEBvtt`) is taken as the header.
      i = 0;
      while (rows.has(i) && this.isEmpty(i)) i++;
      i = this.header('', i);
    }
    while (rows.has(i)) {
      if (this.isEmpty(i)) i++;
      else i = this.block(i);
    }
    for (const d of this.tally.diagnostics()) this.diagnostics.push(d);
  }

  /** The header block: text up to the first blank line, or up to a line with `-->`, which starts a cue. */
  private header(signatureText: string, from: number): number {
    const header: Array<[text: string, line: number]> = [[signatureText, 1]];
    let i = from;
    while (this.rows.has(i)) {
      const line = this.line(i);
      if (line === '') {
        i++;
        break;
      }
      if (line.includes('-->')) break;
      header.push([line, i + 1]);
      i++;
    }
    const result = readHeader(header);
    for (const d of result.diagnostics) this.diagnostics.push(d);
    if (result.language !== undefined) this.language = result.language;
    return i;
  }

  /** The "collect a WebVTT block" algorithm; returns where the next block starts. */
  private block(from: number): number {
    if (this.standardTiming(from)) return this.standardCue(from);
    const { rows } = this;
    let i = from;
    let lineCount = 0;
    let previous = from;
    let bufferStart = from;
    let bufferEnd = from;
    let seenArrow = false;
    let timed = false;
    let timingLine = 0;
    let id = '';
    let kind: 'none' | 'style' | 'region' = 'none';
    let late = false;
    while (rows.has(i)) {
      const empty = this.isEmpty(i);
      const arrow = !empty && this.arrows.within(rows.start(i), rows.end(i));
      lineCount++;
      i++;
      if (arrow) {
        if (lineCount === 1 || (lineCount === 2 && !seenArrow)) {
          seenArrow = true;
          previous = i;
          timed = this.timing(i - 1);
          if (timed) {
            timingLine = i;
            id = bufferEnd > bufferStart ? this.line(bufferStart) : '';
            bufferStart = bufferEnd = i;
            this.seenCue = true;
          }
        } else {
          i = previous;
          break;
        }
      } else if (empty) {
        break;
      } else {
        if (lineCount === 2 && bufferEnd > bufferStart) {
          const keyword = this.line(bufferStart);
          const blockKind = isBlockKeyword(keyword, 'STYLE') ? 'style' : isBlockKeyword(keyword, 'REGION') ? 'region' : 'none';
          if (blockKind !== 'none') {
            if (this.seenCue) {
              this.diagnostics.push(messages.lateBlock(blockKind.toUpperCase(), from + 1));
              late = true;
            } else {
              kind = blockKind;
              bufferStart = bufferEnd;
            }
          }
        }
        if (bufferEnd === bufferStart) bufferStart = i - 1;
        bufferEnd = i;
        previous = i;
      }
    }
    const afterCue = this.lastBlockWasCue;
    this.lastBlockWasCue = timed;
    if (timed) this.cue(id, timingLine, bufferStart, bufferEnd);
    else if (kind === 'style') this.styleSheet(this.joined(bufferStart, bufferEnd), from + 1);
    else if (kind === 'region') this.region(this.joined(bufferStart, bufferEnd), from + 1);
    else if (!seenArrow && !late && !isNote(this.line(from)) && this.hasContent(from, i)) this.orphan(this.line(from), afterCue, from + 1);
    return i;
  }

  /**
   * A block whose first line is a standard timing line, already read: a cue
   * without an identifier, the usual block, collected as `block` would.
   */
  private standardCue(from: number): number {
    const { rows } = this;
    let i = from + 1;
    while (rows.has(i) && rows.start(i) !== rows.end(i) && !this.arrows.within(rows.start(i), rows.end(i))) i++;
    const textEnd = i;
    // A blank line is part of the block; a line with `-->` starts the next one.
    if (rows.has(i) && rows.start(i) === rows.end(i)) i++;
    this.seenCue = true;
    this.lastBlockWasCue = true;
    this.cue('', from + 1, from + 1, textEnd);
    return i;
  }

  private joined(from: number, to: number): string {
    const lines: string[] = [];
    for (let k = from; k < to; k++) lines.push(this.line(k));
    return lines.join('\n');
  }

  private orphan(line: string, afterCue: boolean, lineNumber: number): void {
    const cursor: Cursor = { pos: 0 };
    skipWhitespace(line, cursor);
    const guess = readTimestamp(line, cursor) >= 0 ? 'timing' : afterCue ? 'after-cue' : 'unknown';
    this.diagnostics.push(messages.orphanBlock(excerpt(line), guess, lineNumber));
  }

  /**
   * Cue timings on row `k`: `start --> end settings`, read into `start`,
   * `end` and `settings`; false (and an error) when the spec drops the cue.
   */
  private timing(k: number): boolean {
    return this.standardTiming(k) || this.anyTiming(this.line(k), k + 1);
  }

  /** `HH:MM:SS.mmm --> HH:MM:SS.mmm`, then settings or nothing: the usual line, read in place from the text. */
  private standardTiming(k: number): boolean {
    const { rows, times } = this;
    const { text } = rows;
    const from = rows.start(k);
    const end = rows.end(k);
    const after = from + STANDARD_TIMING_LENGTH;
    if (after > end || !readStandardTiming(text, from, 0x2e, times)) return false;
    if (after < end) {
      const c = text.charCodeAt(after);
      if (c !== 0x20 && c !== 0x09) return false;
    }
    this.start = times.start;
    this.end = times.end;
    this.settings = after < end ? text.slice(after, end) : '';
    this.startAt = from;
    this.startTo = from + 12;
    this.endAt = from + 17;
    this.endTo = after;
    return true;
  }

  private anyTiming(line: string, lineNumber: number): boolean {
    const { cursor } = this;
    cursor.pos = 0;
    skipWhitespace(line, cursor);
    const startAt = cursor.pos;
    const start = readTimestamp(line, cursor);
    if (start < 0) return this.badTiming(timestampProblem(start, line, cursor.pos), line, lineNumber, cursor.pos);
    const startTo = cursor.pos;
    skipWhitespace(line, cursor);
    const arrow = cursor.pos;
    if (line.charCodeAt(arrow) !== 0x2d || line.charCodeAt(arrow + 1) !== 0x2d || line.charCodeAt(arrow + 2) !== 0x3e) {
      const got = arrow >= line.length ? 'the end of the line' : `\`${line.slice(arrow, arrow + 3)}\``;
      return this.badTiming(`expected \`-->\` between the timestamps, found ${got}`, line, lineNumber, arrow);
    }
    cursor.pos += 3;
    skipWhitespace(line, cursor);
    const endAt = cursor.pos;
    const end = readTimestamp(line, cursor);
    if (end < 0) return this.badTiming(timestampProblem(end, line, cursor.pos), line, lineNumber, cursor.pos);
    this.start = start;
    this.end = end;
    this.settings = cursor.pos < line.length ? line.slice(cursor.pos) : '';
    const at = this.rows.start(lineNumber - 1);
    this.startAt = at + startAt;
    this.startTo = at + startTo;
    this.endAt = at + endAt;
    this.endTo = at + cursor.pos;
    return true;
  }

  private badTiming(problem: string, line: string, lineNumber: number, pos: number): false {
    this.diagnostics.push(messages.badTiming(problem, line, lineNumber, pos + 1));
    return false;
  }

  private cue(fileId: string, line: number, textStart: number, textEnd: number): void {
    const { start, end, settings } = this;
    const number = fileId === '' ? this.cues.length + 1 : idNumber(fileId);
    const id = fileId === '' ? String(number) : fileId;
    // The text before the settings: `align:start` and `align:end` stand on the side its first letter is written from.
    const lines = this.text(textStart, textEnd, id);
    const placement = settings === '' ? undefined : this.placement(settings, lines, line, id);
    if (end < start) this.diagnostics.push(messages.endBeforeStart(formatTimestamp(start), formatTimestamp(end), line, id));
    // Whole literals: a property added later lands in a second object the collector must copy.
    this.cues.push(placement ? { id, start, end, lines, placement } : { id, start, end, lines });
    if (this.locate) {
      const { text } = this.rows;
      this.timeFields.push({ start: [vttTimeField(text, this.startAt, this.startTo, 'start')], end: [vttTimeField(text, this.endAt, this.endTo, 'end')] });
    }
    // An identifier stands on the line right above the timing line.
    this.ids.add(fileId === '' ? line : line - 1, fileId !== '', number);
  }

  private placement(settings: string, lines: Span[][], line: number, cueId: string): Placement | undefined {
    const parsed = parseCueSettings(settings, this.regions, lines);
    for (const note of parsed.notes) {
      if (note.kind === 'invalid') this.tally.note(`invalid:${note.name}`, messages.invalidSetting, note.setting, line, cueId);
      else if (note.kind === 'legacy-middle') this.tally.note('align-middle', (_, o) => messages.legacyMiddle(o), '', line, cueId);
      else if (note.kind === 'unplaced-region') this.tally.note('unplaced-region', messages.regionUnplaced, note.setting, line, cueId);
      else this.tally.note(`setting:${note.name}`, messages.settingDropped, note.setting, line, cueId);
    }
    return parsed.placement;
  }

  private text(start: number, end: number, cueId: string): Span[][] {
    // Literals of the exact size for the usual one and two lines: most of the parse is allocation.
    const n = end - start;
    if (n === 0) return [];
    let result: Span[][] | undefined;
    if (n === 1) {
      const a = this.quickSpan(start);
      if (a !== undefined) result = [[a]];
    } else if (n === 2) {
      const a = this.quickSpan(start);
      const b = a === undefined ? undefined : this.quickSpan(start + 1);
      if (b !== undefined) result = [[a!], [b]];
    } else {
      result = new Array<Span[]>(n);
      for (let k = 0; k < n && result !== undefined; k++) {
        const s = this.quickSpan(start + k);
        if (s === undefined) result = undefined;
        else result[k] = [s];
      }
    }
    if (result !== undefined) {
      if (!(isBlank(result[0]![0]!.text) || isBlank(result[n - 1]![0]!.text))) return result;
    } else {
      const lines: string[] = [];
      for (let k = start; k < end; k++) lines.push(this.line(k));
      result = this.cueText.parse(lines);
      this.noteCueText(this.cueText.notes, start + 1, cueId);
      if (result.length === 0 || !(isBlankLine(result[0]!) || isBlankLine(result[result.length - 1]!))) return result;
    }
    // Lines of only spaces or tabs above or below the text show nothing a subtitler would keep;
    // a cue of nothing but a space (`&nbsp;`) stays as written.
    const trimmed = trimLines(result);
    return trimmed.length > 0 ? trimmed : result;
  }

  /**
   * Row `k` as the one span the cue text parser would make of it, when it
   * is plain text or `<i>`, `<b>` or `<u>` around plain text that is not
   * blank, as nearly every cue line is; undefined for anything else, which
   * the parser reads.
   */
  private quickSpan(k: number): Span | undefined {
    const { rows } = this;
    const { text } = rows;
    const from = rows.start(k);
    const to = rows.end(k);
    if (!this.markup.within(from, to)) return { text: text.slice(from, to) };
    if (this.references.within(from, to)) return undefined;
    if (to - from < 8 || text.charCodeAt(from) !== LT || text.charCodeAt(from + 2) !== GT) return undefined;
    if (text.charCodeAt(to - 4) !== LT || text.charCodeAt(to - 3) !== SLASH || text.charCodeAt(to - 1) !== GT) return undefined;
    // Tag names are case-sensitive: `<I>` is an unknown tag.
    const name = text.charCodeAt(from + 1);
    if (text.charCodeAt(to - 2) !== name || this.tags.within(from + 3, to - 4)) return undefined;
    const inner = text.slice(from + 3, to - 4);
    if (isBlank(inner)) return undefined;
    return name === 0x69 ? { text: inner, italic: true } : name === 0x62 ? { text: inner, bold: true } : name === 0x75 ? { text: inner, underline: true } : undefined;
  }

  private noteCueText(notes: CueTextNotes, line: number, cueId: string): void {
    const { tally } = this;
    if (notes.ruby) tally.note('ruby', (_, o) => messages.rubyDropped(o), '', line, cueId);
    if (notes.voice !== undefined) tally.note('voice', messages.voiceDropped, notes.voice, line, cueId);
    if (notes.lang !== undefined) tally.note('lang', messages.langDropped, notes.lang, line, cueId);
    if (notes.timestamp) tally.note('timestamp', (_, o) => messages.timestampTagDropped(o), '', line, cueId);
    if (notes.unknownTag !== undefined) tally.note(`tag:${notes.unknownTag}`, messages.unknownTag, notes.unknownTag, line, cueId);
    if (notes.ignoredClass !== undefined) tally.note(`class:${notes.ignoredClass}`, messages.classIgnored, notes.ignoredClass, line, cueId);
  }

  private region(settings: string, line: number): void {
    const region = readRegion(settings);
    if (region.id !== '') this.regions.set(region.id, region);
    this.tally.note('region', (_, o) => messages.regionNotKept(o), '', line);
  }

  private styleSheet(css: string, line: number): void {
    const { classColors, otherRules } = readStyleSheet(css);
    for (const [name, color] of classColors) this.classColors.set(name, color);
    if (otherRules > 0) this.tally.note('style', (_, o) => messages.styleNotKept(o), '', line);
  }
}

function byLine(a: Diagnostic, b: Diagnostic): number {
  return (a.line ?? 0) - (b.line ?? 0);
}

export function read(text: string, opts: ParseOptions = {}): ParseResult {
  const reader = new WebVttReader(text, opts.locateTimes);
  reader.read();
  settleCueIds(reader.cues, reader.ids.origins(), reader.diagnostics, ({ id, derived, line, firstLine }) =>
    messages.repeatedId(id, derived, { line, firstLine }),
  );
  const result: ParseResult = {
    track: { language: reader.language ?? opts.language ?? 'und', cues: reader.cues, meta: {} },
    diagnostics: reader.diagnostics.sort(byLine),
  };
  if (opts.locateTimes) result.times = { text: reader.textRead, cues: reader.timeFields };
  return result;
}

keepShapes(new WebVttReader(''));
