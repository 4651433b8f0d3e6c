import { lineJoiner } from '../../model/language.js';
import { escapeText } from '../tagged-text.js';
import type { Lang } from '../../model/track.js';

/**
 * How a unit's cues travel to DeepL as one text and come back one per cue.
 *
 * Each cue is wrapped in its own element, `<c n="0">…</c><c n="1">…</c>`,
 * rather than separated by an empty `<cb/>`. An element holds text, so
 * DeepL's tag handling moves it with the words it holds; an empty marker has
 * no words to anchor it and is the tag DeepL most often moves or drops
 * (deepl-node #48, deepl-python #93). The `n` attribute names the cue, so a
 * duplicated or reordered element is recognised instead of silently
 * shifting text into the wrong cue. `c` is sent as a non-splitting tag so
 * DeepL still reads the unit as one sentence.
 */
export const CUE_TAG = 'c';

type Token =
  | { kind: 'open'; name: string; raw: string; n: number | undefined }
  | { kind: 'close'; name: string; raw: string }
  | { kind: 'empty'; name: string; raw: string }
  | { kind: 'text'; text: string };

const MARKUP = /<(\/?)([A-Za-z_][\w.-]*)((?:\s[^<>]*?)?)(\/?)>|&(#x[0-9a-fA-F]+|#\d+|[A-Za-z]+);/g;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeEntity(name: string, raw: string): string {
  if (name.startsWith('#x')) return String.fromCodePoint(parseInt(name.slice(2), 16));
  if (name.startsWith('#')) return String.fromCodePoint(Number(name.slice(1)));
  return NAMED[name] ?? raw;
}

