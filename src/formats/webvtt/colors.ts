/** The colour classes every WebVTT user agent styles (`<c.yellow>`), by class name. */
export const DEFAULT_COLOR_CLASSES: ReadonlyMap<string, string> = new Map(
  ['white', 'lime', 'cyan', 'red', 'yellow', 'magenta', 'blue', 'black'].map((name) => [name, name]),
);

/** CSS keywords that are not a colour of their own. */
const NOT_COLORS = new Set(['inherit', 'initial', 'unset', 'revert', 'currentcolor', 'transparent']);

function isHex(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (!((c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x66))) return false;
  }
  return true;
}

function isLetters(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x61 || c > 0x7a) return false;
  }
  return text.length > 0;
}

/** A CSS colour in the model's form (`yellow`, `#rrggbb`, `#rrggbbaa`), or undefined for what the model cannot hold (`rgb()`…). */
export function modelColor(css: string): string | undefined {
  const value = css.trim().toLowerCase();
  if (value.startsWith('#')) {
    const hex = value.slice(1);
    if (!isHex(hex)) return undefined;
    if (hex.length === 3 || hex.length === 4) return `#${[...hex].map((d) => d + d).join('')}`;
    return hex.length === 6 || hex.length === 8 ? value : undefined;
  }
  return isLetters(value) && !NOT_COLORS.has(value) ? value : undefined;
}

/** The class the writer gives a colour that is not a default class: `c_ff0000`, `c_orange`. */
export function colorClassName(color: string): string {
  return `c_${color.replace('#', '')}`;
}
