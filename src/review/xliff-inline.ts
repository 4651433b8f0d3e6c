import { xmlText } from '../formats/shared/xml-escape.js';
import { tokenizeTagged, type StyleTag, type TaggedToken } from '../model/tagged-tokens.js';
import { textOf, type Element, type Node } from '../formats/shared/xml/element-tree.js';
import { escapeText, type TaggedText } from '../model/tagged-text.js';

type Tag = StyleTag;

/** XLIFF 1.2's predefined `ctype` values for the styles tagged text carries. */
const CTYPE: Readonly<Record<Tag, string>> = { i: 'italic', b: 'bold', u: 'underlined' };
const TAG_OF_CTYPE: Readonly<Record<string, Tag>> = {
  italic: 'i', bold: 'b', underlined: 'u', underline: 'u',
  'x-italic': 'i', 'x-bold': 'b', 'x-underline': 'u', 'x-underlined': 'u',
};


/** Pairs that cross another pair (`<i>a<b>b</i>c</b>`) cannot be `<g>` elements. */
function crossing(tokens: readonly TaggedToken[]): Set<number> {
  const pairs: [number, number][] = [];
  tokens.forEach((t, k) => {
    if (t.kind === 'tag' && !t.close && t.pair !== undefined) pairs.push([k, t.pair]);
  });
  const out = new Set<number>();
  for (const [a, b] of pairs) {
    for (const [c, d] of pairs) {
      if (a < c && c < b && b < d) out.add(a).add(b).add(c).add(d);
    }
  }
  return out;
}

/**
 * Tagged text as XLIFF 1.2 inline content: styles as `<g ctype>`, a dialogue
 * line break as `<x ctype="lb"/>`. Ids are the style and its ordinal (`i1`,
 * `b2`, `lb1`) so that a target's codes pair with the source's in CAT tools.
 * Crossing styles become `<bpt>`/`<ept>`, a lone opening or closing tag `<it>`.
 */
export function inlineXml(text: TaggedText): string {
  const tokens = tokenizeTagged(text);
  const crossed = crossing(tokens);
  const counts: Record<Tag | 'lb', number> = { i: 0, b: 0, u: 0, lb: 0 };
  const rids = new Map<number, number>();
  let rid = 0;
  return tokens
    .map((token, k) => {
      if (token.kind === 'text') return xmlText(token.text);
      if (token.kind === 'lb') return `<x id="lb${++counts.lb}" ctype="lb"/>`;
      const code = escapeText(`<${token.close ? '/' : ''}${token.tag}>`);
      if (token.pair === undefined) {
        return `<it id="${token.tag}${++counts[token.tag]}" pos="${token.close ? 'close' : 'open'}" ctype="${CTYPE[token.tag]}">${code}</it>`;
      }
      if (crossed.has(k)) {
        if (!token.close) {
          rids.set(k, ++rid);
          return `<bpt id="${token.tag}${++counts[token.tag]}" rid="${rid}" ctype="${CTYPE[token.tag]}">${code}</bpt>`;
        }
        const r = rids.get(token.pair)!;
        return `<ept id="${token.tag}e${r}" rid="${r}">${code}</ept>`;
      }
      return token.close ? '</g>' : `<g id="${token.tag}${++counts[token.tag]}" ctype="${CTYPE[token.tag]}">`;
    })
    .join('');
}

function tagOfCtype(code: Element): Tag | undefined {
  return TAG_OF_CTYPE[(code.attrs['ctype'] ?? '').toLowerCase()];
}

/** The style tag a native code holds as its content (`<i>`, `</b>`), as other tools write them, and whether it closes. */
function styleInCode(code: Element): { tag: Tag; close: boolean } | undefined {
  const m = /^<(\/?)(i|b|u|em|strong)>$/i.exec(textOf(code).trim());
  if (!m) return undefined;
  const name = m[2]!.toLowerCase();
  return { tag: name === 'em' ? 'i' : name === 'strong' ? 'b' : (name as Tag), close: m[1] === '/' };
}

/** The style a native code stands for, by `ctype` or by its content. */
function tagOfCode(code: Element): Tag | undefined {
  return tagOfCtype(code) ?? styleInCode(code)?.tag;
}

/** Stands for a line end in the file's text while it is read: U+0000 cannot occur in XML. */
const LINE_END = '\u0000';

/**
 * subloc writes a line break as `<x ctype="lb"/>`, never as a line end in
 * the text. A line end there is a tool's re-indentation, dropped with its
 * indentation around the text, or a break a translator typed between two
 * lines, kept as a line break.
 */
function lineEnds(text: TaggedText): TaggedText {
  const dropped = (edge: string) => edge.replaceAll(LINE_END, '');
  return text
    .replace(new RegExp(`^(?:${LINE_END}|<[ibu]>)+`), dropped)
    .replace(new RegExp(`(?:${LINE_END}|</[ibu]>)+$`), dropped)
    .replace(new RegExp(`${LINE_END}*\n${LINE_END}*|${LINE_END}+`, 'g'), '\n');
}

