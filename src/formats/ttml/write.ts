import { isRightToLeft } from '../../model/base-direction.js';
import type { Diagnostic } from '../../model/diagnostic.js';
import { cueFrames } from '../../model/frame-rate.js';
import { screenRow } from '../../model/screen-row.js';
import type { Cue, FrameRate, Placement, Span, Track } from '../../model/track.js';
import { lowerCue, XML_CONTROL, type Capabilities } from '../shared/lower.js';
import { escapeText } from '../shared/xml-escape.js';
import { xmlLanguage } from '../shared/xml-language.js';
import type { SerializeOptions, SerializeResult } from '../types.js';
import { isTtmlColorName } from './colors.js';
import { messages } from './messages.js';
import { rat } from './rational.js';
import { reportInvertedCues } from '../shared/inverted-cues.js';

const PROFILE = 'http://www.w3.org/ns/ttml/profile/imsc1.1/text';

// Regions inset 10% (the IMSC title-safe habit); the text hangs from the edge its displayAlign names.
export const REGIONS: Record<Placement['vertical'], { id: string; displayAlign: string }> = {
  bottom: { id: 'r_bottom', displayAlign: 'after' },
  top: { id: 'r_top', displayAlign: 'before' },
  middle: { id: 'r_middle', displayAlign: 'center' },
};

const NCNAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

