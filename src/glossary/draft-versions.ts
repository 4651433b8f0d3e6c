import { plainOf, type TaggedText } from '../model/tagged-text.js';
import type { Lang } from '../model/track.js';
import { deeplEntries } from './deepl-entries.js';
import { foldForm, lower, upper } from './fold.js';
import { canonicalJson, sha256Prefix } from './hash.js';
import type { Glossary } from './types.js';

/**
 * Which glossary a unit's machine draft was made under, told by the entries
 * of it the unit's source may meet: a change to a term re-drafts (and
 * bills) only the sentences the term is in, not the whole language.
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

/** No glossary: drafts are stored under the empty version, which every lookup accepts. */
const WITHOUT_GLOSSARY: DraftVersions = { own: () => '', under: () => '' };

/** Letters a word-final form may lose and still be found: DeepL flexes entries (`city` in `cities`). */
const FLEX = 2;
/** The shortest a trimmed word may get: `ox` must not be found in every `o`. */
const STEM = 3;

/** A form as looked for in a source: folded as the matcher folds, its last word trimmed where it may be inflected. */
function needle(form: string): string {
  const folded = foldForm(form);
  const wordStart = folded.lastIndexOf(' ') + 1;
  const chars = [...folded.slice(wordStart)];
  const cased = (ch: string) => lower(ch) !== upper(ch);
  let keep = chars.length;
  while (keep > Math.max(STEM, chars.length - FLEX) && cased(chars[keep - 1]!)) keep--;
  return folded.slice(0, wordStart) + chars.slice(0, keep).join('');
}

/**
 * The versions for one target language. An entry counts as met when its
 * form, folded and trimmed as `needle` says, occurs anywhere in the unit's
 * folded source: more than DeepL applies (no word boundaries, any case),
 * never less, so a draft is never kept that a changed term would have
 * changed. A unit that meets every entry gets the whole glossary's hash;
 * one that meets none keeps its draft whatever terms come and go.
 */
export function draftVersions(glossary: Glossary | undefined, target: Lang): DraftVersions {
  if (glossary === undefined) return WITHOUT_GLOSSARY;
  const entries = Object.entries(deeplEntries(glossary, target)).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const version = (met: readonly (readonly [string, string])[]) => sha256Prefix(canonicalJson({ source: glossary.sourceLanguage, target, entries: met }));
  const former = version(entries);
  const byFirst = new Map<string, { needle: string; k: number }[]>();
  entries.forEach(([form], k) => {
    const n = needle(form);
    if (n === '') return;
    const first = String.fromCodePoint(n.codePointAt(0)!);
    byFirst.set(first, [...(byFirst.get(first) ?? []), { needle: n, k }]);
  });
  // A unit is asked about several times a run (looked up, claimed, stored).
  const known = new Map<string, string>();
  const own = (source: readonly TaggedText[]): string => {
    const key = source.join('\u0000');
    let found = known.get(key);
    if (found === undefined) known.set(key, (found = ownOf(source)));
    return found;
  };
  const ownOf = (source: readonly TaggedText[]): string => {
    const plain = source.map(plainOf);
    const met = new Set<number>();
    // Cues joined by a space (words) and by nothing (Chinese and Japanese, whose terms a cue break may split).
    for (const text of new Set([foldForm(plain.join(' ')), foldForm(plain.join(''))])) {
      for (let i = 0; i < text.length; i++) {
        for (const { needle: n, k } of byFirst.get(String.fromCodePoint(text.codePointAt(i)!)) ?? []) {
          if (text.startsWith(n, i)) met.add(k);
        }
      }
    }
    return version(entries.filter((_, k) => met.has(k)));
  };
  return {
    own,
    under: (source) => {
      const mine = own(source);
      return mine === former ? mine : { own: mine, former };
    },
  };
}
