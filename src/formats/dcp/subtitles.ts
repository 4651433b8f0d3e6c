import type { Diagnostic, Location } from '../../model/diagnostic.js';
import { normalizeLine, span } from '../../model/spans.js';
import type { Cue, FrameRate, Ms, Placement, Span } from '../../model/track.js';
import type { CueTimeFields, TimeField } from '../types.js';
import { attributeValue } from '../shared/xml/attribute-value.js';
import { settleCueIds } from '../shared/cue-ids.js';
import { argbToColor } from './color.js';
import { messages } from './messages.js';
import { attrsOf, child, children, contentOf, isText, localName, TEXT, type Locator, type XNode } from './xml.js';

/** Where the two dialects differ below the header. */
export interface Dialect {
  valign: string;
  vposition: string;
  halign: string;
  /** A `TimeIn`/`TimeOut` value in ms; undefined when it is no time. */
  readTime(value: string): { ms: number; overflow: boolean } | undefined;
  timeExpected: string;
  overflow(attr: string, value: string, at: Location): Diagnostic;
  /**
   * How a time is written again where `written` stands, in its notation:
   * undefined when that notation cannot hold it (`counts`: the frames it counts).
   */
  timeWriter(written: string): (ms: Ms, rate: FrameRate) => string | undefined;
  counts?: FrameRate;
}

/** What reading the subtitles takes; `text` (the text the locator's offsets are in) when their times are to be located. */
export interface SubtitleReading {
  dialect: Dialect;
  locator: Locator;
  diagnostics: Diagnostic[];
  text?: string;
}

interface Style {
  italic: boolean;
  bold: boolean;
  underline: boolean;
  color: string | undefined;
}

interface PositionedLine {
  valign: string;
  halign: string;
  /** Distance from the top of the screen in percent, for ordering lines. */
  y: number;
  spans: Span[];
}

interface Context {
  dialect: Dialect;
  locator: Locator;
  diagnostics: Diagnostic[];
  cues: Cue[];
  /** With `text`: where each cue's times stand in it. */
  text: string | undefined;
  times: CueTimeFields[];
  /** Per cue: the line of its `<Subtitle>`, and whether it has a `SpotNumber`. */
  idLines: number[];
  numbered: boolean[];
  subtitles: number;
  overflowReported: boolean;
}

const PLAIN: Style = { italic: false, bold: false, underline: false, color: undefined };

/**
 * The cues under `container`: `<Font>` elements nest to any depth and pass
 * their style down to the `<Subtitle>`s and `<Text>`s inside them.
 */
export function readSubtitles(container: XNode, reading: SubtitleReading): { cues: Cue[]; times?: CueTimeFields[] } {
  const { dialect, locator, diagnostics, text } = reading;
  const ctx: Context = { dialect, locator, diagnostics, cues: [], text, times: [], idLines: [], numbered: [], subtitles: 0, overflowReported: false };
  walk(container, PLAIN, ctx);
  settleCueIds(ctx.cues, { lines: ctx.idLines, given: ctx.numbered }, diagnostics, ({ id, derived, line, firstLine }) =>
    messages.repeatedSpotNumber(id, derived, { line, firstLine }),
  );
  return text === undefined ? { cues: ctx.cues } : { cues: ctx.cues, times: ctx.times };
}

/** Where a `<Subtitle>`'s `TimeIn` or `TimeOut` stands, written again in its notation: one field for every row of it. */
function timeField(node: XNode, attr: 'TimeIn' | 'TimeOut', text: string, ctx: Context): TimeField[] | undefined {
  const at = attributeValue(text, ctx.locator.offset(node), attr);
  if (at === undefined) return undefined;
  const write = ctx.dialect.timeWriter(text.slice(at.from, at.to));
  const edge = attr === 'TimeIn' ? 'start' : 'end';
  const field: TimeField = { ...at, write: (times, rate) => write(times[edge], rate) };
  if (ctx.dialect.counts !== undefined) field.counts = ctx.dialect.counts;
  return [field];
}

