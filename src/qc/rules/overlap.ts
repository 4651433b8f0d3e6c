import { defineRule } from '../define-rule.js';
import { messages } from '../messages.js';
import { followers } from '../timeline.js';

export default defineRule({
  id: 'overlap',
  description: 'No cue starts before the previous one in the same row of the screen ends.',
  defaultSeverity: 'error',
  check(ctx, report) {
    for (const { previous, cue } of followers(ctx.track)) {
      if (cue.start < previous.end) report(cue, messages.overlap(cue.start, previous.id, previous.end));
    }
  },
});
