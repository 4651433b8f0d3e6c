import { checkUnits, type Glossary, type Matcher, type UnitText } from '../glossary/index.js';
import type { Diagnostic } from '../model/diagnostic.js';
import { plainOf } from '../model/tagged-text.js';
import type { Draft, Unit } from '../model/unit.js';

/** The compliance check of every draft, unit by unit (`checkUnits`); each finding is put on the unit's first cue. */
export function checkGlossary(
  units: readonly Unit[],
  drafts: readonly Draft[],
  pair: { source: string; target: string },
  glossary: { glossary: Glossary; matcher: Matcher },
): Diagnostic[] {
  const byUnit = new Map(drafts.map((d) => [d.unitId, d]));
  const texts: UnitText[] = [];
  for (const unit of units) {
    const targets = byUnit.get(unit.id)?.targets;
    if (targets) texts.push({ cueId: unit.cueIds[0]!, source: unit.source.map(plainOf), target: targets.map(plainOf) });
  }
  return checkUnits(texts, pair, glossary);
}
