import type { Diagnostic } from '../model/diagnostic.js';
import type { Draft, LanguagePair, Unit } from '../model/unit.js';

export interface TranslateRequest {
  pair: LanguagePair;
  /**
   * Called with each batch of drafts as it arrives, so they are stored before
   * the next request, with what the provider noticed about them (by cue).
   */
  onDrafts?: (drafts: Draft[], diagnostics: Diagnostic[]) => void;
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
