import type { MemoryPairCount } from '../memory/store.js';
import { diagnostic, type Diagnostic } from '../model/diagnostic.js';
import { canonicalLanguageTag, oneVariety } from '../model/language.js';
import type { LanguagePair } from '../model/unit.js';

/** Whether the memory holds entries for the pair, its tags in any case (as the memory keys them). */
export function holdsPair(pairs: readonly MemoryPairCount[], pair: LanguagePair): boolean {
  const same = (a: string, b: string) => canonicalLanguageTag(a) === canonicalLanguageTag(b);
  return pairs.some((p) => same(p.source, pair.source) && same(p.target, pair.target));
}

/**
 * What a run says when the memory holds nothing for its language pair but
 * holds a pair that may name the same languages (zh-CN and zh-Hans, en and
 * en-US): the memory keeps tags apart, so a film whose config names its
 * source zh-CN finds none of the translations stored under zh-Hans,
 * approved ones included, and what it drafts is billed anew.
 */
export function pairsApart(pairs: readonly MemoryPairCount[], pair: LanguagePair): Diagnostic[] {
  if (holdsPair(pairs, pair)) return [];
  return pairs
    .filter((p) => oneVariety(p.source, pair.source) && oneVariety(p.target, pair.target))
    .map((p) =>
      diagnostic(
        'memory/pair-apart',
        'warning',
        `the memory holds ${p.entries} ${p.entries === 1 ? 'translation' : 'translations'} for ${p.source} → ${p.target} and none for ${pair.source} → ${pair.target}, this run's languages; ` +
          `it keeps differently named languages apart, so none of them is used. Name the languages as the memory does (\`source\` and \`targets\` in the config, or --source and --target)`,
      ),
    );
}
