import { lineText } from '../../model/spans.js';
import { defineRule } from '../define-rule.js';
import { messages } from '../messages.js';
import { forLanguage } from '../profile.js';
import { languageProperties, textWidth } from '../../model/language.js';

/** Each line's width (`textWidth`: CJK half-width characters count 0.5) against the profile's characters per line. */
export default defineRule({
  id: 'line-length',
  description: "Each line at most the profile's characters per line for the language.",
  defaultSeverity: 'error',
  check(ctx, report) {
    const max = forLanguage(ctx.profile.maxCharsPerLine.value, ctx.language);
    for (const cue of ctx.track.cues) {
      cue.lines.forEach((line, i) => {
        const width = textWidth(lineText(line), ctx.language);
        if (width > max) report(cue, messages.lineLength(i + 1, width, max, `${ctx.language}, ${ctx.profile.name}`, languageProperties(ctx.language).fullWidth));
      });
    }
  },
});
