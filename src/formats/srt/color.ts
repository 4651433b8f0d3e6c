import { hexColor, namedColor, rgbColor } from '../../model/color.js';

const BARE_HEX = /^(?:[0-9a-f]{6}|[0-9a-f]{8})$/i;

/**
 * ASS `&HBBGGRR&`. libass skips any `&` and `H` before the digits and reads
 * what follows as one number, so both marks are optional and `&HFF&` is
 * `0000FF`, red. Seven or eight digits carry an alpha byte that a primary
 * colour override does not use; they, and a lower-case `h` (which libass
 * reads as no digits at all, black), are refused rather than guessed at.
 */
const ASS_HEX = /^[&H]*([0-9a-fA-F]{1,6})&*$/;

/**
 * A `<font color>` value in the model's form. As in HTML's `<font color>`,
 * only names and hex, no `rgb()`; many SRT files write hex without `#`
 * (`color="FFFF00"`), so six or eight bare hex digits are read as hex.
 * Undefined when it is no colour at all.
 */
export function fontColorValue(value: string): string | undefined {
  const v = value.trim();
  return BARE_HEX.test(v) ? hexColor(`#${v}`) : (namedColor(v) ?? hexColor(v));
}

/** The value of an ASS `\c` / `\1c` override in the model's form; undefined when it is none. */
export function assColorValue(value: string): string | undefined {
  const digits = ASS_HEX.exec(value.trim())?.[1];
  if (digits === undefined) return undefined;
  const bgr = Number.parseInt(digits, 16);
  return rgbColor(bgr & 0xff, (bgr >> 8) & 0xff, (bgr >> 16) & 0xff);
}
