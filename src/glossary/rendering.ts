import type { Lang } from '../model/track.js';
import type { Rendering, Term } from './types.js';

/**
 * A term's rendering for a language: the exact tag, else the only rendering
 * with the same language subtag (`fr` or `fr-CA` use `fr-FR` when that is the
 * only French one).
 */
export function renderingFor(term: Term, lang: Lang): Rendering | undefined {
  const exact = term.targets[lang];
  if (exact) return exact;
  const primary = lang.split('-')[0]!.toLowerCase();
  const same = Object.keys(term.targets).filter((k) => k.split('-')[0] === primary);
  return same.length === 1 ? term.targets[same[0]!] : undefined;
}
