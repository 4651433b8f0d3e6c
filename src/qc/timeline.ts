import { screenRow } from '../model/screen-row.js';
import type { Cue, Placement, Track } from '../model/track.js';

/**
 * Each cue in start order paired with the cue before it in the same row of
 * the screen that ends last, so a long cue spanning several short ones is
 * compared with all of them, and a sign at the top with none of the
 * dialogue beneath it.
 */
export function* followers(track: Track): Generator<{ previous: Cue; cue: Cue }> {
  const sorted = [...track.cues].sort((a, b) => a.start - b.start || a.end - b.end);
  const latest = new Map<Placement['vertical'], Cue>();
  for (const cue of sorted) {
    const row = screenRow(cue);
    const previous = latest.get(row);
    if (previous) yield { previous, cue };
    if (!previous || cue.end >= previous.end) latest.set(row, cue);
  }
}
