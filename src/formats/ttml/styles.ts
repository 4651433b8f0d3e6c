import type { Diagnostic } from '../../model/diagnostic.js';
import { normalizeColor } from './colors.js';
import { messages } from './messages.js';
import type { SourceLines } from './source-lines.js';
import type { XElement } from './xml.js';

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
  textAlign?: 'left' | 'center' | 'right';
  displayAlign?: 'before' | 'center' | 'after';
  origin?: string;
  extent?: string;
}

export const NO_STYLE: StyleProps = Object.freeze({});

const ALIGN: Record<string, StyleProps['textAlign']> = { left: 'left', start: 'left', center: 'center', right: 'right', end: 'right', justify: 'left' };
const DISPLAY: Record<string, StyleProps['displayAlign']> = { before: 'before', center: 'center', after: 'after' };

/** The `tts:` attributes of one element; NO_STYLE when it has none. */
export function inlineStyle(el: XElement, report: (d: (at: { line: number }) => Diagnostic) => void): StyleProps {
  let out: StyleProps | undefined;
  const a = el.attrs;
  for (const key in a) {
    if (!key.startsWith('tts:')) continue;
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
        break;
      }
      case 'tts:color': {
        const color = normalizeColor(v);
        if (color === undefined) report((at) => messages.badColor(v, at));
        else out.color = color;
        break;
      }
      case 'tts:textAlign': {
        const align = ALIGN[v];
        if (align) out.textAlign = align;
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
      case 'tts:extent':
        out.extent = v;
        break;
    }
  }
  return out ?? NO_STYLE;
}

/** Later wins: the order of `style="a b"` and of referential before inline styles. */
export function merge(base: StyleProps, over: StyleProps): StyleProps {
  if (over === NO_STYLE) return base;
  if (base === NO_STYLE) return over;
  return { ...base, ...over };
}

interface StyleDef {
  el: XElement;
  resolved?: StyleProps;
  resolving?: boolean;
}

/** The `<styling>` table: ids to resolved properties, following style chains. */
export class StyleSheet {
  private readonly defs = new Map<string, StyleDef>();
  private readonly byAttribute = new Map<string, StyleProps>();

  constructor(
    private readonly lines: SourceLines,
    private readonly diagnostics: Diagnostic[],
  ) {}

  define(el: XElement): void {
    // Some writers (ExoPlayer's fixtures among them) put a plain `id` where `xml:id` belongs.
    const id = el.attrs['xml:id'] ?? el.attrs['id'];
    if (id !== undefined) this.defs.set(id, { el });
  }

  /** What an element specifies itself: its referential styles, then its inline `tts:` attributes. */
  specified(el: XElement): StyleProps {
    const ref = el.attrs['style'];
    const inline = inlineStyle(el, (make) => this.diagnostics.push(make({ line: this.lines.lineAt(el.offset) })));
    return ref === undefined ? inline : merge(this.referenced(ref, el), inline);
  }

  private referenced(attr: string, el: XElement): StyleProps {
    const cached = this.byAttribute.get(attr);
    if (cached) return cached;
    let out = NO_STYLE;
    for (const id of attr.trim().split(/\s+/)) {
      if (id === '') continue;
      const def = this.defs.get(id);
      if (!def) {
        this.diagnostics.push(messages.unknownStyle(id, { line: this.lines.lineAt(el.offset) }));
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
    if (def.resolving) return inlineStyle(def.el, () => undefined);
    def.resolving = true;
    def.resolved = this.specified(def.el);
    def.resolving = false;
    return def.resolved;
  }
}
