import type { Diagnostic } from '../model/diagnostic.js';
import { lineJoiner } from '../model/language.js';
import type { Lang } from '../model/track.js';
import { checkDraft } from './check.js';
import type { Matcher } from './match.js';
import type { Glossary } from './types.js';

/** One sentence unit as the check sees it: each cue's plain text, source and target, and the cue its findings go on. */
export interface UnitText {
  cueId: string;
  source: readonly string[];
  target: readonly string[];
}

/**
 * The glossary's compliance check over sentence units, for `localize` and
 * `qc` alike: a term may move to a neighbouring cue of the same sentence in
 * translation, so the unit, not the cue, is the fair scope.
 */
export function checkUnits(
  units: Iterable<UnitText>,
  pair: { source: Lang; target: Lang },
  glossary: { glossary: Glossary; matcher: Matcher },
): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const unit of units) {
    const found = checkDraft({
      source: unit.source.join(lineJoiner(pair.source)),
      target: unit.target.join(lineJoiner(pair.target)),
      targetLang: pair.target,
      glossary: glossary.glossary,
      matcher: glossary.matcher,
    });
    for (const d of found) out.push({ ...d, cueId: unit.cueId });
  }
  return out;
}
