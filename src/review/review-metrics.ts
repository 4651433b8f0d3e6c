import type { Cue } from '../model/track.js';
import { characterBudget } from '../qc/budget.js';
import { cueMetrics } from '../qc/metrics.js';
import type { Profile } from '../qc/profile.js';
import type { ReviewCue } from './types.js';

/**
 * What the reviewer is shown of a target cue's size: QC's own measures (so
 * the sheet, the XLIFF notes and the studio say what QC's findings say, to
 * the last digit) and the profile's budget for it.
 */
export function reviewMetrics(cue: Pick<Cue, 'start' | 'end' | 'lines'>, language: string, profile: Profile): ReviewCue['metrics'] {
  const metrics = cueMetrics(cue, language);
  return { ...metrics, budget: characterBudget(metrics.durationMs, profile, language) };
}
