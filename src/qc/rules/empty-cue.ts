import { cueText } from '../../model/spans.js';
import { defineRule } from '../define-rule.js';
import { messages } from '../messages.js';

export default defineRule({
  id: 'empty-cue',
  description: 'Every cue has visible text.',
  defaultSeverity: 'error',
  check(ctx, report) {
    for (const cue of ctx.track.cues) if (cueText(cue).trim() === '') report(cue, messages.emptyCue());
  },
});
