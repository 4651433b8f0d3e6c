/** The character codes the readers and writers compare with `charCodeAt`, named once for every format. */
export const TAB = 0x09;
export const LF = 0x0a;
export const FF = 0x0c;
export const CR = 0x0d;
export const SPACE = 0x20;
export const AMP = 0x26;
export const COMMA = 0x2c;
export const MINUS = 0x2d;
export const DOT = 0x2e;
export const SLASH = 0x2f;
export const ZERO = 0x30;
export const COLON = 0x3a;
export const SEMICOLON = 0x3b;
export const LT = 0x3c;
export const GT = 0x3e;
export const BACKSLASH = 0x5c;
export const LBRACE = 0x7b;
export const RBRACE = 0x7d;
export const NBSP = 0xa0;
export const LINE_SEPARATOR = 0x2028;
export const PARAGRAPH_SEPARATOR = 0x2029;

export function isDigit(c: number): boolean {
  return c >= ZERO && c <= 0x39;
}

export function isAsciiLetter(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}

/** ASCII whitespace as WHATWG and WebVTT define it: tab, line feed, form feed, carriage return, space. */
export function isAsciiWhitespace(c: number): boolean {
  return c === SPACE || c === TAB || c === LF || c === FF || c === CR;
}
