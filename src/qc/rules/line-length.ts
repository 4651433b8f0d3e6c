import { lineText } from '../../model/spans.js';
import { defineLanguageLimit } from '../define-language-limit.js';
import { messages } from '../messages.js';
import { languageProperties, textWidth } from '../../model/language.js';

/** Each line's width (`textWidth`: CJK half-width characters count 0.5) against the profile's characters per line. */
export default defineLanguageLimit({
  id: 'line-length',
  description: "Each line at most the profile's characters per line for the language.",
  defaultSeverity: 'error',
  figure: 'maxCharsPerLine',
  checkCue(cue, { max, language, where }, report) {
    cue.lines.forEach((line, i) => {
      const width = textWidth(lineText(line), language);
      if (width > max) report(cue, messages.lineLength(i + 1, width, max, where, languageProperties(language).fullWidth));
    });
  },
});
