import { DIALOGUE_DASH, isDialogue } from './dialogue.js';
import { lineJoiner } from './language.js';
import { lineText, normalizeLine, sameStyle, span } from './spans.js';
import { showsNothing } from './white-space.js';
import type { Span } from './track.js';

/**
 * Tagged text: how a cue's words travel through translation and the memory.
 * Plain text with `<i> <b> <u>` for styling and `&amp; &lt; &gt;` escapes,
 * nothing else. Line breaks are not kept (a translation is re-broken for its
 * own language) except before a line that opens with a dialogue dash, where
 * each speaker keeps a line of their own. Colour does not travel (documentary subtitles do not use it
 * for meaning); the pipeline reports cues that lose it.
 */
export type TaggedText = string;

const TAGS = ['i', 'b', 'u'] as const;
type Tag = (typeof TAGS)[number];
const FLAG: Record<Tag, 'italic' | 'bold' | 'underline'> = { i: 'italic', b: 'bold', u: 'underline' };

/**
 * A line a speaker's dash opens, for the fitter, in a cue that is no
 * dialogue (`isDialogue`): a minus sign (`-5 °C`) is no dash. `toTagged`
 * keeps the wider `DIALOGUE_DASH`: the memory's keys are made with it.
 */
const SPEAKER_LINE = /^\s*[-–—](?!\d)/;

export function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function unescapeText(text: string): string {
  return text.replace(/&(lt|gt|amp);/g, (_, name: string) => (name === 'lt' ? '<' : name === 'gt' ? '>' : '&'));
}

export function toTagged(lines: readonly Span[][], language: string): TaggedText {
  const joiner = lineJoiner(language);
  return taggedOf(lines.flatMap((line, i) => (i === 0 ? line : [span(DIALOGUE_DASH.test(line[0]?.text ?? '') ? '\n' : joiner, line[0] ?? {}), ...line])));
}

/**
 * A translator's own cue as tagged text, every line break kept (an edited
 * subtitle file, as the studio keeps a typed break): the fitter keeps them
 * where they fit. Empty lines are dropped.
 */
export function toTaggedLines(lines: readonly Span[][]): TaggedText {
  const spans: Span[] = [];
  for (const line of lines) {
    if (showsNothing(lineText(line))) continue;
    const before = spans.at(-1);
    // Inside a style only when both lines hold it there: `<i>a\nb</i>`, but `a\n<i>b</i>`.
    if (before !== undefined) spans.push(span('\n', sameStyle(before, line[0]!) ? before : {}));
    spans.push(...line);
  }
  return taggedOf(spans);
}

/**
 * The lines a translation keeps: one for each speaker (every line of a
 * dialogue, else a line that opens with a speaker's dash). Any other break
 * (a TMX's or a CAT tool's `lb`) is joined as `toTagged` joins it, for the
 * fitter to choose again, and an empty line, which a screen shows as a
 * blank row, is dropped.
 */
export function speakerLines(lines: readonly Span[][], language: string): Span[][] {
  const joiner = lineJoiner(language);
  const filled = lines.filter((line) => !showsNothing(lineText(line)));
  if (isDialogue(filled.map(lineText))) return filled.map((line) => [...line]);
  const out: Span[][] = [];
  for (const line of filled) {
    const last = out.at(-1);
    if (last === undefined || SPEAKER_LINE.test(line[0]!.text)) out.push([...line]);
    else out[out.length - 1] = normalizeLine([...last, span(joiner, line[0]!), ...line]);
  }
  return out;
}

/** A run of spans as tagged text: each styled run in its tags, escapes made, adjacent tags of one style merged. */
export function taggedOf(spans: readonly Span[]): TaggedText {
  let out = '';
  for (const s of normalizeLine([...spans])) {
    let text = escapeText(s.text);
    for (const tag of [...TAGS].reverse()) if (s[FLAG[tag]]) text = `<${tag}>${text}</${tag}>`;
    out += text;
  }
  return mergeAdjacentTags(out);
}

/** `<i>a</i><i>b</i>` → `<i>ab</i>`: the joiner between two italic lines must not split the tag. */
function mergeAdjacentTags(text: string): string {
  return text.replace(/<\/(i|b|u)><\1>/g, '');
}

/** Parses tagged text back into spans; unknown or unbalanced tags are kept as text. */
export function fromTagged(text: TaggedText): Span[] {
  const open: Record<Tag, number> = { i: 0, b: 0, u: 0 };
  const spans: Span[] = [];
  const re = /<(\/?)(i|b|u)>/g;
  let last = 0;
  const push = (raw: string) => {
    if (raw === '') return;
    spans.push(span(unescapeText(raw), { ...(open.i > 0 ? { italic: true } : {}), ...(open.b > 0 ? { bold: true } : {}), ...(open.u > 0 ? { underline: true } : {}) }));
  };
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    push(text.slice(last, m.index));
    const tag = m[2] as Tag;
    open[tag] = Math.max(0, open[tag] + (m[1] === '/' ? -1 : 1));
    last = re.lastIndex;
  }
  push(text.slice(last));
  return normalizeLine(spans);
}

/** The words alone: what characters are counted and compared on. */
export function plainOf(text: TaggedText): string {
  return unescapeText(text.replace(/<\/?(i|b|u)>/g, ''));
}

/** A span's text one character at a time, each with the style flags that tagged text keeps (colour does not travel). */
function styledChars(spans: readonly Span[]): { char: string; style: number }[] {
  return spans.flatMap((s) => {
    const style = (s.italic ? 1 : 0) | (s.bold ? 2 : 0) | (s.underline ? 4 : 0);
    return [...s.text].map((char) => ({ char, style }));
  });
}

/** A line break between two lines of a cue, in `isTextBroken`'s sequence: white space of no style. */
const BOUNDARY = -1;

/**
 * Whether `lines`, as a track shows a cue, are `text` broken into lines and
 * nothing else: the same styled characters, each run of white space (a
 * space, a translator's own break) matched by one in the lines, a line
 * break among it or not. In a language written without spaces a break may
 * stand where the text has none, or have taken the spaces it stood on
 * (Japanese breaks at an ideographic space and shows none), which joining
 * the lines again cannot give back: `2019年　12345件` shown as `2019年` /
 * `12345件` is still that text, not an edit of it.
 */
export function isTextBroken(text: TaggedText, lines: readonly Span[][], language: string): boolean {
  if (toTagged(lines, language) === text) return true;
  const spaced = lineJoiner(language) !== '';
  const want = styledChars(fromTagged(text));
  const shown = lines.flatMap((line, n) => (n === 0 ? styledChars(line) : [{ char: '\n', style: BOUNDARY }, ...styledChars(line)]));
  const isSpace = (c: { char: string; style: number }) => c.style === BOUNDARY || /\s/.test(c.char);
  let i = 0;
  let j = 0;
  while (i < want.length || j < shown.length) {
    if ((i < want.length && isSpace(want[i]!)) || (j < shown.length && isSpace(shown[j]!))) {
      const from = i;
      while (i < want.length && isSpace(want[i]!)) i++;
      const at = j;
      let breakAlone = true;
      for (; j < shown.length && isSpace(shown[j]!); j++) breakAlone &&= shown[j]!.style === BOUNDARY;
      if (j === at || (i === from && (spaced || !breakAlone))) return false;
      continue;
    }
    if (i === want.length || j === shown.length || want[i]!.char !== shown[j]!.char || want[i]!.style !== shown[j]!.style) return false;
    i++;
    j++;
  }
  return true;
}
