import { hexColor, namedColor } from '../../model/color.js';

const BARE_HEX = /^(?:[0-9a-f]{6}|[0-9a-f]{8})$/i;

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
