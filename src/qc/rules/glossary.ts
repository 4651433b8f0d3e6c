import { checkDraft } from '../../glossary/index.js';
import { defineRule } from '../define-rule.js';
import { isMarkedUntranslated, plainText } from '../plain-text.js';

/**
 * The glossary's compliance check (`checkDraft`) on each cue against its
 * source cue. Findings keep their `glossary/*` codes and their own severity
 * (forbidden and changed do-not-translate terms are errors, a missing term a
 * warning) unless the profile sets one for `glossary`. Cue by cue: a term
 * whose rendering the translation moved into a neighbouring cue of the same
 * sentence is reported missing.
 */
export default defineRule({
  id: 'glossary',
  description: "The glossary's expected renderings used, forbidden ones not, do-not-translate terms unchanged.",
  defaultSeverity: 'error',
  check(ctx, report) {
    const g = ctx.glossary;
    if (!g) return;
    for (const cue of ctx.track.cues) {
      const source = ctx.sourceCue(cue.id);
      if (!source || isMarkedUntranslated(cue)) continue;
      const findings = checkDraft({
        source: plainText(source, g.glossary.sourceLanguage),
        target: plainText(cue, ctx.language),
        targetLang: ctx.language,
        glossary: g.glossary,
        matcher: g.matcher,
      });
      for (const d of findings) report(cue, d.message, { code: d.code, severity: d.severity === 'error' ? 'error' : 'warning' });
    }
  },
});
