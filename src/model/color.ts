/**
 * Colours in the model's form: a CSS colour name in lower case (`yellow`) or
 * `#rrggbb` / `#rrggbbaa` in lower case, the alpha left out when opaque so
 * equal colours compare equal. Formats read their colour syntax into this
 * form here; what a format adds or refuses stays in its adapter.
 */

const CSS_NAMES: ReadonlySet<string> = new Set(
  (
    'aliceblue antiquewhite aqua aquamarine azure beige bisque black blanchedalmond blue blueviolet brown burlywood ' +
    'cadetblue chartreuse chocolate coral cornflowerblue cornsilk crimson cyan darkblue darkcyan darkgoldenrod darkgray ' +
    'darkgreen darkgrey darkkhaki darkmagenta darkolivegreen darkorange darkorchid darkred darksalmon darkseagreen ' +
    'darkslateblue darkslategray darkslategrey darkturquoise darkviolet deeppink deepskyblue dimgray dimgrey dodgerblue ' +
    'firebrick floralwhite forestgreen fuchsia gainsboro ghostwhite gold goldenrod gray green greenyellow grey honeydew ' +
    'hotpink indianred indigo ivory khaki lavender lavenderblush lawngreen lemonchiffon lightblue lightcoral lightcyan ' +
    'lightgoldenrodyellow lightgray lightgreen lightgrey lightpink lightsalmon lightseagreen lightskyblue lightslategray ' +
    'lightslategrey lightsteelblue lightyellow lime limegreen linen magenta maroon mediumaquamarine mediumblue ' +
    'mediumorchid mediumpurple mediumseagreen mediumslateblue mediumspringgreen mediumturquoise mediumvioletred ' +
    'midnightblue mintcream mistyrose moccasin navajowhite navy oldlace olive olivedrab orange orangered orchid ' +
    'palegoldenrod palegreen paleturquoise palevioletred papayawhip peachpuff peru pink plum powderblue purple ' +
    'rebeccapurple red rosybrown royalblue saddlebrown salmon sandybrown seagreen seashell sienna silver skyblue ' +
    'slateblue slategray slategrey snow springgreen steelblue tan teal thistle tomato turquoise violet wheat white ' +
    'whitesmoke yellow yellowgreen'
  ).split(' '),
);

const MODEL_HEX = /^#[0-9a-f]{6}(?:[0-9a-f]{2})?$/;
const HEX_DIGITS = /^[0-9a-f]+$/;
const FUNCTIONAL = /^rgba?\(\s*(.*?)\s*\)$/;
const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(%?)$/;

/** Whether a colour is in the model's form already. */
export function isModelColor(color: string): boolean {
  return CSS_NAMES.has(color) || MODEL_HEX.test(color);
}

function hex2(n: number): string {
  return n.toString(16).padStart(2, '0');
}

/** Channels from 0 to 255 in the model's form. */
export function rgbColor(r: number, g: number, b: number, a = 255): string {
  return `#${hex2(r)}${hex2(g)}${hex2(b)}${a === 255 ? '' : hex2(a)}`;
}

/** A CSS colour name (`Yellow`), lower-cased; undefined for any other word. */
export function namedColor(value: string): string | undefined {
  const v = value.trim().toLowerCase();
  return CSS_NAMES.has(v) ? v : undefined;
}

/** `#rgb`, `#rgba`, `#rrggbb` or `#rrggbbaa`, in any case. */
export function hexColor(value: string): string | undefined {
  const v = value.trim().toLowerCase();
  const hex = v.slice(1);
  if (!v.startsWith('#') || !HEX_DIGITS.test(hex)) return undefined;
  const full = hex.length === 3 || hex.length === 4 ? [...hex].map((d) => d + d).join('') : hex;
  if (full.length !== 6 && full.length !== 8) return undefined;
  return full.length === 8 && full.endsWith('ff') ? `#${full.slice(0, 6)}` : `#${full}`;
}

/** A number or percentage of `scale`, clamped to 0–255; undefined when it is neither. */
function channel(text: string, scale: number): number | undefined {
  const m = NUMBER.exec(text);
  if (!m) return undefined;
  const n = m[1] === '%' ? (Number.parseFloat(text) / 100) * 255 : Number.parseFloat(text) * scale;
  return Math.round(Math.min(255, Math.max(0, n)));
}

/** CSS `rgb()` / `rgba()`, with commas or spaces and `/ alpha`; channels numbers or percentages, alpha 0–1 or a percentage. */
function functionalColor(v: string): string | undefined {
  const body = FUNCTIONAL.exec(v)?.[1];
  if (body === undefined) return undefined;
  let parts: string[];
  let alpha: string | undefined;
  if (body.includes(',')) {
    parts = body.split(/\s*,\s*/);
    if (parts.length === 4) alpha = parts.pop();
  } else {
    const slash = body.split(/\s*\/\s*/);
    if (slash.length > 2) return undefined;
    parts = slash[0]!.split(/\s+/);
    alpha = slash[1];
  }
  if (parts.length !== 3) return undefined;
  const [r, g, b] = parts.map((p) => channel(p, 1));
  const a = alpha === undefined ? 255 : channel(alpha, 255);
  if (r === undefined || g === undefined || b === undefined || a === undefined) return undefined;
  return rgbColor(r, g, b, a);
}

/**
 * A CSS colour in the model's form: a name, `#rgb`, `#rgba`, `#rrggbb`,
 * `#rrggbbaa`, `rgb()` or `rgba()`, in any case and with spaces around.
 * Undefined for what is no colour (`inherit`, `transparent`, `orange-ish`).
 */
export function normalizeColor(value: string): string | undefined {
  const v = value.trim().toLowerCase();
  return namedColor(v) ?? hexColor(v) ?? functionalColor(v);
}

/**
 * Whether text in `color` is lost on the black box or border a format draws
 * behind every subtitle: black, or a hex colour with no channel above a
 * quarter of its range.
 */
export function isNearBlack(color: string): boolean {
  if (color === 'black') return true;
  if (!MODEL_HEX.test(color)) return false;
  return Math.max(...[1, 3, 5].map((i) => Number.parseInt(color.slice(i, i + 2), 16))) < 0x40;
}
