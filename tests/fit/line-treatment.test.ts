import { describe, expect, it } from 'vitest';
import { findBreakPoints } from '../../src/fit/break-points.js';
import { fitLines, itBreaks } from './fit-lines.js';

/**
 * Netflix line treatment (General Requirements): break after punctuation,
 * before a conjunction or a preposition; never split a noun from its article
 * or adjective, a verb from its subject pronoun or auxiliary, a number from
 * what it counts. The cues are the sample's own, as `deliver` (40 a line)
 * and `localize` (42) wrote them before.
 */
describe('dialogue on one line', () => {
  itBreaks('%s: each speaker on a line of its own: %s', [
    // The first turn opens with a figure: its dash is a speaker's, as the second dash, after a sentence's end, says.
    ['en-US', '-200 yuan a month. -That much?', 42, ['-200 yuan a month.', '-That much?']],
    ['en-US', '-3 a.m. -Still working?', 42, ['-3 a.m.', '-Still working?']],
    ['es-ES', '-12, el último. -¿Sin ascensor?', 42, ['-12, el último.', '-¿Sin ascensor?']],
    // Only the second speaker marked: its dash after a sentence's end, not the comma before, is the break.
    ['en-US', 'Which floor do you live on, sir? - The sixth, no lift.', 42, ['Which floor do you live on, sir?', '- The sixth, no lift.']],
  ]);

  itBreaks('%s: a sign before a figure is no speaker: %s', [
    ['en-US', '-5 °C today. -10 °C tomorrow.', 42, ['-5 °C today. -10 °C tomorrow.']],
    ['en-US', '-5 °C today, -10 °C tomorrow.', 42, ['-5 °C today, -10 °C tomorrow.']],
  ]);
});

describe('German quotation marks', () => {
  itBreaks('%s: a sentence ends inside `„…“` and `»…«`, and a break may follow the closing mark: %s', [
    ['de-DE', 'Er rief nur „Hilfe!“ Dann war die Leitung tot.', 42, ['Er rief nur „Hilfe!“', 'Dann war die Leitung tot.']],
    ['de-DE', 'Er rief nur »Hilfe!« Dann war die Leitung tot.', 42, ['Er rief nur »Hilfe!«', 'Dann war die Leitung tot.']],
    ['de-DE', 'Er rief nur ‚Hilfe!‘ Dann war die Leitung tot.', 42, ['Er rief nur ‚Hilfe!‘', 'Dann war die Leitung tot.']],
  ]);

  it('may start a line with a German opening `»`, never with a French closing `»`', () => {
    const text = 'Die Nachbarin rief »Hilfe!«';
    expect(findBreakPoints(text, 'de-DE', []).map((p) => text.slice(p.resume))).toContain('»Hilfe!«');
    for (let max = 8; max <= 30; max++) {
      for (const line of fitLines('Elle a crié « Au secours ! » et puis plus rien.', 'fr', max)) expect(line).not.toMatch(/^[»!]|«$/u);
    }
  });
});
