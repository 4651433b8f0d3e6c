/** TTML1's named colours; every other name is not TTML. */
const NAMED = new Set(['transparent', 'black', 'silver', 'gray', 'white', 'maroon', 'red', 'purple', 'fuchsia', 'magenta', 'green', 'lime', 'olive', 'yellow', 'navy', 'blue', 'teal', 'aqua', 'cyan']);

export function isTtmlColorName(name: string): boolean {
  return NAMED.has(name);
}

const HEX = /^#([0-9a-f]{6})([0-9a-f]{2})?$/;
const RGB = /^rgba?\(\s*(\d{1,3})\s*,\s*(\d{1,3})\s*,\s*(\d{1,3})\s*(?:,\s*(\d{1,3})\s*)?\)$/;

function hex2(n: number): string {
  return n.toString(16).padStart(2, '0');
}

/**
 * A `tts:color` value in the model's form: a lower-case name or
 * `#rrggbb`/`#rrggbbaa` (opaque alpha dropped); '' for white, which is the
 * default text colour and so is no colour at all; undefined when invalid.
 */
export function normalizeColor(value: string): string | undefined {
  const v = value.trim().toLowerCase();
  let out: string | undefined;
  if (NAMED.has(v)) out = v;
  else {
    const hex = HEX.exec(v);
    if (hex) out = hex[2] === undefined || hex[2] === 'ff' ? `#${hex[1]}` : v;
    else {
      const rgb = RGB.exec(v);
      if (!rgb) return undefined;
      const parts = rgb.slice(1, 5).map((x) => (x === undefined ? 255 : Number(x)));
      if (parts.some((x) => x > 255) || v.startsWith('rgba') !== (rgb[4] !== undefined)) return undefined;
      out = `#${hex2(parts[0]!)}${hex2(parts[1]!)}${hex2(parts[2]!)}${parts[3] === 255 ? '' : hex2(parts[3]!)}`;
    }
  }
  return out === 'white' || out === '#ffffff' ? '' : out;
}
