import { renderingFor } from '../../glossary/index.js';
import { defineRule } from '../define-rule.js';
import { messages } from '../messages.js';
import { lineJoiner } from '../../model/language.js';
import type { Cue } from '../../model/track.js';
import { compareNumbers, findNumbers, type NumberToken } from '../number-values.js';
import { plainText, spokenText } from '../plain-text.js';
import { unitPairs } from '../unit-pairs.js';

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
 * Numbers that differ from the source's, compared by value in any notation
 * (`compareNumbers`), sentence unit by sentence unit (`unitPairs`): a number
 * the translation moved to a neighbouring cue of the same sentence counts.
 * A missing number is reported on the cue whose source holds it, an extra
 * one on the cue that holds it. Numbers written in words (`two`,
 * `两千多万`) are never required, but a source number in words does
 * account for the same number in digits in the target. A dialogue's
 * speakers' dashes are no minus signs (`spokenText`).
 */
export default defineRule({
  id: 'numbers',
  description: "The source sentence's numbers, in any notation, and no others.",
  defaultSeverity: 'warning',
  check(ctx, report) {
    const sourceLanguage = ctx.source?.language;
    if (sourceLanguage === undefined) return;
    for (const pairs of unitPairs(ctx)) {
      const sources = pairs.map((p) => numbersOf(p.source, sourceLanguage));
      const targets = pairs.map((p) => findNumbers(spokenText(p.target, ctx.language), ctx.language));
      // A glossary rendering's own numbers (`12345` in the preferred wording of 市民服务热线) are the glossary's, not added.
      const glossed = glossaryNumbers(ctx, pairs.map((p) => plainText(p.source, sourceLanguage)).join(lineJoiner(sourceLanguage)));
      const allSource = [...sources.flat(), ...glossed];
      const allTarget = targets.flat();
      const { expected } = compareNumbers(allSource, allTarget);
      const sentence = pairs.length > 1 ? { first: pairs[0]!.target.id, last: pairs.at(-1)!.target.id } : undefined;
      pairs.forEach(({ target }, i) => {
        const { missing } = compareNumbers(sources[i]!, allTarget);
        const { extra } = compareNumbers(allSource, targets[i]!);
        if (missing.length > 0 || extra.length > 0) report(target, messages.numbers(missing, extra, expected, sentence));
      });
    }
  },
});

/** The numbers in the renderings of the glossary terms a source text holds, in the language checked (none is required). */
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
