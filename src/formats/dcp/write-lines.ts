import type { Diagnostic } from '../../model/diagnostic.js';
import type { Cue, Span } from '../../model/track.js';
import { colorToArgb } from './color.js';
import { messages } from './messages.js';

/** Attribute names and positions where the two dialects differ. */
export interface LineDialect {
  valign: string;
  vposition: string;
  halign: string;
  hposition: string;
  underline: string;
  /** `Vposition` of the line nearest the edge it hangs from, in percent of the screen height. */
  edge: number;
}

/** One line of 42-point text in percent of the screen height, with leading. */
const LINE_STEP = 6.5;
const MAX_LINES = 2;
// Inset of left- or right-aligned text from its edge, in percent of the screen width.
const SIDE_INSET = 10;

// Characters XML 1.0 cannot carry at all.
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

export function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The cue's lines as `<Text>` elements; what cannot be said is reported against the cue. */
export function textElements(cue: Cue, d: LineDialect, indent: string, diagnostics: Diagnostic[]): string {
  if (cue.lines.length > MAX_LINES) diagnostics.push(messages.tooManyLines(cue.lines.length, cue.id));
  const vertical = cue.placement?.vertical ?? 'bottom';
  const n = cue.lines.length;
  const reported = new Set<string>();
  let controls = false;

  const position = (i: number): { valign: string; vposition: number } => {
    if (vertical === 'top') return { valign: 'top', vposition: d.edge + i * LINE_STEP };
    if (vertical === 'middle') return { valign: 'center', vposition: (i - (n - 1) / 2) * LINE_STEP };
    return { valign: 'bottom', vposition: d.edge + (n - 1 - i) * LINE_STEP };
  };

  const spanXml = (s: Span): string => {
    const clean = s.text.replace(CONTROL, '');
    controls ||= clean !== s.text;
    let attrs = '';
    if (s.italic) attrs += ' Italic="yes"';
    if (s.bold) attrs += ' Weight="bold"';
    if (s.underline) attrs += ` ${d.underline}="yes"`;
    if (s.color !== undefined) {
      const argb = colorToArgb(s.color);
      if (argb) attrs += ` Color="${argb}"`;
      else if (!reported.has(s.color)) {
        reported.add(s.color);
        diagnostics.push(messages.colorDropped(s.color, cue.id));
      }
    }
    return attrs ? `<Font${attrs}>${escapeText(clean)}</Font>` : escapeText(clean);
  };

  const horizontal = cue.placement?.horizontal;
  const side = horizontal === 'left' || horizontal === 'right' ? ` ${d.halign}="${horizontal}" ${d.hposition}="${SIDE_INSET}"` : '';
  const xml = cue.lines
    .map((line, i) => {
      const { valign, vposition } = position(i);
      return `${indent}<Text${side} ${d.valign}="${valign}" ${d.vposition}="${vposition}">${line.map(spanXml).join('')}</Text>\n`;
    })
    .join('');
  if (controls) diagnostics.push(messages.controlCharsDropped(cue.id));
  return xml;
}

/** Whether the cue has something to show: a `<Subtitle>` without `<Text>` is invalid. */
export function hasText(cue: Cue): boolean {
  return cue.lines.some((line) => line.some((s) => s.text.trim() !== ''));
}