function walk(node: XNode, style: Style, ctx: Context): void {
  for (const c of children(node)) {
    if (isText(c)) continue;
    const name = localName(c);
    if (name === 'Font') walk(c, fontStyle(c, style, ctx), ctx);
    else if (name === 'Subtitle') readSubtitle(c, style, ctx);
  }
}

function fontStyle(node: XNode, base: Style, ctx: Context): Style {
  const a = attrsOf(node);
  const style = { ...base };
  // `left` and `right` are SMPTE's slant directions: italic either way.
  if (a['Italic'] !== undefined) style.italic = a['Italic'] !== 'no';
  if (a['Weight'] !== undefined) style.bold = a['Weight'] === 'bold';
  // SMPTE says `Underline`, Interop `Underlined`; files mix them up.
  const underline = a['Underline'] ?? a['Underlined'];
  if (underline !== undefined) style.underline = underline === 'yes';
  const color = a['Color'];
  if (color !== undefined) {
    const c = argbToColor(color);
    if (c === null) ctx.diagnostics.push(messages.badColor(color, ctx.locator.at(node)));
    else style.color = c;
  }
  return style;
}

function readTime(node: XNode, attr: 'TimeIn' | 'TimeOut', ctx: Context): number | undefined {
  const value = attrsOf(node)[attr] ?? '';
  const time = ctx.dialect.readTime(value);
  if (!time) {
    ctx.diagnostics.push(messages.badTime(attr, value, ctx.dialect.timeExpected, ctx.locator.at(node)));
    return undefined;
  }
  if (time.overflow && !ctx.overflowReported) {
    ctx.overflowReported = true;
    ctx.diagnostics.push(ctx.dialect.overflow(attr, value, ctx.locator.at(node)));
  }
  return time.ms;
}

function readSubtitle(node: XNode, style: Style, ctx: Context): void {
  ctx.subtitles++;
  const start = readTime(node, 'TimeIn', ctx);
  const end = readTime(node, 'TimeOut', ctx);
  if (start === undefined || end === undefined) return;

  const lines: PositionedLine[] = [];
  const found = { image: false, ruby: false, vertical: false };
  collectLines(node, style, ctx, lines, found);
  const at = ctx.locator.at(node);
  if (found.ruby) ctx.diagnostics.push(messages.rubyDropped(at));
  if (found.vertical) ctx.diagnostics.push(messages.verticalDropped(at));
  const shown = lines.filter((l) => l.spans.length > 0);
  if (shown.length === 0) {
    ctx.diagnostics.push(found.image ? messages.imageSubtitle(at) : messages.emptySubtitle(at));
    return;
  }
  const spotNumber = attrsOf(node)['SpotNumber']?.trim() || undefined;
  const id = spotNumber ?? String(ctx.subtitles);
  if (end < start) ctx.diagnostics.push(messages.endBeforeStart(at, id));
  else if (end === start) ctx.diagnostics.push(messages.noDuration(at, id));

  const ordered = shown.map((l, i) => ({ l, i })).sort((a, b) => a.l.y - b.l.y || a.i - b.i).map(({ l }) => l);
  // Lines in more than one row (a sign over the dialogue, a label mid-screen): one cue has one place, so each row is its own cue.
  const rows = new Map<Placement['vertical'], PositionedLine[]>();
  for (const line of ordered) rows.set(rowOf(line), [...(rows.get(rowOf(line)) ?? []), line]);
  // In screen order, from the top: each row enters the map with its highest line.
  const cues = [...rows].map(([row, group], i) => ({ cueId: i === 0 ? id : `${id}~${i + 1}`, row, group, numbered: i === 0 && spotNumber !== undefined }));
  if (cues.length > 1) ctx.diagnostics.push(messages.splitSubtitle(cues, at));
  // The rows of one subtitle share its times: moved apart, they could not be written back in it.
  const times: CueTimeFields | undefined = ctx.text === undefined ? undefined : { start: timeField(node, 'TimeIn', ctx.text, ctx), end: timeField(node, 'TimeOut', ctx.text, ctx) };
  for (const { cueId, group, numbered } of cues) {
    const cue: Cue = { id: cueId, start, end, lines: group.map((l) => l.spans) };
    const placement = placementOf(group);
    if (placement) cue.placement = placement;
    ctx.cues.push(cue);
    if (times !== undefined) ctx.times.push(times);
    ctx.idLines.push(at.line ?? 0);
    ctx.numbered.push(numbered);
  }
}

