import { regionRow, type Region } from './region.js';
import { isRightToLeft } from '../../model/base-direction.js';
import type { Placement, Span } from '../../model/track.js';
import { percentage, rowAt } from './screen-position.js';
import { isAsciiWhitespace, isDigit } from '../shared/char-codes.js';

/** A setting the parser ignored (invalid by the spec) or read but could not keep. */
export interface SettingNote {
  kind: 'invalid' | 'dropped' | 'legacy-middle' | 'unplaced-region';
  /** The setting as written, e.g. `line:abc`. */
  setting: string;
  /** The setting's name, e.g. `line`. */
  name: string;
}

export interface CueSettings {
  placement?: Placement;
  notes: SettingNote[];
}

type Horizontal = NonNullable<Placement['horizontal']>;

interface Raw {
  line?: { value: number; percent: boolean; align: 'start' | 'center' | 'end' };
  position?: { value: number; align?: 'line-left' | 'center' | 'line-right' };
  size?: number;
  align?: 'start' | 'center' | 'end' | 'left' | 'right';
  /** The last `region:` setting, and the REGION block it names (none when no block has that id). */
  region?: { setting: string; block: Region | undefined };
}


/** A line number: optional leading `-`, digits, at most one `.` between digits. */
function lineNumber(text: string): number | undefined {
  let dots = 0;
  let sawDigit = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (isDigit(c)) sawDigit = true;
    else if (c === 0x2d) {
      if (i !== 0) return undefined;
    } else if (c === 0x2e) {
      if (++dots > 1 || !isDigit(text.charCodeAt(i - 1)) || !isDigit(text.charCodeAt(i + 1))) return undefined;
    } else return undefined;
  }
  if (!sawDigit) return undefined;
  const value = Number(text);
  return Number.isFinite(value) ? value : undefined;
}

function splitAtComma(value: string): [string, string | undefined] {
  const comma = value.indexOf(',');
  return comma < 0 ? [value, undefined] : [value.slice(0, comma), value.slice(comma + 1)];
}

function readLine(value: string): Raw['line'] {
  const [pos, align] = splitAtComma(value);
  if (align !== undefined && align !== 'start' && align !== 'center' && align !== 'end') return undefined;
  const percent = pos.charCodeAt(pos.length - 1) === 0x25;
  const number = percent ? percentage(pos) : lineNumber(pos);
  return number === undefined ? undefined : { value: number, percent, align: align ?? 'start' };
}

function readPosition(value: string): Raw['position'] {
  const [pos, align] = splitAtComma(value);
  if (align !== undefined && align !== 'line-left' && align !== 'center' && align !== 'line-right') return undefined;
  const number = percentage(pos);
  if (number === undefined) return undefined;
  return align === undefined ? { value: number } : { value: number, align };
}

/**
 * The height of a line box in snap-to-lines mode, in percent of the video's
 * height: the rendering rules set cue text in 5vh type (its line box is a
 * little taller, which only moves a numbered line further from its edge).
 */
const LINE_STEP = 5;


/** Top, middle or bottom from where the cue box's centre lands. */
function vertical(line: NonNullable<Raw['line']>): Placement['vertical'] {
  // A two-line cue box is about a tenth of the height; its centre is what the eye sees.
  if (!line.percent) {
    // The rendering rules round the number, then count line boxes down from the top (0 is the first)
    // or, when negative, up from the bottom (-1 is the last); the line alignment plays no part.
    const n = Math.floor(line.value + 0.5);
    return n >= 0 ? rowAt(n * LINE_STEP + 5) : rowAt(100 + (n + 1) * LINE_STEP - 5);
  }
  return rowAt(line.align === 'start' ? line.value + 5 : line.align === 'end' ? line.value - 5 : line.value);
}

/** `align` as line-left or line-right: `start` and `end` in the direction the cue's text is written (right-to-left for `rtl`). */
function absoluteAlign(align: NonNullable<Raw['align']>, rtl: boolean): 'left' | 'center' | 'right' {
  if (align === 'start') return rtl ? 'right' : 'left';
  if (align === 'end') return rtl ? 'left' : 'right';
  return align;
}

