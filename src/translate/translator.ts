import type { Draft, LanguagePair, Unit } from './unit.js';

export interface TranslateRequest {
  pair: LanguagePair;
  /** Called with each batch of drafts as it arrives, so they are stored before the next request. */
  onDrafts?: (drafts: Draft[]) => void;
}

/** A machine provider: units in, one draft per unit out (a draft's targets may be null). */
export interface Translator {
  readonly id: string;
  translate(units: readonly Unit[], req: TranslateRequest): Promise<Draft[]>;
}
