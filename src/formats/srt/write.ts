import { diagnostic, type Diagnostic } from '../../model/diagnostic.js';
import { cueFrames, framesToMs } from '../../model/frame-rate.js';
import type { Ms, Placement, Span, Track } from '../../model/track.js';
import { clockTime } from '../shared/clock-time.js';
import { cueHead } from '../shared/cue-head.js';
import type { SerializeOptions, SerializeResult } from '../types.js';
import { matchBrace, matchEntity, mayStartTag, SPECIAL } from './markup.js';
import { messages, type Message } from './messages.js';
import { frameLabel } from './time-field.js';
import { isTimingLike } from './timing.js';
import { COMMA } from '../shared/char-codes.js';
import { reportInvertedCues } from '../shared/inverted-cues.js';

type TagName = 'font' | 'b' | 'i' | 'u';

interface OpenTag {
  name: TagName;
  color?: string;
}

/** `{\anN}` for a placement, or '' for the default (bottom, centred). */
function positionTag(p: Placement | undefined): string {
  if (!p) return '';
  const row = p.vertical === 'top' ? 7 : p.vertical === 'middle' ? 4 : 1;
  const n = row + (p.horizontal === 'left' ? 0 : p.horizontal === 'right' ? 2 : 1);
  return n === 2 ? '' : `{\\an${n}}`;
}

/**
 * Escapes only what the reader would take for markup: `<` before a letter
 * or `/`, `&` that would read as a character reference, `{` that would read
 * as a brace tag or override, and the Unicode line separators.
 */
function escapeText(text: string): string {
  if (!SPECIAL.test(text)) return text;
  let out = '';
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    let rep: string | undefined;
    if (c === '<' && mayStartTag(text, i)) rep = '&lt;';
    else if (c === '&' && matchEntity(text, i)) rep = '&amp;';
    else if (c === '{' && matchBrace(text, i)) rep = '&#123;';
    else if (c === '\u2028') rep = '&#8232;';
    else if (c === '\u2029') rep = '&#8233;';
    if (rep !== undefined) {
      out += text.slice(from, i) + rep;
      from = i + 1;
    }
  }
  return out + text.slice(from);
}

function wanted(s: Span): OpenTag[] {
  const tags: OpenTag[] = [];
  if (s.color !== undefined) tags.push({ name: 'font', color: s.color });
  if (s.bold) tags.push({ name: 'b' });
  if (s.italic) tags.push({ name: 'i' });
  if (s.underline) tags.push({ name: 'u' });
  return tags;
}

function openTag(t: OpenTag): string {
  return t.name === 'font' ? `<font color="${t.color}">` : `<${t.name}>`;
}

function has(tags: readonly OpenTag[], t: OpenTag): boolean {
  return tags.some((w) => w.name === t.name && w.color === t.color);
}

/** One line of spans as SRT text; tags nest properly and close at the end of the line. */
function renderLine(line: readonly Span[]): string {
  const only = line[0];
  if (line.length === 1 && only) {
    // One span, the usual line: its tags nest in the order the general case below opens them.
    let out = escapeText(only.text);
    if (only.underline) out = `<u>${out}</u>`;
    if (only.italic) out = `<i>${out}</i>`;
    if (only.bold) out = `<b>${out}</b>`;
    return only.color === undefined ? out : `${openTag({ name: 'font', color: only.color })}${out}</font>`;
  }
  let out = '';
  const stack: OpenTag[] = [];
  for (const s of line) {
    const want = wanted(s);
    // Keep the open tags still wanted from the bottom up; close the rest.
    let keep = 0;
    while (keep < stack.length && has(want, stack[keep]!)) keep++;
    while (stack.length > keep) out += `</${stack.pop()!.name}>`;
    for (const t of want) {
      if (!has(stack, t)) {
        out += openTag(t);
        stack.push(t);
      }
    }
    out += escapeText(s.text);
  }
  while (stack.length > 0) out += `</${stack.pop()!.name}>`;
  return out;
}

