import { colorClassName, DEFAULT_COLOR_CLASSES } from './colors.js';
import { messages } from './messages.js';
import { formatTimestamp } from './timestamp.js';
import { flat } from '../shared/flat.js';
import { cueHead } from '../shared/cue-head.js';
import { keepShapes } from '../shared/keep-shapes.js';
import type { SerializeOptions, SerializeResult } from '../types.js';
import { isModelColor } from '../../model/color.js';
import type { Diagnostic } from '../../model/diagnostic.js';
import { cueFrames, framesToMs } from '../../model/frame-rate.js';
import type { Cue, FrameRate, Placement, Span, Track } from '../../model/track.js';
import { DOT } from '../shared/char-codes.js';
import { reportInvertedCues } from '../shared/inverted-cues.js';

const SPECIAL = /[&<>]/;

function escape(text: string): string {
  if (!SPECIAL.test(text)) return text;
  let out = '';
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const entity = c === 0x26 ? '&amp;' : c === 0x3c ? '&lt;' : c === 0x3e ? '&gt;' : undefined;
    if (entity !== undefined) {
      out += text.slice(from, i) + entity;
      from = i + 1;
    }
  }
  return from === 0 ? text : out + text.slice(from);
}

/** Cue settings that the reader maps back to the same placement. */
function settings(placement: Placement | undefined): string {
  if (!placement) return '';
  let out = '';
  if (placement.vertical === 'top') out += ' line:0';
  else if (placement.vertical === 'middle') out += ' line:50%,center';
  if (placement.horizontal === 'left') out += ' align:left';
  else if (placement.horizontal === 'right') out += ' align:right';
  return out;
}

class WebVttWriter {
  readonly diagnostics: Diagnostic[] = [];
  /** Colours that need a STYLE rule, by the class written for them. */
  private readonly styled = new Map<string, string>();

  constructor(private readonly frameRate: FrameRate | undefined) {}

  write(track: Track): string {
    // Appended, not joined: joining copies every two-byte (CJK) line again,
    // appending only links it. A cue's head is one flat piece, and the line
    // end after its last line goes into the next head, so that a long file is
    // few pieces for the collector to move.
    let out = '';
    let owed = '';
    const cues = track.cues;
    for (let index = 0; index < cues.length; index++) {
      const cue = cues[index]!;
      const id = this.writtenId(cue, index);
      const [start, end] = this.times(cue);
      const placement = settings(cue.placement);
      const breaks = owed.length + (index === 0 ? 0 : 1);
      out +=
        placement === ''
          ? cueHead(breaks, id, start, end, DOT)
          : flat(`${'\n'.repeat(breaks)}${id}${id === '' ? '' : '\n'}${formatTimestamp(start)} --> ${formatTimestamp(end)}${placement}\n`);
      owed = '';
      for (const line of cue.lines) {
        let text = '';
        for (const s of line) text += this.span(s, cue.id);
        if (text === '') {
          this.diagnostics.push(messages.writeBlankLine(cue.id));
          continue;
        }
        if (owed !== '') out += owed;
        out += text;
        owed = '\n';
      }
    }
    let style = '';
    if (this.styled.size > 0) {
      const rules = [...this.styled].map(([name, color]) => `::cue(.${name}) { color: ${color}; }`);
      style = `STYLE\n${rules.join('\n')}\n\n`;
    }
    return `WEBVTT\n\n${style}${out}${owed}`;
  }

  /** A cue's times as written: whole, not negative, on the frame grid when there is one. */
  private times(cue: Cue): [start: number, end: number] {
    const start = this.time(cue.start, cue.id);
    const end = this.time(cue.end, cue.id);
    if (!this.frameRate) return [start, end];
    const { first, last, extended } = cueFrames(start, end, this.frameRate);
    if (extended) this.diagnostics.push(messages.writeExtendedToFrame(cue.id));
    return [framesToMs(first, this.frameRate), framesToMs(last, this.frameRate)];
  }

  private time(ms: number, cueId: string): number {
    const t = Math.round(ms);
    if (t >= 0) return t;
    this.diagnostics.push(messages.writeNegativeTime(cueId));
    return 0;
  }

  /** The cue's id when it is not the cue's number and can be written; else ''. */
  private writtenId(cue: Cue, index: number): string {
    if (cue.id === String(index + 1) || cue.id === '') return '';
    if (cue.id.includes('-->') || cue.id.includes('\n') || cue.id.includes('\r')) {
      this.diagnostics.push(messages.writeBadId(cue.id, cue.id));
      return '';
    }
    return cue.id;
  }

  private colorClass(color: string, cueId: string): string | undefined {
    if (DEFAULT_COLOR_CLASSES.has(color)) return color;
    if (!isModelColor(color)) {
      this.diagnostics.push(messages.writeColorDropped(color, cueId));
      return undefined;
    }
    const name = colorClassName(color);
    this.styled.set(name, color);
    return name;
  }

  private span(s: Span, cueId: string): string {
    let text = escape(s.text);
    if (text === '') return '';
    if (s.underline) text = `<u>${text}</u>`;
    if (s.bold) text = `<b>${text}</b>`;
    if (s.italic) text = `<i>${text}</i>`;
    const cls = s.color === undefined ? undefined : this.colorClass(s.color, cueId);
    return cls === undefined ? text : `<c.${cls}>${text}</c>`;
  }
}

/**
 * WebVTT text: header, an optional STYLE block for colours that are not
 * WebVTT colour classes, then the cues. Times land on the frame grid when a
 * frame rate is given or the track has one.
 */
export function write(track: Track, opts: SerializeOptions = {}): SerializeResult {
  const writer = new WebVttWriter(opts.frameRate ?? track.frameRate);
  reportInvertedCues(track.cues, writer.diagnostics);
  const text = writer.write(track);
  return { text, diagnostics: writer.diagnostics };
}

keepShapes(new WebVttWriter(undefined));
