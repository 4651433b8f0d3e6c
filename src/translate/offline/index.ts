import type { MemoryStore } from '../../memory/store.js';
import type { TranslateRequest, Translator } from '../translator.js';
import type { Draft, Unit } from '../../model/unit.js';

export interface OfflineOptions {
  memory: MemoryStore;
  /** Lowest similarity a fuzzy match needs to be offered as a draft. @default 0.75 */
  minFuzzy?: number;
}

/**
 * Pre-translation without a network: the best fuzzy match of the memory,
 * flagged with its score for the reviewer (exact matches were taken before
 * any provider is asked). What is left has no draft: it is marked
 * untranslated, never copied from the source as if translated.
 */
export function offline(opts: OfflineOptions): Translator {
  const minFuzzy = opts.minFuzzy ?? 0.75;
  return {
    id: 'offline',
    async translate(units: readonly Unit[], req: TranslateRequest): Promise<Draft[]> {
      const drafts: Draft[] = [];
      for (const unit of units) drafts.push(await draftOf(unit));
      await req.onDrafts?.(drafts, []);
      return drafts;

      async function draftOf(unit: Unit): Promise<Draft> {
        const match = await opts.memory.fuzzy(unit.source, req.pair, minFuzzy);
        if (!match) return { unitId: unit.id, targets: null, origin: 'untranslated', provider: 'offline', billedCharacters: 0 };
        return { unitId: unit.id, targets: [...match.entry.target], origin: 'memory-fuzzy', provider: 'memory', billedCharacters: 0, score: match.score };
      }
    },
  };
}