function describe(code: Element): string {
  const ctype = code.attrs['ctype'];
  return ctype === undefined ? `\`<${code.name}>\`` : `\`<${code.name} ctype="${ctype}">\``;
}

/** `<mrk>` types that mark text a reviewer deleted with changes tracked. */
const DELETED_MARKS: ReadonlySet<string> = new Set(['x-sdl-deleted', 'x-deleted', 'x-del']);

/** The `ctype`s tools give a line break: XLIFF 1.2's own and the `x-` names some use. */
const LINE_BREAK_CTYPES: ReadonlySet<string> = new Set(['lb', 'x-lb', 'x-linebreak', 'x-br']);
/** A placeholder whose native code is a line break: an HTML `<br>`, or subloc's `<x ctype="lb"/>` wrapped by a tool as text. */
const LINE_BREAK_CODE = /^\s*<(?:br\b[^>]*|x\b[^>]*\bctype\s*=\s*["'](?:x-)?lb["'][^>]*)>\s*$/i;

export interface InlineResult {
  text: TaggedText;
  /** Codes kept as text or dropped, described for a diagnostic. */
  unsupported: string[];
  /** Tracked deletions left out (`<mrk mtype="x-sdl-deleted">`): the text reads as if the changes were accepted. */
  deletions: number;
}

/**
 * XLIFF 1.2 inline content back to tagged text. Reads subloc's own `<g>` and
 * `<x ctype="lb"/>`, and what CAT tools turn them into: `<bpt>`/`<ept>`,
 * `<bx>`/`<ex>`, `<it>`, `<ph>`; `<mrk>` (segmentation, comments) is
 * transparent. An unknown code keeps its text and is reported.
 */
export function readInline(nodes: readonly Node[], joiner = ''): InlineResult {
  let text = '';
  /** Whether the last node walked was a segment: a tool that split one cue into segments writes them side by side. */
  let afterSegment = false;
  const unsupported = new Set<string>();
  let deletions = 0;
  const opened = new Map<string, Tag>();
  const keepAsText = (code: Element) => {
    unsupported.add(describe(code));
    text += escapeText(textOf(code));
  };
  const pairKey = (code: Element) => code.attrs['rid'] ?? code.attrs['id'] ?? '';
  const walk = (list: readonly Node[]) => {
    for (const node of list) {
      if (typeof node === 'string') {
        if (node !== '') afterSegment = false;
        // U+2028 and U+2029 are a line break a translator typed (a soft return from a word processor), not text.
        text += escapeText(node.replace(/[ \t]*\n\s*/g, LINE_END).replace(/[\u2028\u2029]/g, '\n'));
        continue;
      }
      switch (node.name) {
        case 'g': {
          const tag = tagOfCtype(node);
          if (tag === undefined) unsupported.add(describe(node));
          if (tag) text += `<${tag}>`;
          walk(node.children);
          if (tag) text += `</${tag}>`;
          break;
        }
        case 'x':
        case 'ph': {
          // A tool that knows no paired codes turns each of subloc's `<g>` into two placeholders holding `<i>` and `</i>`.
          const style = node.name === 'ph' ? styleInCode(node) : undefined;
          if (LINE_BREAK_CTYPES.has((node.attrs['ctype'] ?? '').toLowerCase()) || LINE_BREAK_CODE.test(textOf(node))) text += '\n';
          else if (style) text += style.close ? `</${style.tag}>` : `<${style.tag}>`;
          else keepAsText(node);
          break;
        }
        case 'bpt':
        case 'bx': {
          const tag = tagOfCode(node);
          if (tag === undefined) keepAsText(node);
          else {
            opened.set(pairKey(node), tag);
            text += `<${tag}>`;
          }
          break;
        }
        case 'ept':
        case 'ex': {
          const tag = opened.get(pairKey(node)) ?? tagOfCode(node);
          if (tag === undefined) keepAsText(node);
          else {
            opened.delete(pairKey(node));
            text += `</${tag}>`;
          }
          break;
        }
        case 'it': {
          const tag = tagOfCode(node);
          if (tag === undefined) keepAsText(node);
          else text += node.attrs['pos'] === 'close' ? `</${tag}>` : `<${tag}>`;
          break;
        }
        case 'mrk': {
          const mtype = (node.attrs['mtype'] ?? '').toLowerCase();
          // A tracked deletion (Trados) is not the translation: read as if accepted, and said.
          if (DELETED_MARKS.has(mtype)) deletions++;
          else {
            // Segments of a language that spaces its words, split where the source (Chinese) had no space, are words apart.
            if (mtype === 'seg' && afterSegment && joiner !== '' && !/\s$/.test(text) && !/^\s/.test(textOf(node))) text += joiner;
            walk(node.children);
          }
          afterSegment = mtype === 'seg';
          continue;
        }
        default:
          keepAsText(node);
      }
    }
  };
  walk(nodes);
  return { text: lineEnds(text), unsupported: [...unsupported], deletions };
}
