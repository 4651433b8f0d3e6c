import { SublocError } from '../errors.js';
import type { Lang } from '../model/track.js';
import { canonicalJson, sha256Prefix } from './hash.js';
import { entries as msg } from './messages.js';
import { renderingFor } from './rendering.js';
import type { Glossary } from './types.js';

// deepl-node's GlossaryEntries rejects empty terms and control characters.
const BAD = /^\s*$|[\u0000-\u001f\u007f]/;

/**
 * The dictionary of a DeepL glossary for one target language: every source
 * form (and variant) to the preferred rendering; do-not-translate terms map
 * to themselves. Terms without a rendering for the language are left out.
 * Sources are unique because the loader refuses a form used by two terms.
 */
export function deeplEntries(glossary: Glossary, targetLang: Lang): Record<string, string> {
  const pairs = new Map<string, string>();
  for (const term of glossary.terms) {
    const rendering = renderingFor(term, targetLang);
    for (const form of [term.source, ...term.variants]) {
      const value = term.doNotTranslate ? form : rendering?.preferred;
      if (value === undefined || pairs.has(form)) continue;
      if (BAD.test(form) || BAD.test(value)) throw new SublocError('GLOSSARY_INVALID', msg.bad(form, value));
      pairs.set(form, value);
    }
  }
  return Object.fromEntries(pairs);
}

/**
 * Identifies the dictionary DeepL holds for one language pair: the same
 * entries give the same hash, so an unchanged glossary is reused, not uploaded
 * again.
 */
export function glossaryContentHash(glossary: Glossary, targetLang: Lang): string {
  const entries = Object.entries(deeplEntries(glossary, targetLang)).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return sha256Prefix(canonicalJson({ source: glossary.sourceLanguage, target: targetLang, entries }));
}