function horizontal(raw: Raw, lines: readonly (readonly Span[])[]): Horizontal {
  const written = raw.align ?? 'center';
  // The computed position alignment reads the cue text's base direction; only `start` and `end` ask for it.
  const align = absoluteAlign(written, (written === 'start' || written === 'end') && isRightToLeft(lines));
  if (raw.position === undefined) return align;
  const anchor = raw.position.align ?? (align === 'left' ? 'line-left' : align === 'right' ? 'line-right' : 'center');
  const position = raw.position.value;
  // The cue box as the rendering rules size it: clamped to the viewport, so `position:0% align:start` spans it all.
  const room = anchor === 'line-left' ? 100 - position : anchor === 'line-right' ? position : 2 * Math.min(position, 100 - position);
  const size = Math.min(raw.size ?? 100, room);
  const left = anchor === 'line-left' ? position : anchor === 'line-right' ? position - size : position - size / 2;
  // Where the text stands in its box: at the edge it is aligned to, else the middle.
  const at = align === 'left' ? left : align === 'right' ? left + size : left + size / 2;
  if (at < 35) return 'left';
  return at > 65 ? 'right' : 'center';
}

function toPlacement(raw: Raw, lines: readonly (readonly Span[])[], notes: SettingNote[]): Placement | undefined {
  let v: Placement['vertical'] = 'bottom';
  // A cue's own `line` places it outside its region, as the rendering rules do.
  if (raw.line !== undefined) v = vertical(raw.line);
  else if (raw.region?.block !== undefined) {
    const row = regionRow(raw.region.block);
    if (row === undefined) notes.push({ kind: 'unplaced-region', setting: raw.region.setting, name: 'region' });
    else v = row;
  }
  const h = horizontal(raw, lines);
  if (h === 'center') return v === 'bottom' ? undefined : { vertical: v };
  return { vertical: v, horizontal: h };
}

/**
 * The WebVTT "parse the WebVTT cue settings" algorithm, lowered to the
 * model's placement: only which edge and which side, the way a subtitler
 * would describe it. A cue in a region takes the row its REGION block
 * (`regions`, by id) stands in; `start` and `end` are the sides the cue's
 * `lines` are written from and towards. Writing direction and size are reported.
 */
export function parseCueSettings(text: string, regions: ReadonlyMap<string, Region>, lines: readonly (readonly Span[])[]): CueSettings {
  const notes: SettingNote[] = [];
  const raw: Raw = {};
  let i = 0;
  while (i < text.length) {
    while (i < text.length && isAsciiWhitespace(text.charCodeAt(i))) i++;
    const start = i;
    while (i < text.length && !isAsciiWhitespace(text.charCodeAt(i))) i++;
    if (i === start) break;
    const setting = text.slice(start, i);
    const colon = setting.indexOf(':');
    if (colon <= 0 || colon === setting.length - 1) {
      notes.push({ kind: 'invalid', setting, name: colon <= 0 ? setting : setting.slice(0, colon) });
      continue;
    }
    const name = setting.slice(0, colon);
    const value = setting.slice(colon + 1);
    let ok = true;
    switch (name) {
      case 'line': {
        const line = readLine(value);
        if (line) raw.line = line;
        else ok = false;
        break;
      }
      case 'position': {
        const position = readPosition(value);
        if (position) raw.position = position;
        else ok = false;
        break;
      }
      case 'size': {
        const size = percentage(value);
        if (size === undefined) ok = false;
        else {
          raw.size = size;
          if (size !== 100) notes.push({ kind: 'dropped', setting, name });
        }
        break;
      }
      case 'align':
        if (value === 'start' || value === 'center' || value === 'end' || value === 'left' || value === 'right') raw.align = value;
        // The 2014 name of the default, which the current spec ignores to the same effect.
        else if (value === 'middle') notes.push({ kind: 'legacy-middle', setting, name });
        else ok = false;
        break;
      case 'vertical':
        if (value === 'rl' || value === 'lr') notes.push({ kind: 'dropped', setting, name });
        else ok = false;
        break;
      case 'region':
        // The last `region:` wins, even when no block has its id (the spec then gives the cue none).
        raw.region = { setting, block: regions.get(value) };
        break;
      default:
        ok = false;
    }
    if (!ok) notes.push({ kind: 'invalid', setting, name });
  }
  if (raw.region !== undefined && raw.region.block === undefined) notes.push({ kind: 'dropped', setting: raw.region.setting, name: 'region' });
  const placement = toPlacement(raw, lines, notes);
  return placement ? { placement, notes } : { notes };
}
