import { textWidth } from '../model/language.js';
import { lineText } from '../model/spans.js';
import type { Cue } from '../model/track.js';
import { characterBudget } from '../qc/budget.js';
import type { Profile } from '../qc/profile.js';
import type { ReviewCue } from './types.js';

/** What the reviewer is shown of a target cue's size: reading speed, lines, widest line, characters and the profile's budget for it. */
export function reviewMetrics(cue: Pick<Cue, 'start' | 'end' | 'lines'>, language: string, profile: Profile): ReviewCue['metrics'] {
  const durationMs = cue.end - cue.start;
  const widths = cue.lines.map((l) => textWidth(lineText(l), language));
  const chars = widths.reduce((a, b) => a + b, 0);
  return {
    durationMs,
    charsPerSecond: durationMs > 0 ? Math.round((chars / (durationMs / 1000)) * 10) / 10 : Infinity,
    lines: cue.lines.length,
    maxLineWidth: widths.reduce((a, b) => Math.max(a, b), 0),
    chars,
    budget: characterBudget(durationMs, profile, language),
  };
}
