import type { Cue, Track } from '../model/track.js';

/**
 * Each cue in start order paired with the cue before it that ends last, so
 * a long cue spanning several short ones is compared with all of them.
 */
export function* followers(track: Track): Generator<{ previous: Cue; cue: Cue }> {
  const sorted = [...track.cues].sort((a, b) => a.start - b.start || a.end - b.end);
  let latest: Cue | undefined;
  for (const cue of sorted) {
    if (latest) yield { previous: latest, cue };
    if (!latest || cue.end >= latest.end) latest = cue;
  }
}
