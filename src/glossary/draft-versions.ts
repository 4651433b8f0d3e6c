import { plainOf, type TaggedText } from '../model/tagged-text.js';
import type { Lang } from '../model/track.js';
import { glossaryContentHash } from './deepl-entries.js';
import { foldForm, isWordChar, lower, upper } from './fold.js';
import { canonicalJson, sha256Prefix } from './hash.js';
import { createMatcher, type Matcher } from './match.js';
import { renderingFor } from './rendering.js';
import type { Glossary, Term } from './types.js';

/**
 * Which glossary a unit's machine draft was made under, told by the part of
 * it the unit's source may meet: a change to a term re-drafts (and bills)
 * only the sentences the term is in, not the whole language.
 */
export interface DraftVersions {
  /** Stored with the unit's machine draft. */
  own(source: readonly TaggedText[]): string;
  /**
   * What the unit's machine drafts are found under: its own version, and
   * the whole glossary's hash, under which runs before versions were per
   * unit stored every draft (drafted under this very glossary, so still good).
   */
  under(source: readonly TaggedText[]): { own: string; former: string } | string;
}

/**
 * The version of a unit no glossary can change: one that meets no term, or
 * any without a glossary. A glossary added later re-drafts only the units
 * that meet its terms (the empty version of earlier runs, which every
 * lookup accepts, could not tell them).
 */
const NO_TERMS = 'no-terms';
const WITHOUT_GLOSSARY: DraftVersions = { own: () => NO_TERMS, under: () => ({ own: NO_TERMS, former: '' }) };

/** Letters past a word's stem that a form may be found with: DeepL flexes entries (`city` in `cities`). */
const FLEX = 2;
/** The shortest stem: a word of up to this many letters is found only as a word (`AI` is not in `said`), with FLEX letters more. */
const STEM = 3;

const LETTERS = '[\\p{L}\\p{M}]';

/** A form as looked for in folded text: the pattern of where it may stand, and its first character, to look only where that is. */
interface Searched {
  term: Term;
  form: string;
  first: string;
  pattern: RegExp;
}

function escaped(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * A form's pattern: its folded text, each cased word's last FLEX letters
 * free and up to FLEX more allowed (German and English inflect at the end);
 * a short first word must start a word and a short word end within FLEX
 * letters, else `AI` would be met in every `said` and `again`.
 */
function searched(term: Term, form: string): Searched | undefined {
  const folded = foldForm(form);
  if (folded === '') return undefined;
  const pieces: string[] = [];
  const runs = folded.match(/[\p{L}\p{M}\p{N}]+|[^\p{L}\p{M}\p{N}]+/gu) ?? [];
  runs.forEach((run, i) => {
    const chars = [...run];
    const cased = chars.every((ch) => lower(ch) !== upper(ch) || /\p{M}/u.test(ch));
    if (!cased || !isWordChar(chars[0]!)) {
      pieces.push(escaped(run));
      return;
    }
    if (chars.length <= STEM) {
      if (i === 0) pieces.push(`(?<!${LETTERS})`);
      pieces.push(`${escaped(run)}${LETTERS}{0,${FLEX}}(?!${LETTERS})`);
      return;
    }
    const stem = Math.max(STEM, chars.length - FLEX);
    pieces.push(`${escaped(chars.slice(0, stem).join(''))}${LETTERS}{0,${chars.length - stem + FLEX}}`);
  });
  return { term, form, first: String.fromCodePoint(folded.codePointAt(0)!), pattern: new RegExp(pieces.join(''), 'uy') };
}

/**
 * The versions for one target language. A unit's version hashes what of
 * the glossary can change its draft: each term the unit may meet (any of
 * its forms found as `searched` says in the unit's folded source, more than
 * DeepL applies, never less) with its rendering for the target and its
 * flags, and the terms the glossary's matcher finds in each cue, which
 * decide what is protected from DeepL (do-not-translate terms, numbers
 * outside any term) whatever language the term is rendered in; `matcher`,
 * the run's own for the glossary, finds each text's terms once for every
 * language. A unit that meets no term keeps its draft whatever terms come
 * and go.
 */
export function draftVersions(glossary: Glossary | undefined, target: Lang, matcher: Matcher | undefined = glossary && createMatcher(glossary)): DraftVersions {
  if (glossary === undefined || matcher === undefined) return WITHOUT_GLOSSARY;
  const former = glossaryContentHash(glossary, target);
  const byFirst = new Map<string, Searched[]>();
  for (const term of glossary.terms) {
    for (const form of [term.source, ...term.variants]) {
      const s = searched(term, form);
      if (s !== undefined) byFirst.set(s.first, [...(byFirst.get(s.first) ?? []), s]);
    }
  }
  const ownOf = (source: readonly TaggedText[]): string => {
    const plain = source.map(plainOf);
    const met = new Map<Term, Set<string>>();
    // Cues joined by a space (words) and by nothing (Chinese and Japanese, whose terms a cue break may split).
    for (const text of new Set([foldForm(plain.join(' ')), foldForm(plain.join(''))])) {
      for (let i = 0; i < text.length; i++) {
        for (const s of byFirst.get(String.fromCodePoint(text.codePointAt(i)!)) ?? []) {
          s.pattern.lastIndex = i;
          if (s.pattern.test(text)) met.set(s.term, (met.get(s.term) ?? new Set()).add(s.form));
        }
      }
    }
    const terms = [...met].map(([term, forms]) => {
      const rendering = renderingFor(term, target);
      return {
        forms: [...forms].sort(),
        doNotTranslate: term.doNotTranslate,
        caseSensitive: term.caseSensitive,
        rendering: rendering === undefined ? null : { preferred: rendering.preferred, allowed: rendering.allowed, forbidden: rendering.forbidden },
      };
    });
    terms.sort((a, b) => (a.forms[0]! < b.forms[0]! ? -1 : a.forms[0]! > b.forms[0]! ? 1 : 0));
    const matches = plain.map((text) => matcher.find(text).map((m) => [m.form, m.start, m.end]));
    if (terms.length === 0 && matches.every((m) => m.length === 0)) return NO_TERMS;
    return sha256Prefix(canonicalJson({ source: glossary.sourceLanguage, target, terms, matches }));
  };
  // A unit is asked about several times a run (looked up, claimed, stored).
  const known = new Map<string, string>();
  const own = (source: readonly TaggedText[]): string => {
    const key = source.join('\u0000');
    let found = known.get(key);
    if (found === undefined) known.set(key, (found = ownOf(source)));
    return found;
  };
  return { own, under: (source) => ({ own: own(source), former }) };
}
