import { defineRule } from '../define-rule.js';
import { messages } from '../messages.js';
import { isMarkedUntranslated, plainText } from '../plain-text.js';

const normalized = (text: string) => text.normalize('NFC').replace(/\s+/g, ' ').trim();

/**
 * A cue marked `[untranslated]` by the pipeline, or, when a source track in
 * another language is given, a cue whose text is the source's unchanged
 * (a source of unknown language, `und`, is not compared).
 * Text without letters (`12345`, `♪`) is the same in every language and is
 * not flagged.
 */
export default defineRule({
  id: 'untranslated',
  description: 'No cue left untranslated: marked `[untranslated]` or identical to its source.',
  defaultSeverity: 'error',
  check(ctx, report) {
    const sourceLanguage = ctx.source?.language;
    const compare = sourceLanguage !== undefined && sourceLanguage !== 'und' && sourceLanguage.toLowerCase() !== ctx.language.toLowerCase();
    for (const cue of ctx.track.cues) {
      if (isMarkedUntranslated(cue)) {
        report(cue, messages.untranslatedMark(ctx.language));
        continue;
      }
      const source = compare ? ctx.sourceCue(cue.id) : undefined;
      if (!source) continue;
      const text = normalized(plainText(cue, ctx.language));
      if (/\p{L}/u.test(text) && text === normalized(plainText(source, sourceLanguage!))) report(cue, messages.identical(text, sourceLanguage!, ctx.language));
    }
  },
});
