import type { TaggedText } from './tagged-text.js';

export type StyleTag = 'i' | 'b' | 'u';

/** Tagged text as a run of tokens; a closing tag and its opener point at each other through `pair`. */
export type TaggedToken = { kind: 'text'; text: string } | { kind: 'lb' } | { kind: 'tag'; tag: StyleTag; close: boolean; pair?: number };

/** How the exchange formats (TMX, XLIFF) see tagged text: they pair codes and must know which tags match. */
export function tokenizeTagged(text: TaggedText): TaggedToken[] {
  const tokens: TaggedToken[] = [];
  const open: Record<StyleTag, number[]> = { i: [], b: [], u: [] };
  const re = /<(\/?)(i|b|u)>|\n/g;
  let last = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    if (m.index > last) tokens.push({ kind: 'text', text: text.slice(last, m.index) });
    last = re.lastIndex;
    if (m[0] === '\n') {
      tokens.push({ kind: 'lb' });
      continue;
    }
    const tag = m[2] as StyleTag;
    if (m[1] === '') {
      open[tag].push(tokens.length);
      tokens.push({ kind: 'tag', tag, close: false });
    } else {
      const opener = open[tag].pop();
      const token: TaggedToken = { kind: 'tag', tag, close: true };
      if (opener !== undefined) {
        token.pair = opener;
        (tokens[opener] as TaggedToken & { kind: 'tag' }).pair = tokens.length;
      }
      tokens.push(token);
    }
  }
  if (last < text.length) tokens.push({ kind: 'text', text: text.slice(last) });
  return tokens;
}
