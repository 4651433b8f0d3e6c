import { renderingFor } from '../../glossary/index.js';
import { defineRule } from '../define-rule.js';
import { messages } from '../messages.js';
import type { Cue } from '../../model/track.js';
import { compareNumbers, findNumbers, type NumberToken } from '../number-values.js';
import { isMarkedUntranslated, plainText, spokenText } from '../plain-text.js';

/** A source cue's numbers, found once for all the languages checked against it (its lines and language kept, to tell they still hold). */
const sourceNumbers = new WeakMap<Cue, { lines: Cue['lines']; language: string; numbers: NumberToken[] }>();

function numbersOf(source: Cue, language: string): readonly NumberToken[] {
  const known = sourceNumbers.get(source);
  if (known?.lines === source.lines && known.language === language) return known.numbers;
  const numbers = findNumbers(spokenText(source, language), language);
  sourceNumbers.set(source, { lines: source.lines, language, numbers });
  return numbers;
}

/**
 * Numbers in a cue that differ from its source cue's, compared by value in
 * any notation (`compareNumbers`). Numbers written in words (`two`,
 * `两千多万`) are never required, but a source number in words does account
 * for the same number in digits in the target. A dialogue's speakers' dashes
 * are no minus signs (`spokenText`).
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
      const sourceText = plainText(source, ctx.source.language);
      // A glossary rendering's own numbers (`12345` in the preferred wording of 市民服务热线) are the glossary's, not added.
      const glossed = glossaryNumbers(ctx, sourceText);
      const { missing, extra, expected } = compareNumbers([...numbersOf(source, ctx.source.language), ...glossed], findNumbers(spokenText(cue, ctx.language), ctx.language));
      if (missing.length > 0 || extra.length > 0) report(cue, messages.numbers(missing, extra, expected));
    }
  },
});

/** The numbers in the renderings of the glossary terms a source cue holds, in the language checked (none is required). */
function glossaryNumbers(ctx: Parameters<Parameters<typeof defineRule>[0]['check']>[0], sourceText: string): NumberToken[] {
  const g = ctx.glossary;
  if (g === undefined) return [];
  const out: NumberToken[] = [];
  for (const m of g.matcher.find(sourceText)) {
    const term = g.glossary.terms.find((t) => t.id === m.termId);
    const rendering = term === undefined ? undefined : renderingFor(term, ctx.language);
    for (const form of rendering === undefined ? [] : [rendering.preferred, ...rendering.allowed]) for (const n of findNumbers(form, ctx.language)) out.push({ ...n, digits: false });
  }
  return out;
}
