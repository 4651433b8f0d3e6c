import { DEFAULT_COLOR_CLASSES } from './colors.js';
import { parseCueSettings } from './cue-settings.js';
import { CueTextParser, type CueTextNotes } from './cue-text.js';
import { readHeader } from './header.js';
import { messages } from './messages.js';
import { readStyleSheet } from './style-sheet.js';
import { Tally } from './tally.js';
import { formatTimestamp, readTimestamp, TimestampError, type Cursor } from './timestamp.js';
import type { ParseOptions, ParseResult } from '../types.js';
import type { Diagnostic } from '../../model/diagnostic.js';
import { trimLines } from '../../model/spans.js';
import type { Cue, Placement, Span } from '../../model/track.js';

const LINE_BREAKS = /\r\n?/g;

function isWhitespace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0c || c === 0x0d;
}

function skipWhitespace(text: string, cursor: Cursor): void {
  while (cursor.pos < text.length && isWhitespace(text.charCodeAt(cursor.pos))) cursor.pos++;
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
  for (let i = 0; i < line.length; i++) if (!isWhitespace(line.charCodeAt(i))) return false;
  return true;
}

function isBlankLine(line: readonly Span[]): boolean {
  for (const s of line) if (!isBlank(s.text)) return false;
  return true;
}

function hasContent(lines: readonly string[], from: number, to: number): boolean {
  for (let k = from; k < to; k++) if (!isBlank(lines[k]!)) return true;
  return false;
}

function hasMarkup(line: string): boolean {
  return line.includes('<') || line.includes('&');
}

/**
 * One pass over the lines, by the W3C WebVTT file parsing algorithm: a
 * block is a cue when its first or second line holds `-->`, STYLE and
 * REGION blocks count only before the first cue, anything else is skipped.
 */
class WebVttReader {
  readonly diagnostics: Diagnostic[] = [];
  readonly cues: Cue[] = [];
  language: string | undefined;
  private readonly tally = new Tally();
  private readonly classColors = new Map(DEFAULT_COLOR_CLASSES);
  private readonly cueText = new CueTextParser(this.classColors);
  private readonly lines: string[];
  private readonly count: number;
  private seenCue = false;
  private readonly cursor: Cursor = { pos: 0 };
  /** The last timing line read. */
  private start = 0;
  private end = 0;
  private settings = '';
  private lastBlockWasCue = false;

  constructor(text: string) {
    let t = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
    if (t.includes('\0')) t = t.replaceAll('\0', '\ufffd');
    if (t.includes('\r')) t = t.replace(LINE_BREAKS, '\n');
    this.lines = t.split('\n');
    // A final line break ends the last line; it does not start another.
    this.count = this.lines[this.lines.length - 1] === '' ? this.lines.length - 1 : this.lines.length;
  }

  read(): void {
    const { lines, count } = this;
    if (count === 0) {
      this.diagnostics.push(messages.empty());
      return;
    }
    const first = lines[0]!;
    let i = 1;
    if (first.startsWith('WEBVTT') && (first.length === 6 || first[6] === ' ' || first[6] === '\t')) {
      i = this.header(first.slice(7), i);
    } else if (!hasContent(lines, 0, count)) {
      this.diagnostics.push(messages.empty());
      return;
    } else {
      this.diagnostics.push(messages.missingSignature(excerpt(first)));
      // Whatever stands where the signature belongs (`garbage`, ` WEBVTT`, `WEBvtt`) is taken as the header.
      i = 0;
      while (i < count && lines[i] === '') i++;
      i = this.header('', i);
    }
    while (i < count) {
      if (lines[i] === '') i++;
      else i = this.block(i);
    }
    this.diagnostics.push(...this.tally.diagnostics());
  }

  /** The header block: text up to the first blank line, or up to a line with `-->`, which starts a cue. */
  private header(signatureText: string, from: number): number {
    const { lines, count } = this;
    const header: Array<[text: string, line: number]> = [[signatureText, 1]];
    let i = from;
    while (i < count) {
      const line = lines[i]!;
      if (line === '') {
        i++;
        break;
      }
      if (line.includes('-->')) break;
      header.push([line, i + 1]);
      i++;
    }
    const result = readHeader(header);
    this.diagnostics.push(...result.diagnostics);
    if (result.language !== undefined) this.language = result.language;
    return i;
  }

