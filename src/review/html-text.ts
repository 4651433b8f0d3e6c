import { charAt, charBefore, isWordChar, lower, normalizeChar } from '../glossary/fold.js';
import type { Span } from '../model/track.js';
import { fromTagged, type TaggedText } from '../model/tagged-text.js';

/** Escapes text for an HTML element or a quoted attribute value. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ENTITY[ch]!);
}

const ENTITY: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** A glossary form to highlight, and the tooltip its `<mark>` carries. */
export interface TermHighlight {
  form: string;
  title: string;
  className: string;
}

interface Range {
  start: number;
  end: number;
  term: TermHighlight;
}

/**
 * Tagged text as HTML: every character escaped, then only our `<i> <b> <u>`
 * turned back into elements, a dialogue `\n` into `<br>`, and glossary forms
 * wrapped in `<mark>`. Marks are found on the words alone, so a term that
 * crosses a style change is still one mark around the styled pieces.
 */
export function renderTagged(text: TaggedText, terms: readonly TermHighlight[] = []): string {
  const spans = fromTagged(text);
  const plain = spans.map((s) => s.text).join('');
  const ranges = findTerms(plain, terms);
  let out = '';
  let offset = 0;
  let r = 0;
  let openMark = false;
  for (const s of spans) {
    let at = 0;
    while (at < s.text.length) {
      const pos = offset + at;
      const range = ranges[r];
      if (openMark && range && pos === range.end) {
        out += '</mark>';
        openMark = false;
        r++;
        continue;
      }
      const next = ranges[r];
      if (!openMark && next && pos === next.start) {
        out += `<mark class="${next.term.className}" title="${escapeHtml(next.term.title)}">`;
        openMark = true;
      }
      const stop = openMark ? ranges[r]!.end : (ranges[r]?.start ?? Infinity);
      const piece = s.text.slice(at, Math.min(s.text.length, stop - offset));
      out += styled(piece, s);
      at += piece.length;
    }
    offset += s.text.length;
  }
  if (openMark) out += '</mark>';
  return out;
}

function styled(text: string, style: Span): string {
  let html = text.split('\n').map(escapeHtml).join('<br>');
  if (style.underline) html = `<u>${html}</u>`;
  if (style.bold) html = `<b>${html}</b>`;
  if (style.italic) html = `<i>${html}</i>`;
  return html;
}

/**
 * Where the terms occur: case- and width-insensitive, whole words for
 * space-separated scripts and plain substrings for Chinese and Japanese,
 * which have no spaces to bound a word. Longest match wins an overlap.
 */
export function findTerms(plain: string, terms: readonly TermHighlight[]): Range[] {
  const haystack = fold(plain);
  const found: Range[] = [];
  for (const term of terms) {
    const needle = fold(term.form.trim());
    if (needle === '') continue;
    for (let i = haystack.indexOf(needle); i !== -1; i = haystack.indexOf(needle, i + 1)) {
      const end = i + needle.length;
      if (isWordChar(charAt(needle, 0)) && isWordChar(charBefore(plain, i))) continue;
      if (isWordChar(charBefore(needle, needle.length)) && isWordChar(charAt(plain, end))) continue;
      found.push({ start: i, end, term });
    }
  }
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: Range[] = [];
  for (const range of found) if (range.start >= (kept[kept.length - 1]?.end ?? 0)) kept.push(range);
  return kept;
}

/** Texts folded lately: a cue's draft is searched once per term its source holds, and every language shows the same source. */
const folded = new Map<string, string>();
const FOLDED_KEPT = 4096;

/** Lower case and narrow width, one UTF-16 unit for one, so offsets found on it are offsets in the text. */
function fold(text: string): string {
  let out = folded.get(text);
  if (out === undefined) {
    if (folded.size >= FOLDED_KEPT) folded.clear();
    folded.set(text, (out = foldNow(text)));
  }
  return out;
}

function foldNow(text: string): string {
  let out = '';
  for (const ch of text) {
    const folded = lower(normalizeChar(ch));
    out += folded.length === ch.length ? folded : ch;
  }
  return out;
}
