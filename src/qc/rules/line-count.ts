import { trimLines } from '../../model/spans.js';
import { defineRule } from '../define-rule.js';
import { messages } from '../messages.js';

export default defineRule({
  id: 'line-count',
  description: "At most the profile's number of lines a cue.",
  defaultSeverity: 'error',
  check(ctx, report) {
    const max = ctx.profile.maxLines.value;
    for (const cue of ctx.track.cues) {
      const lines = trimLines(cue.lines).length;
      if (lines > max) report(cue, messages.lineCount(lines, max, ctx.profile.name));
    }
  },
});
