import { createHash } from 'node:crypto';
import type { TaggedText } from '../model/tagged-text.js';
import { unitKey, type LanguagePair } from '../model/unit.js';

/**
 * Which run drafts a unit that several runs on one memory lack at once:
 * catalog jobs of different films drafting the same text into the same
 * language would each bill it. A run claims the units it is about to send,
 * drafts those it holds, and takes the others from the memory once their
 * holder has stored them (see draftLanguage).
 */
export interface UnitClaims {
  /** Claims each key for this run: true where the run holds it now (it may have held it already), false where another run does. */
  claim(keys: readonly string[]): Promise<boolean[]>;
  /** Gives the run's claims on these keys back; keys it does not hold are left alone. */
  release(keys: readonly string[]): Promise<void>;
  /** How long a run waits before it looks again for the units another run holds, in ms. */
  readonly pollMs: number;
}

/** One key for a unit's text in one language pair under one glossary version: what the memory's exact match of a machine draft needs. */
export function unitClaimKey(pair: LanguagePair, glossaryVersion: string, source: readonly TaggedText[]): string {
  return createHash('sha256')
    .update([pair.source.toLowerCase(), pair.target.toLowerCase(), glossaryVersion, unitKey(source)].join('\u0000'))
    .digest('hex');
}
