import type { Diagnostic } from '../model/diagnostic.js';
import type { TaggedText } from '../model/tagged-text.js';
import type { Draft, LanguagePair, Unit } from '../model/unit.js';

export interface TranslateRequest {
  pair: LanguagePair;
  /**
   * Called with each batch of drafts as it arrives, so they are stored before
   * the next request, with what the provider noticed about them (by cue).
   */
  onDrafts?: (drafts: Draft[], diagnostics: Diagnostic[]) => void | Promise<void>;
  /**
   * Drafts a provider has received (and billed) but may still replace, such
   * as a first draft over its budget that is asked for again: to be stored
   * at once, not counted as done. The unit comes through `onDrafts` later.
   */
  onHeld?: (drafts: Draft[]) => void | Promise<void>;
  /**
   * Each unit's character budget, one number per cue, by unit id: a provider
   * that can aim for it (DeepL, for targets with custom instructions) drafts
   * to fit, and says what it did through `onCondense`.
   */
  budgets?: ReadonlyMap<string, readonly number[]>;
  onCondense?: (result: CondenseResult) => void;
  /** First drafts an earlier run held (`Draft.held`), by unit id: a provider that condenses asks them only once more. */
  firstDrafts?: ReadonlyMap<string, readonly TaggedText[]>;
  /**
   * Awaited before each request that bills leaves (each attempt of it), with
   * the ids of the units it carries and the longest its answer can take, in
   * ms: the run records what it has on its way (see MemoryStore.inFlight). A
   * rejection fails the request unsent.
   */
  onSending?: (unitIds: readonly string[], answeredWithinMs: number) => Promise<void>;
}

/** What drafting to the budget did for one language. */
export interface CondenseResult {
  /** Units whose first draft was over its budget by more than the tolerance, so asked again. */
  overBudgetFirst: number;
  /** Of those, units whose kept draft is still over it. */
  overBudgetSecond: number;
  /** Characters billed for the second requests (in a dry run, an estimate). */
  billedSecondPass: number;
}

/**
 * The code a provider reports a cue under when its translation could not be
 * put on that cue: the cue stays untranslated, and the reviewer sees why on it.
 */
export const UNPLACED_CODE = 'translate/cue-unplaced';

/** A machine provider: units in, one draft per unit out (a draft's targets may be null). */
export interface Translator {
  readonly id: string;
  translate(units: readonly Unit[], req: TranslateRequest): Promise<Draft[]>;
}
