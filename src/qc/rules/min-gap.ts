import { frameRateLabel, msToFrames } from '../../model/frame-rate.js';
import { defineRule } from '../define-rule.js';
import { messages } from '../messages.js';
import { followers } from '../timeline.js';

/**
 * Frames between a cue's end and the start of the next cue in the same row
 * of the screen (`followers`), at the track's frame rate: each time on its
 * nearest frame, as every frame-based deliverable puts it, then the frames
 * between (a 63 ms gap from 2.021 s is 1 frame at 24 fps, not the 2 its
 * length rounds to). A cue that starts before the previous one ends is left
 * to `overlap`.
 */
export default defineRule({
  id: 'min-gap',
  description: "At least the profile's number of frames between one cue's end and the next cue's start in the same row of the screen.",
  defaultSeverity: 'error',
  check(ctx, report) {
    const min = ctx.profile.minGapFrames.value;
    for (const { previous, cue } of followers(ctx.track)) {
      const gapMs = cue.start - previous.end;
      if (gapMs < 0) continue;
      const frames = msToFrames(cue.start, ctx.frameRate) - msToFrames(previous.end, ctx.frameRate);
      if (frames < min) report(previous, messages.minGap(frames, gapMs, frameRateLabel(ctx.frameRate), cue.id, min, ctx.profile.name));
    }
  },
});
