import { renderingFor } from '../../glossary/index.js';
import { defineRule, type Report } from '../define-rule.js';
import { messages } from '../messages.js';
import { lineJoiner } from '../../model/language.js';
import type { Cue } from '../../model/track.js';
import { compareDates, dateName, findDates, type DateToken } from '../date-values.js';
import { compareNumbers, findNumbers, type NumberToken } from '../number-values.js';
import { plainText, spokenText } from '../plain-text.js';
import { unitPairs, type CuePair } from '../unit-pairs.js';

/** A date read as one accounts for its month and day, however its month is shortened (`Sept. 1`); they are never required. */
const dateNumbers = (d: DateToken): NumberToken[] => [d.month, d.day].map((n) => ({ text: d.text, values: [String(n)], digits: false }));

interface SourceReading {
  numbers: NumberToken[];
  dates: DateToken[];
}

/** A source cue's numbers and dates, found once for all the languages checked against it (its lines and language kept, to tell they still hold). */
const sourceReadings = new WeakMap<Cue, SourceReading & { lines: Cue['lines']; language: string }>();

function readingOf(source: Cue, language: string): SourceReading {
  const known = sourceReadings.get(source);
  if (known?.lines === source.lines && known.language === language) return known;
  const text = spokenText(source, language);
  const dates = findDates(text, language);
  const reading = { lines: source.lines, language, numbers: [...findNumbers(text, language), ...dates.flatMap(dateNumbers)], dates };
  sourceReadings.set(source, reading);
  return reading;
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
 *
 * A date is a month and a day, not two numbers: a target that states dates
 * (`findDates`) must state the source's, compared as a set (`compareDates`),
 * or `1/9/2021` passes for 9月1日 in American English. The finding goes on
 * the cues that hold a date of their own; a date only left out is the
 * numbers' to report.
 */
export default defineRule({
  id: 'numbers',
  description: "The source sentence's numbers, in any notation, and no others.",
  defaultSeverity: 'warning',
  check(ctx, report) {
    const sourceLanguage = ctx.source?.language;
    if (sourceLanguage === undefined) return;
    for (const pairs of unitPairs(ctx)) {
      const readings = pairs.map((p) => readingOf(p.source, sourceLanguage));
      const sources = readings.map((r) => r.numbers);
      const targetTexts = pairs.map((p) => spokenText(p.target, ctx.language));
      const targetDates = targetTexts.map((text) => findDates(text, ctx.language));
      const targets = targetTexts.map((text, i) => [...findNumbers(text, ctx.language), ...targetDates[i]!.flatMap(dateNumbers)]);
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
      reportDates({ pairs, sourceDates: readings.flatMap((r) => r.dates), targetDates, sentence }, report);
    }
  },
});

const unique = (list: readonly string[]) => [...new Set(list)];

interface UnitDates {
  pairs: readonly CuePair[];
  sourceDates: readonly DateToken[];
  /** Each target cue's dates, in the order of `pairs`. */
  targetDates: readonly (readonly DateToken[])[];
  sentence: { first: string; last: string } | undefined;
}

/** A sentence unit's dates: when one of the source's is not among the target's, the cues that state another are told which. */
function reportDates({ pairs, sourceDates, targetDates, sentence }: UnitDates, report: Report): void {
  const { missing } = compareDates(sourceDates, targetDates.flat());
  if (missing.length === 0) return;
  const saidAs = unique(missing.map((d) => `${d.text} is ${dateName(d)}`));
  pairs.forEach(({ target }, i) => {
    const { extra } = compareDates(sourceDates, targetDates[i]!);
    if (extra.length > 0) report(target, messages.dates(saidAs, unique(extra.map(dateName)), sentence));
  });
}

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
