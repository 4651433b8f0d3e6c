import { hexColor } from '../../model/color.js';

/** The cinema default, written on the outer `<Font>`; spans in it carry no colour. */
export const DEFAULT_ARGB = 'FFFFFFFF';

// The colour names a subtitler types; other CSS names are rare enough to report.
const NAMED: Readonly<Record<string, string>> = {
  black: '000000', silver: 'c0c0c0', gray: '808080', grey: '808080', white: 'ffffff', maroon: '800000', red: 'ff0000',
  purple: '800080', fuchsia: 'ff00ff', magenta: 'ff00ff', green: '008000', lime: '00ff00', olive: '808000',
  yellow: 'ffff00', navy: '000080', blue: '0000ff', teal: '008080', aqua: '00ffff', cyan: '00ffff', orange: 'ffa500',
};

/** `FFRRGGBB` to the model's colour; undefined for the default white, null for what is no colour. */
export function argbToColor(argb: string): string | undefined | null {
  const v = argb.trim();
  if (!/^[0-9a-fA-F]{8}$/.test(v)) return null;
  if (v.toUpperCase() === DEFAULT_ARGB) return undefined;
  return hexColor(`#${v.slice(2)}${v.slice(0, 2)}`) ?? null;
}

/** The model's colour as `AARRGGBB`; undefined when it has no DCP form. */
export function colorToArgb(color: string): string | undefined {
  const hex = NAMED[color] ?? (/^#[0-9a-f]{6}([0-9a-f]{2})?$/.test(color) ? color.slice(1) : undefined);
  if (hex === undefined) return undefined;
  const alpha = hex.length === 8 ? hex.slice(6) : 'ff';
  return `${alpha}${hex.slice(0, 6)}`.toUpperCase();
}
