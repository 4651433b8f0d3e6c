import type { Lang } from '../model/track.js';
import { renderingFor } from './rendering.js';
import { FormTrie, type TrieHit } from './trie.js';
import type { Glossary } from './types.js';

/** A glossary term found in source-language plain text. Offsets are UTF-16 indices. */
export interface TermMatch {
  readonly termId: string;
  readonly start: number;
  readonly end: number;
  /** The glossary form (source or variant) that matched. */
  readonly form: string;
}

export interface Matcher {
  /** Leftmost-longest, non-overlapping matches in order; one text's matches are found once and shared. */
  find(text: string): readonly TermMatch[];
  /** Every match, the terms inside a longer one (居委会 in 居委会主任) and overlapping ones included, by start then longest first. */
  findAll(text: string): readonly TermMatch[];
}

/**
 * Finds glossary terms in source-language plain text (pass `plainOf(tagged)`).
 * CJK forms match anywhere; Latin-script forms need word boundaries and are
 * case-insensitive unless the term is `caseSensitive`. Matching is exact:
 * `hutong` does not match inside `hutongs`; list inflected forms as variants.
 */
export function createMatcher(glossary: Glossary): Matcher {
  const trie = new FormTrie<{ termId: string; form: string }>();
  for (const term of glossary.terms) {
    for (const form of [term.source, ...term.variants]) trie.add(form, { termId: term.id, form }, term.caseSensitive);
  }
  // Every target language asks about the same source texts again (protecting, checking, packaging): each is matched once.
  const found = new Map<string, readonly TermMatch[]>();
  const toMatch = (h: TrieHit<{ termId: string; form: string }>): TermMatch => ({ termId: h.value.termId, start: h.start, end: h.end, form: h.value.form });
  return {
    find(text) {
      let matches = found.get(text);
      if (matches === undefined) {
        matches = trie.longest(text).map(toMatch);
        found.set(text, matches);
      }
      return matches;
    },
    findAll: (text) => trie.all(text).map(toMatch),
  };
}

export type RenderingKind = 'preferred' | 'allowed' | 'forbidden';

/** A rendering of some term found in target-language text. */
export interface RenderingMatch {
  termId: string;
  kind: RenderingKind;
  start: number;
  end: number;
  /** The rendering as the glossary writes it. */
  form: string;
}

export interface TargetMatcher {
  /** Every rendering found, overlapping ones included (the check needs to see them all). */
  find(text: string): RenderingMatch[];
}

/**
 * Finds the preferred, allowed and forbidden renderings of one language in
 * target text. Exact phrases, case-insensitive unless the term is
 * `caseSensitive`, any run of whitespace matching a space, curly and
 * straight apostrophes alike. No inflection is guessed: `Reaktion` does not
 * find `Reaktionen`, so inflected forms belong in `allowed`. A
 * do-not-translate term's own forms count as its preferred rendering, found
 * as its other forms are; `checkDraft` says whether they are verbatim.
 */
export function createTargetMatcher(glossary: Glossary, lang: Lang): TargetMatcher {
  const trie = new FormTrie<{ termId: string; kind: RenderingKind; form: string }>();
  for (const term of glossary.terms) {
    const add = (form: string, kind: RenderingKind, caseSensitive = term.caseSensitive) => trie.add(form, { termId: term.id, kind, form }, caseSensitive);
    const r = renderingFor(term, lang);
    // Which spelling a do-not-translate term must keep is the check's to say (see checkDraft): the source's may differ in case.
    if (term.doNotTranslate) for (const form of [term.source, ...term.variants]) add(form, 'preferred');
    else if (r) {
      add(r.preferred, 'preferred');
      for (const a of r.allowed) add(a, 'allowed');
    }
    for (const f of r?.forbidden ?? []) add(f, 'forbidden');
  }
  return {
    find: (text) => trie.all(text).map((h) => ({ ...h.value, start: h.start, end: h.end })),
  };
}
