import { isRightToLeft } from '../../model/base-direction.js';
import type { Diagnostic } from '../../model/diagnostic.js';
import { isNearBlack } from '../../model/color.js';
import { screenRow } from '../../model/screen-row.js';
import type { Cue, Span } from '../../model/track.js';
import { lowerCue, XML_CONTROL, type Capabilities } from '../shared/lower.js';
import { escapeText } from '../shared/xml-escape.js';
import { colorToArgb } from './color.js';
import { messages } from './messages.js';

/** Attribute names and positions where the two dialects differ. */
export interface LineDialect {
  valign: string;
  vposition: string;
  halign: string;
  hposition: string;
  underline: string;
  /** The `<Text>` attribute that says a line reads right to left, where the dialect has one. */
  direction?: string;
  /** `Vposition` of the line nearest the edge it hangs from, in percent of the screen height. */
  edge: number;
}

/** One line of 42-point text in percent of the screen height, with leading. */
const LINE_STEP = 6.5;
// Inset of left- or right-aligned text from its edge, in percent of the screen width.
const SIDE_INSET = 10;

/** Both dialects say every span flag and placement, at most two lines, colours as `AARRGGBB`. */
const CAPABILITIES: Capabilities = { color: colorToArgb, unwritable: XML_CONTROL, maxLines: 2, messages };

/** The cue's lines as `<Text>` elements; what cannot be said is reported against the cue (`lowerCue`). */
export function textElements(cue: Cue, d: LineDialect, indent: string, diagnostics: Diagnostic[]): string {
  const dark = cue.lines.flat().find((s) => s.color !== undefined && isNearBlack(s.color) && s.text.trim() !== '');
  if (dark) diagnostics.push(messages.darkOnBorder(dark.color!, cue.id));
  const lowered = lowerCue(cue, CAPABILITIES, diagnostics);
  const vertical = screenRow(cue);
  const n = cue.lines.length;

  const position = (i: number): { valign: string; vposition: number } => {
    if (vertical === 'top') return { valign: 'top', vposition: d.edge + i * LINE_STEP };
    if (vertical === 'middle') return { valign: 'center', vposition: (i - (n - 1) / 2) * LINE_STEP };
    return { valign: 'bottom', vposition: d.edge + (n - 1 - i) * LINE_STEP };
  };

  const spanXml = (s: Span): string => {
    let attrs = '';
    if (s.italic) attrs += ' Italic="yes"';
    if (s.bold) attrs += ' Weight="bold"';
    if (s.underline) attrs += ` ${d.underline}="yes"`;
    if (s.color !== undefined) attrs += ` Color="${s.color}"`;
    return attrs ? `<Font${attrs}>${escapeText(s.text)}</Font>` : escapeText(s.text);
  };

  const horizontal = cue.placement?.horizontal;
  const side = horizontal === 'left' || horizontal === 'right' ? ` ${d.halign}="${horizontal}" ${d.hposition}="${SIDE_INSET}"` : '';
  // Every line in the cue's base direction, as WebVTT lays out the same cue.
  const direction = d.direction !== undefined && isRightToLeft(lowered.lines) ? ` ${d.direction}="rtl"` : '';
  return lowered.lines
    .map((line, i) => {
      const { valign, vposition } = position(i);
      return `${indent}<Text${side}${direction} ${d.valign}="${valign}" ${d.vposition}="${vposition}">${line.map(spanXml).join('')}</Text>\n`;
    })
    .join('');
}

/** Whether the cue has something to show: a `<Subtitle>` without `<Text>` is invalid. */
function hasText(cue: Cue): boolean {
  return cue.lines.some((line) => line.some((s) => s.text.trim() !== ''));
}

/** A grid of whole units: frames of the edit rate, or Interop's ticks. */
export interface Grid {
  units(ms: number): number;
  unit: string;
}

const DAY_MS = 86_400_000;

/** The first cue with text that ends at or past 24:00:00:00 on the grid, where DCP timecodes wrap. */
export function pastDay(cues: readonly Cue[], grid: Grid): Cue | undefined {
  const day = grid.units(DAY_MS);
  return cues.find((cue) => grid.units(cue.end) >= day && hasText(cue));
}

/** A cue's times in whole units of the grid, at least one unit long. */
function unitTimes(cue: Cue, grid: Grid): { start: number; end: number; tooShort: boolean } {
  const start = grid.units(cue.start);
  const end = grid.units(cue.end);
  return end <= start ? { start, end: start + 1, tooShort: true } : { start, end, tooShort: false };
}

/**
 * The cues a `<SubtitleList>` holds, numbered from 1, their times in whole
 * units of the dialect's grid: a cue without text is left out, one shorter
 * than a unit is written one unit long; both are reported, as is a cue that
 * starts while another is on screen in its row.
 */
export function* timedCues(
  cues: readonly Cue[],
  grid: Grid,
  diagnostics: Diagnostic[],
): Generator<{ cue: Cue; spot: number; start: number; end: number }> {
  const overprinted = overprintedCues(cues.filter(hasText), grid);
  let spot = 0;
  for (const cue of cues) {
    if (!hasText(cue)) {
      diagnostics.push(messages.emptyCue(cue.id));
      continue;
    }
    const { start, end, tooShort } = unitTimes(cue, grid);
    if (tooShort) diagnostics.push(messages.tooShort(grid.unit, cue.id));
    const over = overprinted.get(cue);
    if (over !== undefined) diagnostics.push(messages.overprinted(cue.id, over.id, over.row));
    yield { cue, spot: ++spot, start, end };
  }
}

/**
 * A DCP places each subtitle by its row alone: two at once in one row are
 * drawn over each other. Judged in time order, not the file's (a track out
 * of order lists cues before ones they follow): each cue against the one
 * that ends last of those in its row that started before it.
 */
function overprintedCues(cues: readonly Cue[], grid: Grid): Map<Cue, { id: string; row: string }> {
  const out = new Map<Cue, { id: string; row: string }>();
  const timed = cues.map((cue) => ({ cue, ...unitTimes(cue, grid) }));
  const shown = new Map<string, { id: string; end: number }>();
  for (const { cue, start, end } of timed.sort((a, b) => a.start - b.start)) {
    const row = screenRow(cue);
    const before = shown.get(row);
    if (before !== undefined && start < before.end) out.set(cue, { id: before.id, row });
    if (before === undefined || end > before.end) shown.set(row, { id: cue.id, end });
  }
  return out;
}