/** An XML fragment as tags and decoded text. */
function tokenize(xml: string): Token[] {
  const tokens: Token[] = [];
  let text = '';
  let last = 0;
  const flush = () => {
    if (text !== '') tokens.push({ kind: 'text', text });
    text = '';
  };
  for (const m of xml.matchAll(MARKUP)) {
    text += xml.slice(last, m.index);
    last = m.index + m[0].length;
    if (m[5] !== undefined) {
      text += decodeEntity(m[5], m[0]);
      continue;
    }
    flush();
    const name = m[2]!;
    if (m[1] === '/') tokens.push({ kind: 'close', name, raw: m[0] });
    else if (m[4] === '/') tokens.push({ kind: 'empty', name, raw: m[0] });
    else {
      const n = /\bn\s*=\s*["'](\d+)["']/.exec(m[3] ?? '');
      tokens.push({ kind: 'open', name, raw: m[0], n: n ? Number(n[1]) : undefined });
    }
  }
  text += xml.slice(last);
  flush();
  return tokens;
}

/** Tokens back to XML with every element balanced: stray closes dropped, open ones closed at the end. */
function serialize(tokens: readonly Token[]): string {
  let out = '';
  const stack: { name: string; raw: string }[] = [];
  for (const t of tokens) {
    if (t.kind === 'text') out += escapeText(t.text);
    else if (t.kind === 'empty') out += t.raw;
    else if (t.kind === 'open') {
      stack.push(t);
      out += t.raw;
    } else if (stack.some((s) => s.name === t.name)) {
      for (let top = stack.pop(); top !== undefined; top = stack.pop()) {
        out += `</${top.name}>`;
        if (top.name === t.name) break;
      }
    }
  }
  for (const s of stack.reverse()) out += `</${s.name}>`;
  return out;
}

/** The unit's one text: each cue's XML in its own `<c n>`, joined the way the source language joins lines. */
export function joinCues(cues: readonly string[], sourceLang: Lang): string {
  return cues.map((xml, n) => `<${CUE_TAG} n="${n}">${xml}</${CUE_TAG}>`).join(lineJoiner(sourceLang));
}

/** Characters other than white space: what the proportional split measures, on both sides. */
function plainLength(tokens: readonly Token[]): number {
  return tokens.reduce((n, t) => n + (t.kind === 'text' ? [...t.text].filter((c) => c.trim() !== '').length : 0), 0);
}

function hasWords(tokens: readonly Token[]): boolean {
  return tokens.some((t) => t.kind === 'text' && t.text.trim() !== '');
}

/**
 * The translation split on the cue elements, one XML fragment per cue, or
 * undefined when they did not survive: an element missing, out of order,
 * nested, or a cue left without words. Text DeepL put between or around the
 * elements joins the cue before it (the first cue for text ahead of all).
 */
export function splitOnCues(xml: string, count: number): string[] | undefined {
  const pieces: Token[][] = Array.from({ length: count }, () => []);
  const order: number[] = [];
  let current: number | undefined;
  let leading: Token[] = [];
  for (const t of tokenize(xml)) {
    if (t.kind === 'open' && t.name === CUE_TAG) {
      if (current !== undefined || t.n === undefined || t.n >= count) return undefined;
      current = t.n;
      if (order.at(-1) !== current) order.push(current);
      continue;
    }
    if (t.kind === 'close' && t.name === CUE_TAG) {
      current = undefined;
      continue;
    }
    if (current !== undefined) pieces[current]!.push(t);
    else if (order.length === 0) leading.push(t);
    else if (!(t.kind === 'text' && t.text.trim() === '')) pieces[order.at(-1)!]!.push(t);
  }
  if (order.length !== count || order.some((n, i) => n !== i)) return undefined;
  pieces[0]!.unshift(...leading);
  leading = [];
  if (pieces.some((p) => !hasWords(p))) return undefined;
  return pieces.map((p) => trimXml(serialize(p)));
}

/** `<i> hello </i> ` → `<i>hello</i>`: the space a cue starts or ends with belongs to no cue. */
function trimXml(xml: string): string {
  return xml.replace(/^((?:<[^>]*>)*)\s+/, '$1').replace(/\s+((?:<[^>]*>)*)$/, '$1');
}

interface Item {
  token: Token;
  /** For a one-character text item: false inside an element DeepL must not translate (no cut inside it). */
  cuttable: boolean;
}

const PUNCT_BEFORE_CUT = /[,.;:!?…，。、；：！？」』）)\]”’"'—–-]/u;
const CJK = /[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\uac00-\ud7af]/u;

/**
 * The fallback when the cue elements did not survive: the translation, cue
 * elements removed, cut into `weights.length` parts in proportion to the
 * weights (the source cues' lengths), each cut moved to the nearest place a
 * reader would accept: after punctuation, then between words, then between
 * CJK characters, and only when nothing else is left, inside a word. Every
 * part keeps at least one character; styling open across a cut is closed
 * and reopened; no cut falls inside an `ignoreTags` element.
 */