/**
 * Whether `trim` would leave nothing of the line. Nearly every line starts
 * with a character that is no white space of any kind and is answered
 * without the call, which cost as much as escaping the line.
 */
function isBlank(text: string): boolean {
  const c = text.charCodeAt(0);
  if (c > 0x20 && c < 0xa0) return false;
  if (c > 0x3000 && c !== 0xfeff) return false;
  return text.trim() === '';
}

/** A line the reader would take for a timing line: hide its first character behind a reference. */
function guardTimingLike(text: string): string {
  let i = 0;
  while (text[i] === ' ' || text[i] === '\t') i++;
  const c = text.charCodeAt(i);
  if (!((c >= 0x30 && c <= 0x39) || c === 0x2d) || !isTimingLike(text)) return text;
  return `${text.slice(0, i)}&#${text.charCodeAt(i)};${text.slice(i + 1)}`;
}

/**
 * Standard SRT: numbers from 1, `HH:MM:SS,mmm` (hours grow past 99), `\n`
 * line ends, a blank line after every cue. With a frame rate (option, else
 * the track's) times land on the nearest frame; with `frameLabels` too they
 * are written as its timecode labels (`HH:MM:SS:FF`), as broadcast tools
 * export SRT.
 */
export function write(track: Track, opts: SerializeOptions = {}): SerializeResult {
  const rate = opts.frameRate ?? track.frameRate;
  const diagnostics: Diagnostic[] = [];
  reportInvertedCues(track.cues, diagnostics);
  const report = (m: Message, cueId: string): void => {
    diagnostics.push(diagnostic(m.code, m.severity, m.message, { cueId }));
  };
  // Appended, not joined: joining copies every two-byte (CJK) line again,
  // appending only links it. A cue's head is one flat piece, and the line end
  // after its last line goes into the next head, so that a long file is few
  // pieces for the collector to move.
  let out = '';
  let owed = '';
  const cues = track.cues;
  for (let n = 0; n < cues.length; n++) {
    const cue = cues[n]!;
    let start = cue.start;
    let end = cue.end;
    let labels = '';
    if (rate) {
      const frames = cueFrames(start, end, rate);
      start = framesToMs(frames.first, rate);
      end = framesToMs(frames.last, rate);
      if (frames.extended) report(messages.durationExtended(), cue.id);
      const separator = opts.frameLabels;
      if (separator !== undefined) {
        labels = `${frameLabel(frames.first, rate, separator)} --> ${frameLabel(frames.last, rate, separator)}`;
        // A label names a frame, not a time between two: a time moved onto one is said, not rounded unseen.
        const rounded = (time: Ms, frame: number) => report(messages.labelRounded(clockTime(time, ','), rate, frameLabel(frame, rate, separator)), cue.id);
        if (start !== cue.start && cue.start >= 0) rounded(cue.start, frames.first);
        if (end !== cue.end && cue.end >= 0 && !frames.extended) rounded(cue.end, frames.last);
      }
    }
    if (start < 0 || end < 0) report(messages.negativeTimeClamped(Math.min(start, end)), cue.id);
    out +=
      labels === ''
        ? cueHead(owed.length + (n === 0 ? 0 : 1), String(n + 1), Math.max(0, Math.round(start)), Math.max(0, Math.round(end)), COMMA)
        : `${'\n'.repeat(owed.length + (n === 0 ? 0 : 1))}${n + 1}\n${labels}\n`;
    owed = '';
    let prefix = positionTag(cue.placement);
    for (const line of cue.lines) {
      const text = renderLine(line);
      if (isBlank(text)) {
        report(messages.blankLineDropped(), cue.id);
        continue;
      }
      if (owed !== '') out += owed;
      // After a position tag the line starts with `{`, which no timing line
      // does; scanning the joined string would only make a flat copy of it.
      out += prefix === '' ? guardTimingLike(text) : prefix + text;
      owed = '\n';
      prefix = '';
    }
    // A position with no text still reads back: the tag alone on its line.
    if (prefix !== '') {
      out += prefix;
      owed = '\n';
    }
  }
  return { text: out + owed, diagnostics };
}