function collectLines(node: XNode, style: Style, ctx: Context, lines: PositionedLine[], found: { image: boolean; ruby: boolean; vertical: boolean }): void {
  for (const c of children(node)) {
    if (isText(c)) continue;
    const name = localName(c);
    if (name === 'Font') collectLines(c, fontStyle(c, style, ctx), ctx, lines, found);
    else if (name === 'Image') found.image = true;
    else if (name === 'Text') lines.push(readText(c, style, ctx, found));
  }
}

function readText(node: XNode, style: Style, ctx: Context, found: { ruby: boolean; vertical: boolean }): PositionedLine {
  const a = attrsOf(node);
  const direction = a['Direction']?.trim();
  if (direction === 'ttb' || direction === 'btt') found.vertical = true;
  const { dialect } = ctx;
  // Both schemas default to the centre of the screen.
  const valign = a[dialect.valign] ?? 'center';
  const vposition = Number.parseFloat(a[dialect.vposition] ?? '0');
  const v = Number.isFinite(vposition) ? vposition : 0;
  const y = valign === 'top' ? v : valign === 'bottom' ? 100 - v : 50 + v;
  const runs: Span[] = [];
  textRuns(node, style, ctx, runs, found);
  return { valign, halign: a[dialect.halign] ?? 'center', y, spans: normalizeLine(trimEnds(runs)) };
}


function styled(text: string, s: Style): Span {
  return span(text, { italic: s.italic || undefined, bold: s.bold || undefined, underline: s.underline || undefined, color: s.color });
}

function textRuns(node: XNode, style: Style, ctx: Context, out: Span[], found: { ruby: boolean }): void {
  for (const c of children(node)) {
    if (isText(c)) {
      // A line break inside `<Text>` is the file's indentation, not a new line: each `<Text>` is one line.
      out.push(styled(String(c[TEXT]).replace(/[ \t]*[\r\n]+[ \t\r\n]*/g, ' '), style));
      continue;
    }
    switch (localName(c)) {
      case 'Font':
        textRuns(c, fontStyle(c, style, ctx), ctx, out, found);
        break;
      case 'Space':
        // A gap of some width: one space, unless the text before it already ends in one.
        if (!/\s$/.test(out[out.length - 1]?.text ?? '')) out.push(styled(' ', style));
        break;
      case 'Ruby':
        found.ruby = true;
        out.push(styled(contentOf(child(c, 'Rb')), style));
        break;
      case 'HGroup':
      case 'Rotate':
        out.push(styled(contentOf(c), style));
        break;
    }
  }
}

/** Drops the white space at the two ends of a line, through spans that hold nothing else. */
/** XML's white space (the file's layout) at the ends of a line; a no-break or ideographic space there is text, kept. */
function trimEnds(spans: Span[]): Span[] {
  for (const s of spans) {
    s.text = s.text.replace(/^[ \t\r\n]+/, '');
    if (s.text) break;
  }
  for (let i = spans.length - 1; i >= 0; i--) {
    const s = spans[i]!;
    s.text = s.text.replace(/[ \t\r\n]+$/, '');
    if (s.text) break;
  }
  return spans;
}

/** The row a line stands in: `Valign="top"` with a large `Vposition` is low on the screen. */
function rowOf(line: PositionedLine): Placement['vertical'] {
  return line.valign === 'center' ? 'middle' : line.y < 50 ? 'top' : 'bottom';
}

/** Where the lines of one row sit on screen. */
function placementOf(lines: readonly PositionedLine[]): Placement | undefined {
  const vertical = rowOf(lines[0]!);
  const h = lines[0]!.halign;
  const horizontal = (h === 'left' || h === 'right') && lines.every((l) => l.halign === h) ? h : undefined;
  if (horizontal) return { vertical, horizontal };
  return vertical === 'bottom' ? undefined : { vertical };
}
