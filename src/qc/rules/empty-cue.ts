import { cueText } from '../../model/spans.js';
import { textWidth } from '../../model/language.js';
import { defineRule } from '../define-rule.js';
import { messages } from '../messages.js';

/** Nothing to read: only whitespace and invisible characters (direction marks, zero-width spaces), which `textWidth` counts 0. */
export default defineRule({
  id: 'empty-cue',
  description: 'Every cue has visible text.',
  defaultSeverity: 'error',
  check(ctx, report) {
    for (const cue of ctx.track.cues) if (textWidth(cueText(cue).replace(/\s+/gu, ''), ctx.language) === 0) report(cue, messages.emptyCue());
  },
});
