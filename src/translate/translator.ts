import type { Lang, Span } from '../model/track.js';

/** What is sent for translation: the styled text of one or more cues. */
export interface Unit {
  id: string;
  /** The cues this unit's text came from, in order. */
  cueIds: string[];
  lines: Span[][];
}

export interface Draft {
  unitId: string;
  lines: Span[][];
  /** Which provider produced it, for the run report. */
  provider: string;
  /** False when the provider had nothing for this unit: the cue stays untranslated. */
  translated: boolean;
}

export interface TranslateRequest {
  source: Lang;
  target: Lang;
}

export interface Translator {
  readonly id: string;
  translate(units: readonly Unit[], req: TranslateRequest): Promise<Draft[]>;
}
