import { textWidth } from '../../model/language.js';
import { plainOf, type TaggedText } from '../../model/tagged-text.js';
import type { Lang } from '../../model/track.js';

/**
 * Drafts that aim for the character budget (DeepL custom instructions).
 * Each instruction is at most 300 characters: DeepL refuses longer ones.
 */
export const GENERAL_INSTRUCTION =
  'Write concise, natural spoken subtitle wording: short everyday words, no added words, no explanations, nothing the source does not say.';

/** Each text's cues travel as `<c n max>` elements (cue-markup.ts): the budget of each is named where the model sees it. */
export const ELEMENT_INSTRUCTION =
  'Keep the translation of each <c> element within its max characters (spaces included); shorten the wording, never move words between <c> elements.';

/**
 * The second request, for the units still over their budgets, sent together: one instruction for every unit of
 * the request, each cue's budget being already in its `<c max>`.
 */
export const STRICT_INSTRUCTION =
  "Each <c> element's max is a hard limit for a subtitle read in a short time: drop filler words, repetitions and asides, use the shortest natural wording, keep the meaning and every <c> element.";

/** A draft more than this over its budget is asked for again: a reader does not notice a few characters, a tenth more is a rush. */
export const TOLERANCE = 1.1;

/** A draft's length as `readingChars` counts it: each cue's plain text, its line breaks not counted. */
export function draftWidth(targets: readonly TaggedText[], language: Lang): number {
  return targets.reduce((n, t) => n + textWidth(plainOf(t).replace(/\n/g, ''), language), 0);
}

/** Whether a draft is over its unit's budget (the sum of its cues' budgets) by more than the tolerance. */
export function overBudget(targets: readonly TaggedText[], budgets: readonly number[], language: Lang): boolean {
  return draftWidth(targets, language) > TOLERANCE * budgets.reduce((a, b) => a + b, 0);
}
