import { diagnostic, type Diagnostic } from '../model/diagnostic.js';
import type { Lang } from '../model/track.js';
import type { TaggedText } from '../model/tagged-text.js';
import type { TermMatch } from './match.js';
import { restore as msg } from './messages.js';
import { localizeNumber, NUMBER } from './numbers.js';
import { findDotDates } from '../model/dot-date.js';
import type { Glossary } from './types.js';

/** The element DeepL is told to leave alone: send with `tagHandling: 'xml', ignoreTags: [PROTECT_TAG]`. */
export const PROTECT_TAG = 'x';

export interface ProtectOptions {
  glossary: Glossary;
  /** Protect digit runs (`12345`, `60,000`, `3.5`) too. @default true */
  numbers?: boolean;
  /**
   * When set, `restore` writes grouped and decimal numbers in this language's
   * convention (`60,000` → `60.000` in German). Plain digit runs never change.
   */
  targetLang?: Lang;
}

export interface RestoreResult {
  text: TaggedText;
  /** Without cueId: the caller adds it. */
  diagnostics: Diagnostic[];
}

export interface Protected {
  /** The tagged text with protected spans wrapped in `<x>…</x>`. */
  text: string;
  /** The protected contents in order, as sent. */
  items: readonly string[];
  /**
   * `unit`, for a cue of a sentence unit sent whole: the protected contents
   * of its other cues, and their translations. DeepL may move a clause, and a
   * protected number with it, from one cue to another; an element that is a
   * sibling's is then kept as it came, and an own element found in a sibling
   * is not missing.
   */
  restore(translated: string, unit?: UnitContext): RestoreResult;
}

export interface UnitContext {
  /** The other cues' protected contents. */
  items: readonly string[];
  /** The other cues' translations, as they came back. */
  translated: readonly string[];
}

interface Item {
  tagged: string;
  number: boolean;
}

/** Where each plain-text character sits in the tagged text. */
interface TaggedMap {
  plain: string;
  start: number[];
  end: number[];
  /** A styling tag sits between plain characters p-1 and p. */
  tagBefore: boolean[];
}

const TAG = /<\/?(?:i|b|u)>/y;
const ENTITY = /&(?:lt|gt|amp);/y;

function mapTagged(tagged: TaggedText): TaggedMap {
  const map: TaggedMap = { plain: '', start: [], end: [], tagBefore: [] };
  let pendingTag = false;
  let i = 0;
  while (i < tagged.length) {
    TAG.lastIndex = i;
    if (TAG.test(tagged)) {
      i = TAG.lastIndex;
      pendingTag = true;
      continue;
    }
    ENTITY.lastIndex = i;
    const entity = ENTITY.exec(tagged);
    const width = entity ? entity[0].length : 1;
    map.plain += entity ? ({ '&lt;': '<', '&gt;': '>', '&amp;': '&' } as Record<string, string>)[entity[0]] : tagged[i];
    map.start.push(i);
    map.end.push(i + width);
    map.tagBefore.push(pendingTag);
    pendingTag = false;
    i += width;
  }
  return map;
}

/**
 * Wraps do-not-translate terms and numbers in `<x>` elements so DeepL copies
 * them unchanged. Protected spans never cross the `<i> <b> <u>` tags: a span
 * that would is cut at the tag into two elements. Numbers inside a term the
 * DeepL glossary translates stay unwrapped, so the glossary entry still
 * matches (`12345市民服务热线`).
 */
export function protect(tagged: TaggedText, matches: readonly TermMatch[], opts: ProtectOptions): Protected {
  const dnt = new Set(opts.glossary.terms.filter((t) => t.doNotTranslate).map((t) => t.id));
  const map = mapTagged(tagged);
  const spans: { start: number; end: number; number: boolean }[] = matches
    .filter((m) => dnt.has(m.termId))
    .map((m) => ({ start: m.start, end: m.end, number: false }));
  if (opts.numbers ?? true) {
    // A date (`5.1假期`) is words to translate, not a number to copy and write as a decimal (`5,1`).
    const dates = new Set(findDotDates(map.plain).map((d) => d.index));
    for (const n of map.plain.matchAll(NUMBER)) {
      if (dates.has(n.index)) continue;
      const start = n.index;
      const end = start + n[0].length;
      if (!matches.some((m) => m.start < end && start < m.end)) spans.push({ start, end, number: true });
    }
  }
  spans.sort((a, b) => a.start - b.start);

  // Cut spans at styling tags, so every element sits inside one styled run.
  const pieces: typeof spans = [];
  for (const s of spans) {
    let from = s.start;
    for (let p = s.start + 1; p < s.end; p++) {
      if (map.tagBefore[p]) {
        pieces.push({ start: from, end: p, number: s.number });
        from = p;
      }
    }
    pieces.push({ start: from, end: s.end, number: s.number });
  }

  const items: Item[] = [];
  let text = '';
  let last = 0;
  for (const piece of pieces) {
    const a = map.start[piece.start]!;
    const b = map.end[piece.end - 1]!;
    const content = tagged.slice(a, b);
    items.push({ tagged: content, number: piece.number });
    text += `${tagged.slice(last, a)}<${PROTECT_TAG}>${content}</${PROTECT_TAG}>`;
    last = b;
  }
  text += tagged.slice(last);

  const restoreOne = (item: Item) =>
    item.number && opts.targetLang !== undefined ? localizeNumber(item.tagged, opts.glossary.sourceLanguage, opts.targetLang) : item.tagged;

  return {
    text,
    items: items.map((i) => i.tagged),
    restore: (translated, unit) => restoreText(translated, items, restoreOne, unit),
  };
}

