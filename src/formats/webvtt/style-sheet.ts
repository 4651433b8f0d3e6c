import { normalizeColor } from '../../model/color.js';

export interface StyleSheetColors {
  /** Class name to model colour, from rules such as `::cue(.loud) { color: #ff0000 }`. */
  classColors: Map<string, string>;
  /** Rules that say more than a class colour (fonts, backgrounds, `::cue` alone…); not kept. */
  otherRules: number;
}

/** `::cue(.name)` → `name`; anything else (type selectors, ids, `::cue` alone) → undefined. */
function cueClass(selector: string): string | undefined {
  const s = selector.trim();
  if (!s.startsWith('::cue(') || !s.endsWith(')')) return undefined;
  const inner = s.slice(6, -1).trim();
  if (!inner.startsWith('.')) return undefined;
  const name = inner.slice(1);
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    const ok = (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x2d || c === 0x5f;
    if (!ok) return undefined;
  }
  return name === '' ? undefined : name;
}

function withoutComments(css: string): string {
  let out = '';
  let i = 0;
  while (i < css.length) {
    const open = css.indexOf('/*', i);
    if (open < 0) return out + css.slice(i);
    out += css.slice(i, open);
    const close = css.indexOf('*/', open + 2);
    if (close < 0) return out;
    i = close + 2;
  }
  return out;
}

/** The `color` value of a declaration block, or undefined when it has none the model can hold. */
function declaredColor(body: string): { color: string | undefined; other: boolean } {
  let color: string | undefined;
  let other = false;
  for (const declaration of body.split(';')) {
    const colon = declaration.indexOf(':');
    if (colon < 0) continue;
    const property = declaration.slice(0, colon).trim().toLowerCase();
    const value = declaration.slice(colon + 1).replace('!important', '');
    const parsed = property === 'color' ? normalizeColor(value) : undefined;
    if (parsed !== undefined) color = parsed;
    else other = true;
  }
  return { color, other };
}

/**
 * The colours a WebVTT STYLE block gives to cue classes. Only plain class
 * rules are read; the rest of CSS has no place in the model and is counted.
 */
export function readStyleSheet(css: string): StyleSheetColors {
  const classColors = new Map<string, string>();
  let otherRules = 0;
  const text = withoutComments(css);
  let i = 0;
  while (i < text.length) {
    const open = text.indexOf('{', i);
    if (open < 0) break;
    const close = text.indexOf('}', open + 1);
    const selectors = text.slice(i, open);
    const body = text.slice(open + 1, close < 0 ? text.length : close);
    i = close < 0 ? text.length : close + 1;
    const { color, other } = declaredColor(body);
    let counted = other;
    for (const selector of selectors.split(',')) {
      const name = cueClass(selector);
      if (name !== undefined && color !== undefined) classColors.set(name, color);
      else counted = true;
    }
    if (counted) otherRules++;
  }
  return { classColors, otherRules };
}
