import { lineJoiner } from '../../model/language.js';
import { escapeText } from '../../model/tagged-text.js';
import type { Lang } from '../../model/track.js';

/**
 * How a unit's cues travel to DeepL as one text and come back one per cue.
 *
 * Each cue is wrapped in its own element, `<c n="0">…</c><c n="1">…</c>`,
 * rather than separated by an empty `<cb/>`. An element holds text, so
 * DeepL's tag handling moves it with the words it holds; an empty marker has
 * no words to anchor it and is the tag DeepL most often moves or drops
 * (deepl-node #48, deepl-python #93). The `n` attribute names the cue: a
 * part is placed by it, never by its position, and a duplicated, missing or
 * invented element is recognised instead of silently shifting text into the
 * wrong cue. `c` is sent as a non-splitting tag so
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
      tokens.push({ kind: 'open', name, raw: m[0], n: numberOf(m[3] ?? '') });
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

/**
 * The unit's one text: each cue's XML in its own `<c n>`, joined the way the
 * source language joins lines; with `max`, each element also carries its
 * cue's character budget as `max` (see condense.ts).
 */
export function joinCues(cues: readonly string[], sourceLang: Lang, max?: readonly number[]): string {
  const attributes = (n: number) => (max?.[n] === undefined ? `n="${n}"` : `n="${n}" max="${max[n]}"`);
  return cues.map((xml, n) => `<${CUE_TAG} ${attributes(n)}>${xml}</${CUE_TAG}>`).join(lineJoiner(sourceLang));
}

function hasWords(tokens: readonly Token[]): boolean {
  return tokens.some((t) => t.kind === 'text' && t.text.trim() !== '');
}

/** Why a translation's cue elements cannot say which cue each part belongs to; `n` names the element at fault. */
export interface CueMarkupProblem {
  kind: 'missing' | 'duplicate' | 'unknown' | 'nested' | 'empty';
  n?: number;
}

/**
 * The translation split on the cue elements, one XML fragment per cue, each
 * placed by its `n` attribute whatever the order DeepL put the elements in.
 * A part is trusted only when every cue has exactly one element with words
 * in it and no element is nested, unnumbered or numbered past the last cue;
 * otherwise the problem is returned and nothing is guessed. A unit of one
 * cue needs no markup: every word of the answer is its. Text DeepL put
 * outside the elements joins the element before it (the first element for
 * text ahead of all).
 */
export function splitOnCues(xml: string, count: number): { parts: string[] } | { problem: CueMarkupProblem } {
  const inside: (Token[] | undefined)[] = Array.from({ length: count }, () => undefined);
  const after: Token[][] = Array.from({ length: count }, () => []);
  const leading: Token[] = [];
  let first: number | undefined;
  let current: number | undefined;
  let last: number | undefined;
  const problem = (kind: CueMarkupProblem['kind'], n: number | undefined) => ({ problem: n === undefined ? { kind } : { kind, n } });
  const tokens = tokenize(xml);
  if (count === 1) {
    const words = tokens.filter((t) => t.kind === 'text' || t.name !== CUE_TAG);
    return hasWords(words) ? { parts: [trimXml(serialize(words))] } : problem('empty', 0);
  }
  /** Style tags DeepL opened outside the cue elements (`<i><c n="0">…</c><c n="1">…</c></i>`): they style every cue they hold. */
  const outer: Token[] = [];
  for (const t of tokens) {
    const isCue = t.kind !== 'text' && t.name === CUE_TAG;
    if (current === undefined && (t.kind === 'open' || t.kind === 'close') && STYLES.has(t.name)) {
      if (t.kind === 'open') outer.push(t);
      else {
        const k = outer.findLastIndex((o) => o.kind === 'open' && o.name === t.name);
        if (k >= 0) outer.splice(k, 1);
      }
      continue;
    }
    if (isCue && t.kind === 'close') {
      if (current !== undefined) last = current;
      current = undefined;
      continue;
    }
    if (isCue) {
      const n = t.kind === 'open' ? t.n : numberOf(t.raw);
      if (current !== undefined) return problem('nested', n);
      if (n === undefined || n >= count) return problem('unknown', n);
      if (inside[n] !== undefined) return problem('duplicate', n);
      inside[n] = [...outer];
      first ??= n;
      if (t.kind === 'open') current = n;
      else last = n;
      continue;
    }
    if (current !== undefined) inside[current]!.push(t);
    else if (last === undefined) leading.push(t);
    else if (!(t.kind === 'text' && t.text.trim() === '')) after[last]!.push(t);
  }
  const missing = inside.findIndex((p) => p === undefined);
  if (missing >= 0) return problem('missing', missing);
  const empty = inside.findIndex((p) => !hasWords(p!));
  if (empty >= 0) return problem('empty', empty);
  carryStyles(inside as Token[][]);
  return { parts: inside.map((p, n) => trimXml(serialize([...(n === first ? leading : []), ...p!, ...after[n]!]))) };
}

const STYLES: ReadonlySet<string> = new Set(['i', 'b', 'u']);

/**
 * A style opened in one cue and closed in the next (`<c n="0"><i>a</c><c
 * n="1">b</i></c>`) styles both: the next cue's stray close says the style
 * ran on. A style never closed where no later cue closes it ends with its cue.
 */
function carryStyles(cues: Token[][]): void {
  for (let n = 0; n + 1 < cues.length; n++) {
    const open: Token[] = [];
    for (const t of cues[n]!) {
      if (t.kind === 'open' && STYLES.has(t.name)) open.push(t);
      else if (t.kind === 'close') {
        const k = open.findLastIndex((o) => o.kind === 'open' && o.name === t.name);
        if (k >= 0) open.splice(k, 1);
      }
    }
    const stray = new Set<string>();
    const seen: string[] = [];
    for (const t of cues[n + 1]!) {
      if (t.kind === 'open') seen.push(t.name);
      else if (t.kind === 'close') {
        const k = seen.lastIndexOf(t.name);
        if (k >= 0) seen.splice(k, 1);
        else stray.add(t.name);
      }
    }
    const runOn = open.filter((o) => o.kind === 'open' && stray.has(o.name));
    if (runOn.length > 0) cues[n + 1]!.unshift(...runOn);
  }
}

function numberOf(raw: string): number | undefined {
  const n = /\bn\s*=\s*["'](\d+)["']/.exec(raw);
  return n ? Number(n[1]) : undefined;
}

/** `<i> hello </i> ` → `<i>hello</i>`: the space a cue starts or ends with belongs to no cue. */
function trimXml(xml: string): string {
  return xml.replace(/^((?:<[^>]*>)*)\s+/, '$1').replace(/\s+((?:<[^>]*>)*)$/, '$1');
}

/** Whether a fragment has words once its tags are gone. */
export function hasText(xml: string): boolean {
  return hasWords(tokenize(xml));
}

/**
 * A fragment as subloc's tagged text: only `<i> <b> <u>` kept (balanced),
 * every other element dropped with its tags but not its words, entities
 * decoded and re-escaped as `&amp; &lt; &gt;`.
 */
export function toTaggedText(xml: string): string {
  return serialize(tokenize(xml).filter((t) => t.kind === 'text' || ['i', 'b', 'u'].includes(t.name))).replace(/<(i|b|u)><\/\1>/g, '');
}
