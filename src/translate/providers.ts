import type { Glossary, Matcher } from '../glossary/index.js';
import { PROTECT_TAG, checkUnits, protect } from '../glossary/index.js';
import type { LanguagePair, Unit } from '../model/unit.js';
import type { MemoryStore } from '../memory/store.js';
import type { Lang } from '../model/track.js';
import type { DeepLConnection, DeepLGate } from './deepl/index.js';
import { requestLanes, translateUnits, type Protection } from './deepl/index.js';
import { offline } from './offline/index.js';
import { pseudo } from './pseudo/index.js';
import { plainOf } from '../model/tagged-text.js';
import type { Translator } from './translator.js';

export interface ProviderContext {
  memory: MemoryStore;
  glossary?: { glossary: Glossary; matcher: Matcher };
  deepl?: {
    connection: DeepLConnection;
    /**
     * The synced v3 glossary of each target language that has a dictionary,
     * once the sync is done: it runs while the memory is searched, and each
     * language's first request waits for it.
     */
    glossaries: Promise<Readonly<Record<Lang, string>>>;
    concurrency: number;
    /** The request rate and character budget shared with other processes (the workers'); absent for a run alone. */
    gate?: DeepLGate;
  };
}

/** Do-not-translate terms and numbers wrapped so DeepL leaves them alone; restored and checked after. */
function protection(glossary: Glossary, matcher: Matcher, targetLang: Lang): Protection {
  return {
    ignoreTags: [PROTECT_TAG],
    prepare(text) {
      const p = protect(text, matcher.find(plainOf(text)), { glossary, targetLang });
      return { text: p.text, restore: (out) => p.restore(out) };
    },
  };
}

/** The glossary check of one draft of a unit, as the pipeline checks every draft (`checkUnits`). */
function glossaryFindings(unit: Unit, targets: readonly string[], pair: LanguagePair, g: { glossary: Glossary; matcher: Matcher }): number {
  return checkUnits([{ cueId: unit.cueIds[0] ?? unit.id, source: unit.source.map(plainOf), target: targets.map(plainOf) }], pair, g).length;
}

function deepl(ctx: ProviderContext): Translator {
  const d = ctx.deepl;
  if (!d) throw new Error('the deepl provider needs a connection');
  // One set of lanes for the run: languages drafted side by side share the concurrency.
  const lanes = requestLanes(d.concurrency);
  // Planning a language's requests (protecting every unit) holds the event loop. Each language plans in its own
  // turn of it, after the glossary sync and after the language before, so the first requests leave while the
  // other languages still plan, instead of all planning first.
  let turn: Promise<unknown> = d.glossaries;
  return {
    id: 'deepl',
    async translate(units, req) {
      const g = ctx.glossary;
      const mine = turn.then(() => new Promise((resolve) => setImmediate(resolve)));
      turn = mine;
      await mine;
      const glossaries = await d.glossaries;
      const glossaryId = Object.hasOwn(glossaries, req.pair.target) ? glossaries[req.pair.target] : undefined;
      const result = await translateUnits(d.connection, units, {
        pair: req.pair,
        lanes,
        ...(glossaryId === undefined ? {} : { glossaryId }),
        ...(g === undefined ? {} : { protection: protection(g.glossary, g.matcher, req.pair.target) }),
        ...(req.budgets === undefined ? {} : { budgets: req.budgets }),
        ...(d.gate === undefined ? {} : { gate: d.gate }),
        ...(g === undefined ? {} : { glossaryFindings: (unit: Unit, targets: readonly string[]) => glossaryFindings(unit, targets, req.pair, g) }),
        onBatch: (drafts, diagnostics) => req.onDrafts?.(drafts, diagnostics),
        onHeld: (drafts) => req.onHeld?.(drafts),
      });
      if (result.condense !== undefined) req.onCondense?.(result.condense);
      return result.drafts;
    },
  };
}

/** Every provider by id; the pipeline and the CLI read this table. */
export const providers: Readonly<Record<'deepl' | 'offline' | 'pseudo', (ctx: ProviderContext) => Translator>> = Object.freeze({
  deepl,
  offline: (ctx: ProviderContext) => offline({ memory: ctx.memory }),
  pseudo: () => pseudo,
});
