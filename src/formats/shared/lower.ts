import type { Diagnostic } from '../../model/diagnostic.js';
import type { Cue, Span } from '../../model/track.js';

/** Characters XML 1.0 cannot carry at all. */
export const XML_CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

/**
 * What a format can say of a cue beyond its times, stated by each writer
 * beside its `write.ts`: what `lowerCue` keeps, converts or drops. Italic,
 * bold, underline and placement are said by every writer that uses it.
 */
export interface Capabilities {
  /** The colour as the format writes it; undefined when the format has no form for it. */
  color(color: string): string | undefined;
  /** Characters the format cannot carry (a global RegExp): left out. */
  unwritable: RegExp;
  /** Lines a cue may hold; more are written all the same, and reported. @default no limit */
  maxLines?: number;
  /** The format's own words for what it dropped or cannot hold. */
  messages: {
    colorDropped(color: string, cueId: string): Diagnostic;
    controlCharsDropped(cueId: string): Diagnostic;
    tooManyLines?(count: number, cueId: string): Diagnostic;
  };
}

/**
 * The cue as its format can say it: each colour in the format's own form or
 * dropped, characters the format cannot carry left out. Each loss is reported
 * once for the cue (a colour once per colour), in the order it was found.
 */
export function lowerCue(cue: Cue, capabilities: Capabilities, diagnostics: Diagnostic[]): Cue {
  const { messages } = capabilities;
  if (capabilities.maxLines !== undefined && cue.lines.length > capabilities.maxLines && messages.tooManyLines) {
    diagnostics.push(messages.tooManyLines(cue.lines.length, cue.id));
  }
  const droppedColors = new Set<string>();
  let controls = false;
  const lowerSpan = (s: Span): Span => {
    const out: Span = { ...s, text: s.text.replace(capabilities.unwritable, '') };
    if (out.text !== s.text && !controls) {
      controls = true;
      diagnostics.push(messages.controlCharsDropped(cue.id));
    }
    if (s.color === undefined) return out;
    const color = capabilities.color(s.color);
    if (color !== undefined) return { ...out, color };
    delete out.color;
    if (!droppedColors.has(s.color)) {
      droppedColors.add(s.color);
      diagnostics.push(messages.colorDropped(s.color, cue.id));
    }
    return out;
  };
  return { ...cue, lines: cue.lines.map((line) => line.map(lowerSpan)) };
}
