/** TTML's colour names as hex: EBU-TT-D allows only `#rrggbb` and `#rrggbbaa` (`ebuttdt:distributionColorType`). */
const NAMED_HEX: Readonly<Record<string, string>> = {
  black: '#000000',
  silver: '#c0c0c0',
  gray: '#808080',
  white: '#ffffff',
  maroon: '#800000',
  red: '#ff0000',
  purple: '#800080',
  fuchsia: '#ff00ff',
  magenta: '#ff00ff',
  green: '#008000',
  lime: '#00ff00',
  olive: '#808000',
  yellow: '#ffff00',
  navy: '#000080',
  blue: '#0000ff',
  teal: '#008080',
  aqua: '#00ffff',
  cyan: '#00ffff',
};

const HEX = /^#[0-9a-f]{6}(?:[0-9a-f]{2})?$/;

/** A model colour as EBU-TT-D writes it; undefined for a name outside TTML's set, as the TTML writer drops those too. */
export function ebuttdColor(color: string): string | undefined {
  return HEX.test(color) ? color : NAMED_HEX[color];
}
