import type { Ms } from '../model/track.js';

const seconds = (ms: number) => (ms / 1000).toFixed(2);
const characters = (n: number) => `${n} character${n === 1 ? '' : 's'}`;

/** What kept a cue's out-time short of what the cue needs. */
export type Limit =
  /**
   * The next cue in its row, which it must end the minimum gap before; `cut` when the fix ended it earlier for that;
   * `later`: how much later that cue would have to start to leave the time needed.
   */
  | { by: 'next'; next: string; after: Ms; minGap: number; cut: 'overlap' | 'min-gap' | undefined; inside: boolean; later: Ms }
  | { by: 'day-end' }
  | { by: 'max-duration'; max: Ms }
  /** The most the fix moves an out-time; `room` up to the next cue in the row, when there is one. */
  | { by: 'allowance'; more: Ms; allowed: Ms; allowedFrames: number; room: { next: string; ms: Ms } | undefined };

/** No cue too short for the minimum duration is one that the maximum duration stops. */
export type ShortLimit = Exclude<Limit, { by: 'max-duration' }>;

export interface Shortfall<L extends Limit = Limit> {
  cue: string;
  /** What the cue lasts after the fix. */
  lasts: Ms;
  limit: L;
  /** The next cue, when merging the two would make a cue that passes. */
  mergeWith: string | undefined;
}

function why(limit: Limit): string {
  switch (limit.by) {
    case 'next': {
      const gap = `${limit.minGap} frames before cue ${limit.next}`;
      if (limit.cut === undefined) return `it can end no later than ${gap}, which starts ${seconds(limit.after)} s after it`;
      const found = limit.inside ? `cue ${limit.next} starts ${seconds(limit.after)} s after it and ends before it` : limit.cut === 'overlap' ? `cue ${limit.next} starts ${seconds(limit.after)} s after it, while it is on screen` : `it ended less than ${gap}`;
      return `${found}, so the fix ended it ${gap}`;
    }
    case 'day-end':
      return 'it can end no later than the last frame before 24:00:00:00, where timecodes wrap';
    case 'max-duration':
      return `no cue may last longer than ${seconds(limit.max)} s`;
    case 'allowance':
      return `that would move its out-time ${seconds(limit.more)} s further, and the fix moves one at most ${seconds(limit.allowed)} s (${limit.allowedFrames} frames) past the end of speech`;
  }
}

/** Another row for a cue inside another, a merge that makes a cue that passes, else `otherwise`. */
function reshape(s: Shortfall, otherwise: string): string {
  if (s.limit.by === 'next' && s.limit.inside) return `put one of them in another row of the screen (a sign at the top)${s.mergeWith === undefined ? '' : `, or merge it with cue ${s.mergeWith}`}, or ${otherwise}`;
  return s.mergeWith === undefined ? otherwise : `merge it with cue ${s.mergeWith}, or ${otherwise}`;
}

/** Where a too-short cue's time can come from, when the fix could not give it. */
function lengthen(limit: ShortLimit): string {
  switch (limit.by) {
    case 'next':
      return `start cue ${limit.next} ${seconds(limit.later)} s later in the source, if its speech does`;
    case 'day-end':
      return 'start the programme earlier';
    case 'allowance': {
      const room = limit.room === undefined ? 'no cue follows it in its row' : `cue ${limit.room.next} starts ${seconds(limit.room.ms)} s after it ends`;
      return `extend it by hand by ${seconds(limit.more)} s (${room})`;
    }
  }
}

/** What the timing fix could not do, each with what stopped it and what a subtitler would do next. */
export const messages = {
  outOfOrder: (previous: string, cue: string) =>
    `cue ${cue} starts before cue ${previous}; expected cues in time order: the fix never reorders cues, and moved no time onto another`,
  noRoom: (cue: string, next: string, minGap: number) =>
    `cue ${cue} cannot end ${minGap} frames before cue ${next} starts and still last a frame; expected room for both: merge the two cues, or move cue ${next}'s in-time in the source`,
  tooShort: (s: Shortfall<ShortLimit>, min: Ms) =>
    `cue ${s.cue} lasts ${seconds(s.lasts)} s after the fix, expected at least ${seconds(min)} s; ${why(s.limit)}: ${reshape(s, lengthen(s.limit))}`,
  /** `over`: the characters to cut for the time the cue can have, after which the fix gives it that time. */
  tooFast: (s: Shortfall, cps: number, chars: number, over: number) =>
    `cue ${s.cue} lasts ${seconds(s.lasts)} s after the fix, too short for its ${characters(chars)} at ${cps} characters/s; ${why(s.limit)}: ${reshape(s, `condense the text by ${characters(over)}${s.limit.by === 'allowance' ? ', and the fix can then give it the time it needs' : ''}`)}`,
};