  /** The "collect a WebVTT block" algorithm; returns where the next block starts. */
  private block(from: number): number {
    const { lines, count } = this;
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
    while (i < count) {
      const line = lines[i]!;
      lineCount++;
      i++;
      if (line.includes('-->')) {
        if (lineCount === 1 || (lineCount === 2 && !seenArrow)) {
          seenArrow = true;
          previous = i;
          timed = this.timing(line, i);
          if (timed) {
            timingLine = i;
            id = bufferEnd > bufferStart ? lines[bufferStart]! : '';
            bufferStart = bufferEnd = i;
            this.seenCue = true;
          }
        } else {
          i = previous;
          break;
        }
      } else if (line === '') {
        break;
      } else {
        if (lineCount === 2 && bufferEnd > bufferStart) {
          const keyword = lines[bufferStart]!;
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
    else if (kind === 'style') this.styleSheet(lines.slice(bufferStart, bufferEnd).join('\n'), from + 1);
    else if (kind === 'region') this.tally.note('region', (_, o) => messages.regionNotKept(o), '', from + 1);
    else if (!seenArrow && !late && !isNote(lines[from]!) && hasContent(lines, from, i)) this.orphan(lines[from]!, afterCue, from + 1);
    return i;
  }

  private orphan(line: string, afterCue: boolean, lineNumber: number): void {
    const cursor: Cursor = { pos: 0 };
    skipWhitespace(line, cursor);
    const guess = readTimestamp(line, cursor) >= 0 ? 'timing' : afterCue ? 'after-cue' : 'unknown';
    this.diagnostics.push(messages.orphanBlock(excerpt(line), guess, lineNumber));
  }

  /**
   * Cue timings: `start --> end settings`, read into `start`, `end` and
   * `settings`; false (and an error) when the spec drops the cue.
   */
  private timing(line: string, lineNumber: number): boolean {
    const { cursor } = this;
    cursor.pos = 0;
    skipWhitespace(line, cursor);
    const start = readTimestamp(line, cursor);
    if (start < 0) return this.badTiming(timestampProblem(start, line, cursor.pos), line, lineNumber, cursor.pos);
    skipWhitespace(line, cursor);
    const arrow = cursor.pos;
    if (line.charCodeAt(arrow) !== 0x2d || line.charCodeAt(arrow + 1) !== 0x2d || line.charCodeAt(arrow + 2) !== 0x3e) {
      const got = arrow >= line.length ? 'the end of the line' : `\`${line.slice(arrow, arrow + 3)}\``;
      return this.badTiming(`expected \`-->\` between the timestamps, found ${got}`, line, lineNumber, arrow);
    }
    cursor.pos += 3;
    skipWhitespace(line, cursor);
    const end = readTimestamp(line, cursor);
    if (end < 0) return this.badTiming(timestampProblem(end, line, cursor.pos), line, lineNumber, cursor.pos);
    this.start = start;
    this.end = end;
    this.settings = cursor.pos < line.length ? line.slice(cursor.pos) : '';
    return true;
  }

  private badTiming(problem: string, line: string, lineNumber: number, pos: number): false {
    this.diagnostics.push(messages.badTiming(problem, line, lineNumber, pos + 1));
    return false;
  }

  private cue(fileId: string, line: number, textStart: number, textEnd: number): void {
    const { start, end, settings } = this;
    const id = fileId === '' ? String(this.cues.length + 1) : fileId;
    const placement = settings === '' ? undefined : this.placement(settings, line, id);
    if (end < start) this.diagnostics.push(messages.endBeforeStart(formatTimestamp(start), formatTimestamp(end), line, id));
    const lines = this.text(textStart, textEnd, id);
    // Whole literals: a property added later lands in a second object the collector must copy.
    this.cues.push(placement ? { id, start, end, lines, placement } : { id, start, end, lines });
  }

  private placement(settings: string, line: number, cueId: string): Placement | undefined {
    const parsed = parseCueSettings(settings);
    for (const note of parsed.notes) {
      if (note.kind === 'invalid') this.tally.note(`invalid:${note.name}`, messages.invalidSetting, note.setting, line, cueId);
      else if (note.kind === 'legacy-middle') this.tally.note('align-middle', (_, o) => messages.legacyMiddle(o), '', line, cueId);
      else this.tally.note(`setting:${note.name}`, messages.settingDropped, note.setting, line, cueId);
    }
    return parsed.placement;
  }

  private text(start: number, end: number, cueId: string): Span[][] {
    const { lines } = this;
    let markup = false;
    for (let k = start; k < end; k++) {
      if (hasMarkup(lines[k]!)) {
        markup = true;
        break;
      }
    }
    let result: Span[][];
    if (markup) {
      result = this.cueText.parse(lines, start, end);
      this.noteCueText(this.cueText.notes, start + 1, cueId);
      if (result.length === 0 || !(isBlankLine(result[0]!) || isBlankLine(result[result.length - 1]!))) return result;
    } else {
      // Literals of the exact size for the usual one and two lines: most of the parse is allocation.
      const n = end - start;
      if (n === 1) result = [[{ text: lines[start]! }]];
      else if (n === 2) result = [[{ text: lines[start]! }], [{ text: lines[start + 1]! }]];
      else {
        result = new Array<Span[]>(n);
        for (let k = 0; k < n; k++) result[k] = [{ text: lines[start + k]! }];
      }
      if (start === end || !(isBlank(lines[start]!) || isBlank(lines[end - 1]!))) return result;
    }
    // Lines of only spaces or tabs above or below the text show nothing a subtitler would keep;
    // a cue of nothing but a space (`&nbsp;`) stays as written.
    const trimmed = trimLines(result);
    return trimmed.length > 0 ? trimmed : result;
  }

  private noteCueText(notes: CueTextNotes, line: number, cueId: string): void {
    const { tally } = this;
    if (notes.ruby) tally.note('ruby', (_, o) => messages.rubyDropped(o), '', line, cueId);
    if (notes.voice !== undefined) tally.note('voice', messages.voiceDropped, notes.voice, line, cueId);
    if (notes.timestamp) tally.note('timestamp', (_, o) => messages.timestampTagDropped(o), '', line, cueId);
    if (notes.unknownTag !== undefined) tally.note(`tag:${notes.unknownTag}`, messages.unknownTag, notes.unknownTag, line, cueId);
    if (notes.ignoredClass !== undefined) tally.note(`class:${notes.ignoredClass}`, messages.classIgnored, notes.ignoredClass, line, cueId);
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

export function readWebVtt(text: string, opts: ParseOptions = {}): ParseResult {
  const reader = new WebVttReader(text);
  reader.read();
  return {
    track: { language: reader.language ?? opts.language ?? 'und', cues: reader.cues, meta: {} },
    diagnostics: reader.diagnostics.sort(byLine),
  };
}
