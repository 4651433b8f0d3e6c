import { checkDraft, type Glossary, type Matcher } from '../glossary/index.js';
import type { Diagnostic } from '../model/diagnostic.js';
import { lineJoiner } from '../model/language.js';
import { plainOf } from '../model/tagged-text.js';
import type { Draft, Unit } from '../model/unit.js';

/**
 * The compliance check of every draft, unit by unit: a term may move to a
 * neighbouring cue of the same sentence in translation, so the unit is the
 * fair scope. Each finding is put on the unit's first cue.
 */
export function checkGlossary(
  units: readonly Unit[],
  drafts: readonly Draft[],
  pair: { source: string; target: string },
  glossary: { glossary: Glossary; matcher: Matcher },
): Diagnostic[] {
  const byUnit = new Map(drafts.map((d) => [d.unitId, d]));
  const out: Diagnostic[] = [];
  for (const unit of units) {
    const draft = byUnit.get(unit.id);
    if (!draft?.targets) continue;
    const found = checkDraft({
      source: plainOf(unit.source.join(lineJoiner(pair.source))),
      target: plainOf(draft.targets.join(lineJoiner(pair.target))),
      targetLang: pair.target,
      glossary: glossary.glossary,
      matcher: glossary.matcher,
    });
    for (const d of found) out.push({ ...d, cueId: unit.cueIds[0]! });
  }
  return out;
}
