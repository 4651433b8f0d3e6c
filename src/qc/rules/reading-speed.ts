import { defineRule } from '../define-rule.js';
import { messages } from '../messages.js';
import { readingChars, round1 } from '../metrics.js';
import { forLanguage } from '../profile.js';

/**
 * Characters per second against the profile's figure for the language.
 * Counting (Netflix partner help, "How is reading speed measured? Do
 * punctuation and spaces count?"): every character, spaces and punctuation
 * included, line breaks not; in Chinese, Japanese and Korean, half-width
 * characters (Latin letters, digits, ASCII punctuation) count 0.5. Checked
 * at 0.1 characters/s, the precision subtitling tools display.
 */
export default defineRule({
  id: 'reading-speed',
  description: 'Characters per second at most the profile figure for the language.',
  defaultSeverity: 'warning',
  check(ctx, report) {
    const max = forLanguage(ctx.profile.readingSpeed.value, ctx.language);
    for (const cue of ctx.track.cues) {
      const durationMs = cue.end - cue.start;
      if (durationMs <= 0) continue;
      const chars = readingChars(cue, ctx.language);
      const cps = round1((chars * 1000) / durationMs);
      if (cps <= max) continue;
      const shortenBy = Math.ceil(chars - (max * durationMs) / 1000);
      // Rounded up to a tenth of a second: an extension that still reads too fast is no fix.
      const extendBy = Math.ceil(((chars * 1000) / max - durationMs) / 100) * 100;
      report(cue, messages.readingSpeed(cps, max, `${ctx.language}, ${ctx.profile.name}`, shortenBy, extendBy));
    }
  },
});
