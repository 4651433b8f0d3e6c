import { diagnostic, type Diagnostic } from '../../model/diagnostic.js';
import { windows1252For } from './character-reference.js';
import { SourceLines } from './source-lines.js';

/** `U+001B`: how a message names a character no one can see. */
export function codePointName(c: number): string {
  return `U+${c.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** The refusal's detail for the control character at `offset` of an XML document. */
export function controlCharacter(text: string, offset: number): string {
  return `found the control character ${codePointName(text.charCodeAt(offset))}; expected none: XML 1.0 allows no control character but tab, line feed and carriage return`;
}

/** DEL and the C1 controls: XML may hold them, yet a screen shows nothing for them. */
export const C1_CONTROL = /[\u007f-\u009f]/g;
/** Every control character subtitle text keeps none of: `XML_CONTROL` and `C1_CONTROL`. */
const TEXT_CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufffe\uffff]/g;

/** The text with each C1 control as the Windows-1252 character it stands for (`windows1252For`), DEL and the unnamed ones left out. */
export function withoutC1Controls(text: string): string {
  return text.replace(C1_CONTROL, (c) => windows1252For(c.charCodeAt(0)));
}

/** The warning for `count` control characters, the first `first`, left out or read as the Windows-1252 characters they stand for. */
export function controlCharactersFound(first: number, count: number, location: Pick<Diagnostic, 'line' | 'column'>): Diagnostic {
  const more = count > 1 ? ` (and ${count - 1} more)` : '';
  const c1 = first >= 0x7f && first <= 0x9f;
  const read = !c1 ? 'left out' : windows1252For(first) === '' ? 'left out (Windows-1252 names no character there)' : `read as \`${windows1252For(first)}\`, the Windows-1252 character it stands for in a file converted from Windows-1252 as if it were Latin-1`;
  return diagnostic('input/control-characters', 'warning', `found the control character ${codePointName(first)}${more}; expected text; ${read}`, location);
}

/**
 * SRT or WebVTT text without its control characters (NUL, escape, U+FFFF …),
 * which mean nothing on screen and break players and every XML writer, and
 * the warning at the first of them; undefined when there is none. A C1
 * control is read as the Windows-1252 character it stands for. Removed
 * before reading, so every line number stays. One pass over the text, made
 * where `parse` decodes, for both line formats (XML readers refuse the
 * controls XML forbids, and read the C1 ones the same way).
 */
export function withoutControlCharacters(text: string): { text: string; diagnostic: Diagnostic } | undefined {
  const at = text.search(TEXT_CONTROL);
  if (at < 0) return undefined;
  const count = text.match(TEXT_CONTROL)!.length;
  const cleaned = text.replace(TEXT_CONTROL, (c) => {
    const code = c.charCodeAt(0);
    return code >= 0x7f && code <= 0x9f ? windows1252For(code) : '';
  });
  return { text: cleaned, diagnostic: controlCharactersFound(text.charCodeAt(at), count, new SourceLines(text).locate(at)) };
}
