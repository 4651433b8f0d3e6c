import { defineRule } from '../define-rule.js';
import { messages } from '../messages.js';

export default defineRule({
  id: 'max-duration',
  description: "Each cue on screen at most the profile's maximum duration.",
  defaultSeverity: 'error',
  check(ctx, report) {
    const max = ctx.profile.maxDurationMs.value;
    for (const cue of ctx.track.cues) {
      const ms = cue.end - cue.start;
      if (ms > max) report(cue, messages.maxDuration(ms, max, ctx.profile.name));
    }
  },
});
