/**
 * Whether a UTF-16 code unit is white space as `/\s/u` and `String#trim`
 * see it (space, tab, line ends, NBSP, U+1680, U+2000–U+200A, U+2028,
 * U+2029, U+202F, U+205F, U+3000, U+FEFF), by code: it is asked of nearly
 * every character some readers and the glossary's matcher look at.
 */
export function isWhiteSpaceCode(c: number): boolean {
  if (c < 0x80) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  if (c < 0x2000) return c === 0xa0 || c === 0x1680;
  return c <= 0x200a || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/** White space and format characters (zero-width space, direction marks, a BOM): what a screen shows nothing for. */
const SHOWS_NOTHING = /^[\s\p{Cf}]*$/u;

/** Whether a text shows nothing on screen: a line of it is a blank row. */
export function showsNothing(text: string): boolean {
  return SHOWS_NOTHING.test(text);
}
