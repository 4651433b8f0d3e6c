import { hexColor, rgbColor } from '../../model/color.js';

/** TTML1's named colours; every other name is not TTML. */
const NAMED = new Set(['transparent', 'black', 'silver', 'gray', 'white', 'maroon', 'red', 'purple', 'fuchsia', 'magenta', 'green', 'lime', 'olive', 'yellow', 'navy', 'blue', 'teal', 'aqua', 'cyan']);

export function isTtmlColorName(name: string): boolean {
  return NAMED.has(name);
}

const HEX = /^#[0-9a-f]{6}(?:[0-9a-f]{2})?$/;
const RGB = /^rgba?\(\s*(\d{1,3})\s*,\s*(\d{1,3})\s*,\s*(\d{1,3})\s*(?:,\s*(\d{1,3})\s*)?\)$/;

/**
 * A `tts:color` value in the model's form: a lower-case name or
 * `#rrggbb`/`#rrggbbaa` (opaque alpha dropped); '' for white, which is the
 * default text colour and so is no colour at all; undefined when invalid.
 * TTML's `rgba()` gives alpha as 0-255, not CSS's 0-1.
 */
export function normalizeColor(value: string): string | undefined {
  const v = value.trim().toLowerCase();
  let out: string | undefined;
  if (NAMED.has(v)) out = v;
  else if (HEX.test(v)) out = hexColor(v);
  else {
    const rgb = RGB.exec(v);
    if (!rgb) return undefined;
    const parts = rgb.slice(1, 5).map((x) => (x === undefined ? 255 : Number(x)));
    if (parts.some((x) => x > 255) || v.startsWith('rgba') !== (rgb[4] !== undefined)) return undefined;
    out = rgbColor(parts[0]!, parts[1]!, parts[2]!, parts[3]);
  }
  return out === 'white' || out === '#ffffff' ? '' : out;
}
