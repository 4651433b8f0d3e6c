import type { Diagnostic } from '../../model/diagnostic.js';
import { normalizeColor } from './colors.js';
import type { Locator } from '../shared/xml/locator.js';
import { messages } from './messages.js';
import { attrsOf, type Attrs, type XNode } from '../shared/xml/nodes.js';

/**
 * The style properties subloc reads. An absent key is unspecified (so
 * inheritance fills it); `color: ''` is an explicit white, which the model
 * stores as no colour.
 */
export interface StyleProps {
  italic?: boolean;
  bold?: boolean;
  underline?: boolean;
  color?: string;
  /** `start` and `end` are the edges of the paragraph's `direction`: the right edge starts a right-to-left line. */
  textAlign?: 'left' | 'center' | 'right' | 'start' | 'end';
  /** `tts:direction`, inherited: the direction `start` and `end` are read in. */
  direction?: 'ltr' | 'rtl';
  /** The inline direction a region's `tts:writingMode` sets (`rltb`, `rl`), which its content takes unless the region states a `tts:direction` (XSL §7.29.1, as imscJS reads it). */
  writingDirection?: 'ltr' | 'rtl';
  displayAlign?: 'before' | 'center' | 'after';
  origin?: string;
  extent?: string;
  /** `tts:position` (TTML2, IMSC 1.1): where the region sits, `center bottom` or `50% 90%`, when it has no `tts:origin`. */
  position?: string;
  /** `tts:textDecoration="lineThrough"`: struck-through text, which the model has no style for (the words are kept). */
  lineThrough?: boolean;
  /** `tts:backgroundColor`, painted behind the element and what it holds: the model has no background. */
  background?: string;
  /** `tts:ruby` text, text container or delimiter: an annotation over the base text, which the model has no place for. */
  rubyText?: true;
  /**
   * Not shown: `tts:visibility="hidden"` (inherited, and a child may say
   * `visible` again), or `tts:display="none"` or `tts:opacity="0"` (read as
   * hidden the same way; a file that shows a child of such an element again
   * is not one a subtitler writes).
   */
  hidden?: boolean;
}

export const NO_STYLE: StyleProps = Object.freeze({});

// A justified paragraph's lines run from edge to edge; its last, and a one-line subtitle, stand at the start.
const ALIGN: Record<string, StyleProps['textAlign']> = { left: 'left', start: 'start', center: 'center', right: 'right', end: 'end', justify: 'start' };
const WRITING_DIRECTION: Record<string, StyleProps['writingDirection']> = { lrtb: 'ltr', lr: 'ltr', rltb: 'rtl', rl: 'rtl' };
const DISPLAY: Record<string, StyleProps['displayAlign']> = { before: 'before', center: 'center', after: 'after' };

/** The `tts:` attributes of one element; NO_STYLE when it has none. */
function inlineStyle(a: Attrs, badColor?: (value: string) => void): StyleProps {
  let out: StyleProps | undefined;
  for (const key in a) {
    if (key.charCodeAt(0) !== 0x74 || !key.startsWith('tts:')) continue;
    const v = a[key]!.trim();
    out ??= {};
    switch (key) {
      case 'tts:fontStyle':
        out.italic = v === 'italic' || v === 'oblique';
        break;
      case 'tts:fontWeight':
        out.bold = v === 'bold';
        break;
      case 'tts:textDecoration': {
        const words = v.split(/\s+/);
        if (words.includes('underline')) out.underline = true;
        else if (words.includes('noUnderline') || words.includes('none')) out.underline = false;
        if (words.includes('lineThrough')) out.lineThrough = true;
        else if (words.includes('noLineThrough') || words.includes('none')) out.lineThrough = false;
        break;
      }
      case 'tts:backgroundColor': {
        const color = normalizeColor(v);
        if (color !== undefined) out.background = color;
        break;
      }
      case 'tts:color': {
        const color = normalizeColor(v);
        if (color === undefined) badColor?.(v);
        else out.color = color;
        break;
      }
      case 'tts:textAlign': {
        const align = ALIGN[v];
        if (align) out.textAlign = align;
        break;
      }
      case 'tts:direction':
        if (v === 'ltr' || v === 'rtl') out.direction = v;
        break;
      case 'tts:writingMode': {
        const direction = WRITING_DIRECTION[v];
        if (direction) out.writingDirection = direction;
        break;
      }
      case 'tts:displayAlign': {
        const align = DISPLAY[v];
        if (align) out.displayAlign = align;
        break;
      }
      case 'tts:origin':
        out.origin = v;
        break;
      case 'tts:ruby':
        if (v === 'text' || v === 'textContainer' || v === 'delimiter') out.rubyText = true;
        break;
      case 'tts:extent':
        out.extent = v;
        break;
      case 'tts:position':
        out.position = v;
        break;
      case 'tts:visibility':
        if (v === 'hidden' || v === 'visible') out.hidden = v === 'hidden';
        break;
      case 'tts:display':
        if (v === 'none') out.hidden = true;
        break;
      case 'tts:opacity':
        if (Number(v) === 0 && v !== '') out.hidden = true;
        break;
    }
  }
  return out ?? NO_STYLE;
}

