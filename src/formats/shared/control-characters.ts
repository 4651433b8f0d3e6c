import { diagnostic, type Diagnostic } from '../../model/diagnostic.js';
import { XML_CONTROL } from './lower.js';
import { SourceLines } from './source-lines.js';

/** `U+001B`: how a message names a character no one can see. */
export function codePointName(c: number): string {
  return `U+${c.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** The refusal's detail for the control character at `offset` of an XML document. */
export function controlCharacter(text: string, offset: number): string {
  return `found the control character ${codePointName(text.charCodeAt(offset))}; expected none: XML 1.0 allows no control character but tab, line feed and carriage return`;
}

/**
 * SRT or WebVTT text without its control characters (NUL, escape, U+FFFF …),
 * which mean nothing on screen and break players and every XML writer, and
 * the warning at the first of them; undefined when there is none. Removed
 * before reading, so every line number stays. One pass over the text, made
 * where `parse` decodes, for both line formats (XML readers refuse them).
 */
export function withoutControlCharacters(text: string): { text: string; diagnostic: Diagnostic } | undefined {
  const at = text.search(XML_CONTROL);
  if (at < 0) return undefined;
  const more = text.match(XML_CONTROL)!.length - 1;
  const message = `found the control character ${codePointName(text.charCodeAt(at))}${more > 0 ? ` (and ${more} more)` : ''}; expected text; left out`;
  return { text: text.replace(XML_CONTROL, ''), diagnostic: diagnostic('input/control-characters', 'warning', message, new SourceLines(text).locate(at)) };
}
