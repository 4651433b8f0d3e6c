const seconds = (ms: number) => (ms / 1000).toFixed(2);

/** What the timing fix could not do, each with what a subtitler would do next. */
export const messages = {
  outOfOrder: (previous: string, cue: string) =>
    `cue ${cue} starts before cue ${previous}; expected cues in time order: the fix never reorders cues, and moved no time onto another`,
  noRoom: (cue: string, next: string, minGap: number) =>
    `cue ${cue} cannot end ${minGap} frames before cue ${next} starts and still last a frame; expected room for both: merge the two cues, or move cue ${next}'s in-time in the source`,
  tooShort: (cue: string, ms: number, min: number, next: string | undefined) =>
    `cue ${cue} lasts ${seconds(ms)} s after the fix, expected at least ${seconds(min)} s; its out-time could not move further (half a second past the original, and the gap before the next cue): ${next === undefined ? 'extend it by hand' : `merge it with cue ${next}`}`,
  tooFast: (cue: string, cps: number, over: number, next: string | undefined) =>
    `cue ${cue} still reads faster than ${cps} characters/s after the fix; ${over} character${over === 1 ? '' : 's'} too many for its time: condense the text${next === undefined ? '' : ` or merge it with cue ${next}`}`,
};
