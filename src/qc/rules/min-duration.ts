import { defineRule } from '../define-rule.js';
import { messages } from '../messages.js';

export default defineRule({
  id: 'min-duration',
  description: "Each cue on screen at least the profile's minimum duration.",
  defaultSeverity: 'error',
  check(ctx, report) {
    const min = ctx.profile.minDurationMs.value;
    for (const cue of ctx.track.cues) {
      const ms = cue.end - cue.start;
      if (ms < min) report(cue, messages.minDuration(ms, min, ctx.profile.name));
    }
  },
});
