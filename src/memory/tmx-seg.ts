import { xmlText } from '../formats/shared/xml-escape.js';
import { tokenizeTagged, type StyleTag } from '../model/tagged-tokens.js';
import { escapeText, type TaggedText } from '../model/tagged-text.js';
import { textOf, type Element, type Node } from '../formats/shared/xml/element-tree.js';

type Tag = StyleTag;

/** TMX's own names for the styles tagged text carries. */
const TYPE_OF: Readonly<Record<Tag, string>> = { i: 'italic', b: 'bold', u: 'ulined' };
const TAG_OF: Readonly<Record<string, Tag>> = { italic: 'i', bold: 'b', ulined: 'u', underline: 'u', underlined: 'u' };

export const CUE_BREAK = '<ph type="x-cue-break"/>';
const LINE_BREAK = '<ph type="lb"/>';
/**
 * What a reader of the seg takes for a line break besides `lb`: XML reads a
 * carriage return as a line end, and `readSeg` a line or paragraph
 * separator. Written as `lb`, the text comes back as it will be read again.
 */
const READ_AS_BREAK = /\r\n?|[\u2028\u2029]/g;


/**
 * A unit's cues as the content of one `<seg>`: cue breaks and dialogue line
 * breaks as `<ph>`, styles as `<bpt>`/`<ept>` pairs numbered through the seg,
 * and a tag left unpaired in its cue as an isolated `<it>`.
 */
export function segOf(cues: readonly TaggedText[]): string {
  let next = 0;
  const parts: string[] = [];
  cues.forEach((cue, k) => {
    if (k > 0) parts.push(CUE_BREAK);
    const tokens = tokenizeTagged(cue.replace(READ_AS_BREAK, '\n'));
    const numbers = new Map<number, number>();
    tokens.forEach((token, index) => {
      if (token.kind === 'text') parts.push(xmlText(token.text));
      else if (token.kind === 'lb') parts.push(LINE_BREAK);
      else {
        const code = xmlText(`<${token.close ? '/' : ''}${token.tag}>`);
        if (token.pair === undefined) parts.push(`<it pos="${token.close ? 'end' : 'begin'}" type="${TYPE_OF[token.tag]}">${code}</it>`);
        else if (!token.close) {
          numbers.set(index, ++next);
          parts.push(`<bpt i="${next}" type="${TYPE_OF[token.tag]}">${code}</bpt>`);
        } else parts.push(`<ept i="${numbers.get(token.pair)!}">${code}</ept>`);
      }
    });
  });
  return parts.join('');
}

/** The style a code stands for, by its `type` or by its content (`<i>`, `</b>`), as other tools write them. */
function tagOf(code: Element): Tag | undefined {
  const byType = TAG_OF[(code.attrs['type'] ?? '').toLowerCase()];
  if (byType) return byType;
  const m = /^<\/?(i|b|u)>$/i.exec(textOf(code).trim());
  return m ? (m[1]!.toLowerCase() as Tag) : undefined;
}

export interface SegResult {
  cues: TaggedText[];
  /** Names of the codes that were kept as text (`<bpt>`, `<ph type="x-tab">`…). */
  unsupported: string[];
}

/** A `<seg>`'s content back into one tagged text per cue; unknown codes keep their content as text. */
export function readSeg(seg: Element): SegResult {
  const cues: TaggedText[] = [''];
  const unsupported = new Set<string>();
  const opened = new Map<string, Tag>();
  const append = (text: string) => {
    cues[cues.length - 1] += text;
  };
  const keepAsText = (code: Element) => {
    unsupported.add(code.attrs['type'] === undefined ? `\`<${code.name}>\`` : `\`<${code.name} type="${code.attrs['type']}">\``);
    append(escapeText(textOf(code)));
  };
  const walk = (nodes: readonly Node[]) => {
    for (const node of nodes) {
      if (typeof node === 'string') {
        // U+2028 and U+2029 are a line break typed in a word processor or a CAT tool, not text to ship.
        append(escapeText(node.replace(/[\u2028\u2029]/g, '\n')));
        continue;
      }
      const tag = node.name === 'ph' ? undefined : tagOf(node);
      switch (node.name) {
        case 'ph':
          if (node.attrs['type'] === 'x-cue-break') cues.push('');
          else if (node.attrs['type'] === 'lb') append('\n');
          else keepAsText(node);
          break;
        case 'bpt':
          if (tag === undefined) keepAsText(node);
          else {
            opened.set(node.attrs['i'] ?? '', tag);
            append(`<${tag}>`);
          }
          break;
        case 'ept': {
          const pairedTag = opened.get(node.attrs['i'] ?? '') ?? tag;
          if (pairedTag === undefined) keepAsText(node);
          else {
            opened.delete(node.attrs['i'] ?? '');
            append(`</${pairedTag}>`);
          }
          break;
        }
        case 'it':
          if (tag === undefined) keepAsText(node);
          else append(node.attrs['pos'] === 'end' ? `</${tag}>` : `<${tag}>`);
          break;
        case 'hi':
          unsupported.add('`<hi>`');
          walk(node.children);
          break;
        default:
          keepAsText(node);
      }
    }
  };
  walk(seg.children);
  return { cues, unsupported: [...unsupported] };
}
