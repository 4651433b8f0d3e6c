import { checkUnits, type Glossary, type Matcher, type UnitText } from '../glossary/index.js';
import type { Diagnostic } from '../model/diagnostic.js';
import { plainOf } from '../model/tagged-text.js';
import { targetMissing, type Draft, type Unit } from '../model/unit.js';

/** The compliance check of every draft, unit by unit (`checkUnits`); each finding is put on the unit's first drafted cue. */
export function checkGlossary(
  units: readonly Unit[],
  drafts: readonly Draft[],
  pair: { source: string; target: string },
  glossary: { glossary: Glossary; matcher: Matcher },
): Diagnostic[] {
  const byUnit = new Map(drafts.map((d) => [d.unitId, d]));
  const texts: UnitText[] = [];
  for (const unit of units) {
    const draft = byUnit.get(unit.id);
    // A cue with no draft (DeepL refused its text, an answer left it out) is left out of its unit, as QC leaves out one
    // marked untranslated: its own finding says so, and a missing rendering would only repeat it.
    const drafted = unit.source.flatMap((_, k) => (draft !== undefined && !targetMissing(draft, unit, k) ? [k] : []));
    if (drafted.length === 0) continue;
    texts.push({ cueId: unit.cueIds[drafted[0]!]!, source: drafted.map((k) => plainOf(unit.source[k]!)), target: drafted.map((k) => plainOf(draft!.targets![k]!)) });
  }
  return checkUnits(texts, pair, glossary);
}
