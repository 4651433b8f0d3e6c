/**
 * Whether an answer's translations stand in the order of the request's
 * texts, as far as their protected elements tell.
 *
 * DeepL copies the content of an element named in `ignore_tags` as it was
 * sent, and reads each text of a request alone: it may drop, empty or
 * double an element, move it within its text, but it cannot write another
 * text's protected content into this one. A translation whose elements are
 * not all its own text's, and all another text's, is that text's
 * translation put in the wrong place (a proxy altering the answer); the
 * order of the others is then unknown too.
 */

/** A translation found in another text's place: `translation` holds `items`, protected in text `of` and not in its own. */
export interface Misplaced {
  translation: number;
  of: number;
  items: string[];
}

function elements(text: string, tags: readonly string[]): string[] {
  const names = tags.map((t) => t.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&')).join('|');
  const element = new RegExp(`<(${names})(?:\\s[^<>]*)?>([\\s\\S]*?)</\\1\\s*>`, 'g');
  return [...text.matchAll(element)].map((m) => m[2]!).filter((content) => content.trim() !== '');
}

/** The first translation of `translations` (one per text, same count) that is clearly another text's, by the contents of `ignoreTags` elements. */
export function misplacedTranslation(texts: readonly string[], translations: readonly string[], ignoreTags: readonly string[]): Misplaced | undefined {
  if (ignoreTags.length === 0) return undefined;
  const sent = texts.map((t) => new Set(elements(t, ignoreTags)));
  for (const [i, translation] of translations.entries()) {
    const back = new Set(elements(translation, ignoreTags));
    const foreign = [...back].filter((content) => !sent[i]!.has(content));
    if (foreign.length === 0) continue;
    const of = sent.findIndex((items, j) => j !== i && [...back].every((content) => items.has(content)));
    if (of >= 0) return { translation: i, of, items: foreign };
  }
  return undefined;
}
