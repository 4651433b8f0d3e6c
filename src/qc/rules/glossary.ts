import { checkUnits } from '../../glossary/index.js';
import { defineRule } from '../define-rule.js';
import { plainText } from '../plain-text.js';
import { unitPairs } from '../unit-pairs.js';

/**
 * The glossary's compliance check (`checkUnits`) on each sentence unit of the
 * source, as `localize` cuts and checks them, against the target cues with
 * the same ids: a rendering the translation moved to a neighbouring cue of
 * the same sentence counts. Cues marked untranslated are left out of their
 * unit. Findings go on the unit's first checked cue, keep their `glossary/*`
 * codes and their own severity (forbidden and changed do-not-translate terms
 * are errors, a missing term a warning) unless the profile sets one for
 * `glossary`.
 */
export default defineRule({
  id: 'glossary',
  description: "The glossary's expected renderings used, forbidden ones not, do-not-translate terms unchanged.",
  defaultSeverity: 'error',
  check(ctx, report) {
    const g = ctx.glossary;
    if (!g) return;
    for (const pairs of unitPairs(ctx)) {
      const text = {
        cueId: pairs[0]!.target.id,
        source: pairs.map((p) => plainText(p.source, g.glossary.sourceLanguage)),
        target: pairs.map((p) => plainText(p.target, ctx.language)),
      };
      for (const d of checkUnits([text], { source: g.glossary.sourceLanguage, target: ctx.language }, g)) {
        report(pairs[0]!.target, d.message, { code: d.code, severity: d.severity === 'error' ? 'error' : 'warning' });
      }
    }
  },
});