/** Whether `part` stands in `text` as itself: a number not inside a longer one (`2` is not in `12 km`). */
function presentWhole(text: string, part: string): boolean {
  for (let at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
    const before = text[at - 1] ?? '';
    const after = text[at + part.length] ?? '';
    if (!(/\p{N}/u.test(part[0]!) && /\p{N}/u.test(before)) && !(/\p{N}/u.test(part.at(-1)!) && /\p{N}/u.test(after))) return true;
  }
  return false;
}

/** Protected content that is one number (`12345`, `60,000`), which restoring localizes. */
const WHOLE_NUMBER = new RegExp(`^${NUMBER.source}$`);

const ELEMENT = new RegExp(`<${PROTECT_TAG}>([\\s\\S]*?)</${PROTECT_TAG}>|<${PROTECT_TAG}\\s*/>`, 'g');
const STRAY = new RegExp(`</?${PROTECT_TAG}\\s*/?>`, 'g');

/**
 * DeepL may move a protected element (word order), empty it (its text
 * moved outside) or drop it. Moved elements are matched by content; every
 * other change is repaired where the original is known and reported.
 */
function restoreText(translated: string, items: readonly Item[], restoreOne: (item: Item) => string, unit?: UnitContext): RestoreResult {
  const diagnostics: Diagnostic[] = [];
  const found = [...translated.matchAll(ELEMENT)].map((m) => ({ index: m.index, end: m.index + m[0].length, content: m[1] ?? '' }));
  const used = items.map(() => false);
  const claim = (k: number) => {
    used[k] = true;
    return items[k]!;
  };
  const owner = found.map((f) => {
    const k = items.findIndex((it, j) => !used[j] && it.tagged === f.content);
    return k >= 0 ? claim(k) : undefined;
  });
  // An element no item of this cue has, but a sibling's has as it is: a clause DeepL moved across cues, kept whole.
  const foreign = new Set(unit?.items ?? []);
  const replacement = found.map((f, n) => {
    const exact = owner[n];
    if (exact) return restoreOne(exact);
    if (foreign.has(f.content)) return restoreOne({ tagged: f.content, number: WHOLE_NUMBER.test(f.content) });
    const k = used.indexOf(false);
    if (k < 0) {
      diagnostics.push(diagnostic('glossary/protected-unexpected', 'warning', msg.unexpected(f.content)));
      return f.content;
    }
    const item = claim(k);
    if (f.content.trim() !== '') {
      diagnostics.push(diagnostic('glossary/protected-changed', 'warning', msg.changed(item.tagged, f.content)));
      return restoreOne(item);
    }
    const besideText = translated.slice(f.end).trimStart().startsWith(item.tagged) || translated.slice(0, f.index).trimEnd().endsWith(item.tagged);
    if (besideText) {
      diagnostics.push(diagnostic('glossary/protected-emptied', 'info', msg.emptiedMoved(item.tagged)));
      return '';
    }
    diagnostics.push(diagnostic('glossary/protected-emptied', 'warning', msg.emptied(item.tagged)));
    return restoreOne(item);
  });

  let text = '';
  let last = 0;
  found.forEach((f, n) => {
    text += translated.slice(last, f.index) + replacement[n];
    last = f.end;
  });
  text += translated.slice(last);
  text = text.replace(STRAY, '');

  const moved = (unit?.translated ?? []).join('\n');
  items.forEach((item, k) => {
    if (used[k]) return;
    if (moved.includes(`<${PROTECT_TAG}>${item.tagged}</${PROTECT_TAG}>`)) return;
    if (presentWhole(text, item.tagged)) diagnostics.push(diagnostic('glossary/protected-missing', 'info', msg.unwrapped(item.tagged)));
    else diagnostics.push(diagnostic('glossary/protected-missing', 'error', msg.missing(item.tagged)));
  });
  return { text, diagnostics };
}
