import type { Lang, Track } from '../model/track.js';
import type { Unit } from '../model/unit.js';
import { characterBudget } from '../qc/budget.js';
import type { Profile } from '../qc/profile.js';

/** Each unit's character budget in the target language, one number per cue (its duration under the profile), by unit id. */
export function unitBudgets(source: Track, units: readonly Unit[], profile: Profile, target: Lang): Map<string, number[]> {
  const cues = new Map(source.cues.map((c) => [c.id, c]));
  const budgets = new Map<string, number[]>();
  for (const unit of units) {
    budgets.set(
      unit.id,
      unit.cueIds.map((id) => {
        const cue = cues.get(id);
        return cue === undefined ? 0 : characterBudget(cue.end - cue.start, profile, target);
      }),
    );
  }
  return budgets;
}
