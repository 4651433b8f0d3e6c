import { describe } from 'vitest';
import { itBreaks } from './fit-lines.js';

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
