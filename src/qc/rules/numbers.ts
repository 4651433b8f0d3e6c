import { defineRule } from '../define-rule.js';
import { messages } from '../messages.js';
import { compareNumbers } from '../number-values.js';
import { isMarkedUntranslated, plainText } from '../plain-text.js';

/**
 * Numbers in a cue that differ from its source cue's, compared by value in
 * any notation (`compareNumbers`). Numbers written in words (`two`,
 * `两千多万`) are never required, but a source number in words does account
 * for the same number in digits in the target.
 */
export default defineRule({
  id: 'numbers',
  description: "The source cue's numbers, in any notation, and no others.",
  defaultSeverity: 'warning',
  check(ctx, report) {
    if (!ctx.source) return;
    for (const cue of ctx.track.cues) {
      const source = ctx.sourceCue(cue.id);
      if (!source || isMarkedUntranslated(cue)) continue;
      const { missing, extra, expected } = compareNumbers(plainText(source, ctx.source.language), plainText(cue, ctx.language));
      if (missing.length > 0 || extra.length > 0) report(cue, messages.numbers(missing, extra, expected));
    }
  },
});