/** Left, centre or right: `start` and `end` read in the text's direction. */
export function lineAlign(style: StyleProps): 'left' | 'center' | 'right' | undefined {
  const { textAlign } = style;
  if (textAlign === 'start') return style.direction === 'rtl' ? 'right' : 'left';
  if (textAlign === 'end') return style.direction === 'rtl' ? 'left' : 'right';
  return textAlign;
}

/** Later wins: the order of `style="a b"` and of referential before inline styles. */
export function merge(base: StyleProps, over: StyleProps): StyleProps {
  if (over === NO_STYLE) return base;
  if (base === NO_STYLE) return over;
  return { ...base, ...over };
}

interface StyleDef {
  el: XNode;
  resolved?: StyleProps;
  resolving?: boolean;
}

/** The `<styling>` table: ids to resolved properties, following style chains. */
export class StyleSheet {
  private readonly defs = new Map<string, StyleDef>();
  private readonly byAttribute = new Map<string, StyleProps>();

  constructor(
    private readonly locator: Locator,
    private readonly diagnostics: Diagnostic[],
  ) {}

  define(el: XNode): void {
    const attrs = attrsOf(el);
    // Some writers (ExoPlayer's fixtures among them) put a plain `id` where `xml:id` belongs.
    const id = attrs['xml:id'] ?? attrs['id'];
    if (id !== undefined) this.defs.set(id, { el });
  }

  /** What an element specifies itself: its referential styles, then its inline `tts:` attributes. */
  specified(el: XNode): StyleProps {
    const attrs = attrsOf(el);
    const ref = attrs['style'];
    this.reading = el;
    const inline = inlineStyle(attrs, this.badColor);
    return ref === undefined ? inline : merge(this.referenced(ref, el), inline);
  }

  /** The element `badColor` reports on: one closure for every element, its line counted only when a colour is bad. */
  private reading: XNode | undefined;
  private readonly badColor = (value: string): void => {
    if (this.reading) this.diagnostics.push(messages.badColor(value, this.locator.at(this.reading)));
  };

  private referenced(attr: string, el: XNode): StyleProps {
    const cached = this.byAttribute.get(attr);
    if (cached) return cached;
    let out = NO_STYLE;
    for (const id of attr.trim().split(/\s+/)) {
      if (id === '') continue;
      const def = this.defs.get(id);
      if (!def) {
        this.diagnostics.push(messages.unknownStyle(id, this.locator.at(el)));
        continue;
      }
      out = merge(out, this.resolve(def));
    }
    this.byAttribute.set(attr, out);
    return out;
  }

  private resolve(def: StyleDef): StyleProps {
    if (def.resolved) return def.resolved;
    // A style that refers back to itself contributes only its own attributes.
    if (def.resolving) return inlineStyle(attrsOf(def.el));
    def.resolving = true;
    def.resolved = this.specified(def.el);
    def.resolving = false;
    return def.resolved;
  }
}
