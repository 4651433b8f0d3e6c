import { defineLanguageLimit } from '../define-language-limit.js';
import { messages } from '../messages.js';
import { charsPerSecond, readingChars } from '../metrics.js';

/**
 * Characters per second against the profile's figure for the language.
 * Counting (Netflix partner help, "How is reading speed measured? Do
 * punctuation and spaces count?"): every character, spaces and punctuation
 * included, line breaks not; in Chinese, Japanese and Korean, half-width
 * characters (Latin letters, digits, ASCII punctuation) count 0.5. Checked
 * at 0.1 characters/s, the precision subtitling tools display.
 */
export default defineLanguageLimit({
  id: 'reading-speed',
  description: 'Characters per second at most the profile figure for the language.',
  defaultSeverity: 'warning',
  figure: 'readingSpeed',
  checkCue(cue, { max, language, where }, report) {
    const durationMs = cue.end - cue.start;
    if (durationMs <= 0) return;
    const chars = readingChars(cue, language);
    const cps = charsPerSecond(chars, durationMs);
    if (cps <= max) return;
    const shortenBy = Math.ceil(chars - (max * durationMs) / 1000);
    // Rounded up to a tenth of a second: an extension that still reads too fast is no fix.
    const extendBy = Math.ceil(((chars * 1000) / max - durationMs) / 100) * 100;
    report(cue, messages.readingSpeed(cps, max, where, shortenBy, extendBy));
  },
});
