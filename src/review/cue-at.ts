import type { Cue, Ms } from '../model/track.js';

/** Which cue, in which sentence unit, and when: what the review package's cues and the studio's start with. */
export interface CueAt {
  id: string;
  /** The sentence unit: cues of one unit are translated, stored in the memory and imported together. */
  unitId: string;
  start: Ms;
  end: Ms;
}

export function cueAt(cue: Pick<Cue, 'id' | 'start' | 'end'>, unitId: string): CueAt {
  return { id: cue.id, unitId, start: cue.start, end: cue.end };
}
