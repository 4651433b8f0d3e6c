import { lineText } from '../../model/spans.js';
import { defineRule } from '../define-rule.js';
import { messages } from '../messages.js';

const STYLE_TAG = /<(\/?)(i|b|u)>/g;
/**
 * Tag-shaped text (`<i>`, `</font>`, `<c.yellow>`, `<br/>`), ASS override
 * blocks (`{\i1}`) and ASS's hard line break `\N`, which SRT converted from
 * ASS carries; a bare `<` as in `x < 5` is text.
 */
const MARKUP = /<\/?[A-Za-z][\w.-]*(?:\s[^<>]*)?\/?>|\{\\[^}]*\}|\\N/g;

/**
 * Two checks. The draft's tagged text, when the caller passes it: every
 * `<i>`, `<b>`, `<u>` closed once, never closed before it opens (the parser
 * of tagged text drops what does not match, so styling is lost silently).
 * The cue's spans: the model holds styling as flags, so tag-shaped text in
 * a span is markup that leaked through a reader or a translation.
 */
export default defineRule({
  id: 'unbalanced-tags',
  description: "Styling tags of a draft balanced, and no markup left visible in a cue's text.",
  defaultSeverity: 'error',
  check(ctx, report) {
    for (const cue of ctx.track.cues) {
      const tagged = ctx.targetTagged?.get(cue.id);
      if (tagged !== undefined) {
        const stats = new Map<string, { opened: number; closed: number; unmatched: number; depth: number }>();
        for (const m of tagged.matchAll(STYLE_TAG)) {
          const s = stats.get(m[2]!) ?? { opened: 0, closed: 0, unmatched: 0, depth: 0 };
          stats.set(m[2]!, s);
          if (m[1] === '') {
            s.opened++;
            s.depth++;
          } else {
            s.closed++;
            if (s.depth === 0) s.unmatched++;
            else s.depth--;
          }
        }
        for (const [tag, s] of stats) {
          if (s.unmatched + s.depth > 0) report(cue, messages.unbalancedTag(tag, s.opened, s.closed, s.unmatched + s.depth));
        }
      }
      const seen = new Set<string>();
      // The cue's lines together: a tag the line fitter broke in two is markup all the same.
      for (const m of cue.lines.map(lineText).join('\n').matchAll(MARKUP)) {
        const found = m[0].replace(/\n/g, ' ');
        if (!seen.has(found)) report(cue, messages.leakedMarkup(found));
        seen.add(found);
      }
    }
  },
});