/** IMSC 1.1 Text says every span flag and placement; colours by TTML name or hex as they are. */
const CAPABILITIES: Capabilities = {
  color: (color) => (isTtmlColorName(color) || /^#[0-9a-f]{6}([0-9a-f]{2})?$/.test(color) ? color : undefined),
  unwritable: XML_CONTROL,
  messages,
};

export function escapeAttr(text: string): string {
  return escapeText(text).replace(/"/g, '&quot;');
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** `HH:MM:SS.mmm` media time. */
export function clock(ms: number): string {
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor(ms / 60_000) % 60;
  const s = Math.floor(ms / 1000) % 60;
  return `${pad(h)}:${pad(m)}:${pad(s)}.${pad(ms % 1000, 3)}`;
}

export interface FrameGrid {
  rate: FrameRate;
  fps: number;
  multiplier: readonly [number, number];
}

export function grid(rate: FrameRate): FrameGrid {
  // A rate from JavaScript may be anything; a fraction of non-integers would never reduce.
  if (!(Number.isSafeInteger(rate.numerator) && rate.numerator > 0 && Number.isSafeInteger(rate.denominator) && rate.denominator > 0)) {
    throw new TypeError(`a frame rate is a fraction of two positive whole numbers, { numerator, denominator }; got ${JSON.stringify(rate)}`);
  }
  const fps = Math.max(1, Math.round(rate.numerator / rate.denominator));
  const m = rat(rate.numerator, rate.denominator * fps);
  return { rate, fps, multiplier: [m.n, m.d] };
}

/**
 * A frame of the grid as a time expression. At whole rates the
 * `HH:MM:SS:FF` label is exact. At 1000/1001 rates TTML media time reads the
 * clock part as real seconds and only FF at the effective rate, so a label
 * cannot hit a frame exactly; those times are written as a frame count (`Nf`).
 */
function frameTime(frames: number, g: FrameGrid): string {
  if (g.multiplier[0] !== g.multiplier[1]) return `${frames}f`;
  const f = frames % g.fps;
  const seconds = Math.floor(frames / g.fps);
  return `${pad(Math.floor(seconds / 3600))}:${pad(Math.floor(seconds / 60) % 60)}:${pad(seconds % 60)}:${pad(f)}`;
}

export class Styles {
  private readonly colors = new Map<string, string>();
  used = { italic: false, bold: false, underline: false };

  /** The style ids a lowered span refers to, each style marked used. */
  refs(s: Span): string[] {
    const refs: string[] = [];
    for (const flag of ['italic', 'bold', 'underline'] as const) {
      if (!s[flag]) continue;
      refs.push(`s_${flag}`);
      this.used[flag] = true;
    }
    if (s.color !== undefined) {
      let id = this.colors.get(s.color);
      if (id === undefined) this.colors.set(s.color, (id = `s_color${this.colors.size + 1}`));
      refs.push(id);
    }
    return refs;
  }

  xml(): string[] {
    const out: string[] = [];
    if (this.used.italic) out.push('<style xml:id="s_italic" tts:fontStyle="italic"/>');
    if (this.used.bold) out.push('<style xml:id="s_bold" tts:fontWeight="bold"/>');
    if (this.used.underline) out.push('<style xml:id="s_underline" tts:textDecoration="underline"/>');
    for (const [color, id] of this.colors) out.push(`<style xml:id="${id}" tts:color="${escapeAttr(color)}"/>`);
    return out;
  }
}

/** IMSC 1.1 Text: one `p` per cue, styles defined once in `<styling>` and referenced. */
export function write(track: Track, opts: SerializeOptions = {}): SerializeResult {
  const diagnostics: Diagnostic[] = [];
  reportInvertedCues(track.cues, diagnostics);
  const rate = opts.frameRate ?? track.frameRate;
  const g = rate ? grid(rate) : undefined;
  const styles = new Styles();
  const verticals = new Set<Placement['vertical']>(['bottom']);
  const usedIds = new Set<string>(['s_italic', 's_bold', 's_underline', 'r_bottom', 'r_top', 'r_middle']);

  const spanXml = (s: Span): string => {
    const refs = styles.refs(s);
    for (const id of refs) usedIds.add(id);
    return refs.length === 0 ? escapeText(s.text) : `<span style="${refs.join(' ')}">${escapeText(s.text)}</span>`;
  };

  const body: string[] = [];
  for (const cue of track.cues) {
    const { content, vertical, horizontal, space, rtl } = paragraph(lowerCue(cue, CAPABILITIES, diagnostics), spanXml);
    verticals.add(vertical);
    let times = `begin="${clock(cue.start)}" end="${clock(cue.end)}"`;
    if (g) {
      const { first, last, extended } = cueFrames(cue.start, cue.end, g.rate);
      if (extended) diagnostics.push(messages.extendedToFrame(cue.id));
      times = `begin="${frameTime(first, g)}" end="${frameTime(last, g)}"`;
    }
    let attrs = `xml:id="${xmlId(cue.id, usedIds)}" ${times}`;
    // Each p names its region: a region on body would hide every p that names another (TTML1 §9.3.3).
    attrs += ` region="${REGIONS[vertical].id}"`;
    if (horizontal === 'left' || horizontal === 'right') attrs += ` tts:textAlign="${horizontal}"`;
    // TTML's direction is `ltr` unless stated; on a `p` it alone sets the paragraph's base direction (TTML2 §10.2.12).
    if (rtl) attrs += ' tts:direction="rtl"';
    body.push(`      <p ${attrs}${space}>${content}</p>`);
  }

  let root = `<tt xmlns="http://www.w3.org/ns/ttml" xmlns:ttp="http://www.w3.org/ns/ttml#parameter" xmlns:tts="http://www.w3.org/ns/ttml#styling" xmlns:ttm="http://www.w3.org/ns/ttml#metadata" ttp:contentProfiles="${PROFILE}" ttp:timeBase="media"`;
  if (g) {
    root += ` ttp:frameRate="${g.fps}"`;
    if (g.multiplier[0] !== g.multiplier[1]) root += ` ttp:frameRateMultiplier="${g.multiplier[0]} ${g.multiplier[1]}"`;
  }
  const language = xmlLanguage(track.language);
  if (language.changed) diagnostics.push(messages.badLanguage(track.language, language.tag));
  root += ` xml:lang="${escapeAttr(language.tag)}">`;

  const head: string[] = ['  <head>'];
  if (track.meta.title) head.push('    <metadata>', `      <ttm:title>${escapeText(track.meta.title.replace(XML_CONTROL, ''))}</ttm:title>`, '    </metadata>');
  const styleXml = styles.xml();
  if (styleXml.length > 0) for (const line of ['    <styling>', ...styleXml.map((s) => `      ${s}`), '    </styling>']) head.push(line);
  head.push('    <layout>');
  for (const v of ['bottom', 'top', 'middle'] as const) {
    if (!verticals.has(v)) continue;
    const r = REGIONS[v];
    head.push(`      <region xml:id="${r.id}" tts:origin="10% 10%" tts:extent="80% 80%" tts:displayAlign="${r.displayAlign}" tts:textAlign="center"/>`);
  }
  head.push('    </layout>', '  </head>');

  const text = ['<?xml version="1.0" encoding="UTF-8"?>', root, ...head, '  <body>', '    <div>', ...body, '    </div>', '  </body>', '</tt>', ''].join('\n');
  return { text, diagnostics };
}

/** Spaces a reader collapses unless told to keep them: at either end of a line, two in a row, a tab. */
const COLLAPSIBLE = /^\s|\s$|\s\s|\t/;

/**
 * A lowered cue's `p`: its spans as content, lines joined by `<br/>`, where
 * it stands (bottom unless placed), its attribute `xml:space="preserve"`
 * (with its leading space) when its spacing would otherwise collapse on
 * reading, and whether its text reads right to left, as WebVTT and SRT
 * players show the same cue.
 */
export function paragraph(
  cue: Cue,
  spanXml: (s: Span) => string,
): { content: string; vertical: Placement['vertical']; horizontal: Placement['horizontal']; space: string; rtl: boolean } {
  const content = cue.lines.map((line) => line.map(spanXml).join('')).join('<br/>');
  const space = cue.lines.some((line) => COLLAPSIBLE.test(line.map((s) => s.text).join(''))) ? ' xml:space="preserve"' : '';
  return { content, vertical: screenRow(cue), horizontal: cue.placement?.horizontal, space, rtl: isRightToLeft(cue.lines) };
}

/**
 * A unique NCName for `xml:id`: the cue's own id when it is one, else `c` and
 * its id (`s_` and `r_` are the writer's own style and region ids).
 */
export function xmlId(id: string, used: Set<string>): string {
  let base = NCNAME.test(id) && !/^[sr]_/.test(id) ? id : `c${id.replace(/[^A-Za-z0-9_.-]/g, '_')}`;
  if (!NCNAME.test(base)) base = 'c';
  let out = base;
  for (let n = 2; used.has(out); n++) out = `${base}-${n}`;
  used.add(out);
  return out;
}