export function splitByLength(xml: string, weights: readonly number[], ignoreTags: readonly string[] = []): string[] {
  const count = weights.length;
  const items: Item[] = [];
  let atomicDepth = 0;
  for (const t of tokenize(xml)) {
    if ((t.kind === 'open' || t.kind === 'close') && t.name === CUE_TAG) continue;
    if (t.kind !== 'text') {
      if (ignoreTags.includes(t.name) && t.kind !== 'empty') atomicDepth = Math.max(0, atomicDepth + (t.kind === 'open' ? 1 : -1));
      items.push({ token: t, cuttable: false });
      continue;
    }
    for (const ch of t.text) items.push({ token: { kind: 'text', text: ch }, cuttable: atomicDepth === 0 });
  }
  if (count === 1) return [trimXml(serialize(items.map((i) => i.token)))];

  const chars = items.flatMap((item, index) => (item.token.kind === 'text' ? [{ index, ch: item.token.text, cuttable: item.cuttable }] : []));
  const visible = chars.filter((c) => c.ch.trim() !== '').length;
  const total = weights.reduce((a, b) => a + Math.max(1, b), 0);
  // Candidate cut k sits before chars[k]; its cost class says how good a place it is.
  const classOf = (k: number): number => {
    const prev = chars[k - 1]!;
    const next = chars[k]!;
    if (!next.cuttable || next.ch.trim() === '') return Infinity;
    const prevSpace = prev.ch.trim() === '';
    const beforeSpace = k >= 2 ? chars[k - 2]!.ch : '';
    if ((prevSpace && PUNCT_BEFORE_CUT.test(beforeSpace)) || (!prevSpace && CJK.test(next.ch) && PUNCT_BEFORE_CUT.test(prev.ch))) return 0;
    if (prevSpace) return 2;
    if (CJK.test(prev.ch) || CJK.test(next.ch)) return PUNCT_BEFORE_CUT.test(next.ch) ? Infinity : 4;
    return 1000;
  };
  // Visible characters before each position, to keep every part non-empty.
  const visibleBefore: number[] = [0];
  chars.forEach((c, k) => visibleBefore.push(visibleBefore[k]! + (c.ch.trim() === '' ? 0 : 1)));

  const cuts: number[] = [];
  let cumulative = 0;
  let prev = 0;
  for (let part = 1; part < count; part++) {
    cumulative += Math.max(1, weights[part - 1]!);
    const ideal = (cumulative / total) * visible;
    let best: number | undefined;
    let bestCost = Infinity;
    for (let k = prev + 1; k < chars.length; k++) {
      if (visibleBefore[k]! - visibleBefore[prev]! < 1) continue;
      // Leave at least one visible character for each part still to come.
      if (visible - visibleBefore[k]! < count - part) break;
      const cls = classOf(k);
      const cost = Math.abs(visibleBefore[k]! - ideal) + (cls === Infinity ? 1e6 : cls);
      if (cost < bestCost) {
        bestCost = cost;
        best = k;
      }
    }
    if (best === undefined) break;
    cuts.push(best);
    prev = best;
  }
  if (cuts.length !== count - 1) return evenly(chars.map((c) => c.ch).join(''), count);

  const parts: string[] = [];
  const cutItems = new Set(cuts.map((k) => chars[k]!.index));
  let current: Token[] = [];
  const open: Token[] = [];
  items.forEach((item, index) => {
    if (cutItems.has(index)) {
      parts.push(trimXml(serialize(current)));
      current = [...open];
    }
    const t = item.token;
    if (t.kind === 'open') open.push(t);
    if (t.kind === 'close') {
      const at = open.map((o) => (o.kind === 'open' ? o.name : '')).lastIndexOf(t.name);
      if (at >= 0) open.splice(at, 1);
    }
    current.push(t);
  });
  parts.push(trimXml(serialize(current)));
  return parts;
}

/** Last resort when the text has fewer visible characters than cues: equal shares of characters, tags dropped. */
function evenly(text: string, count: number): string[] {
  const chars = [...text.trim()];
  const size = Math.max(1, Math.ceil(chars.length / count));
  return Array.from({ length: count }, (_, i) => escapeText(chars.slice(i * size, (i + 1) * size).join('').trim()));
}

/** Whether a fragment has words once its tags are gone. */
export function hasText(xml: string): boolean {
  return hasWords(tokenize(xml));
}

/** The plain length of a fragment: what a cue weighs in a proportional split. */
export function textLength(xml: string): number {
  return plainLength(tokenize(xml));
}

/**
 * A fragment as subloc's tagged text: only `<i> <b> <u>` kept (balanced),
 * every other element dropped with its tags but not its words, entities
 * decoded and re-escaped as `&amp; &lt; &gt;`.
 */
export function toTaggedText(xml: string): string {
  return serialize(tokenize(xml).filter((t) => t.kind === 'text' || ['i', 'b', 'u'].includes(t.name))).replace(/<(i|b|u)><\/\1>/g, '');
}
