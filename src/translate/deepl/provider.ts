import { checkUnits, deeplEntries, PROTECT_TAG, protect, type Glossary, type Matcher } from '../../glossary/index.js';
import type { Diagnostic } from '../../model/diagnostic.js';
import type { Lang } from '../../model/track.js';
import { plainOf } from '../../model/tagged-text.js';
import type { LanguagePair, Unit } from '../../model/unit.js';
import type { PreparedProvider, ProviderRun } from '../provider.js';
import { createDeepLConnection } from './client.js';
import { glossaryExists, syncGlossary, type GlossarySyncOptions } from './glossary-sync.js';
import { requestLanes } from './request-lanes.js';
import { translateUnits, type Protection } from './translate.js';

/** Do-not-translate terms and numbers wrapped so DeepL leaves them alone; restored and checked after. */
function protection(glossary: Glossary, matcher: Matcher, targetLang: Lang): Protection {
  return {
    ignoreTags: [PROTECT_TAG],
    prepare(text) {
      const p = protect(text, matcher.find(plainOf(text)), { glossary, targetLang });
      return { text: p.text, items: p.items, restore: (out, unit) => p.restore(out, unit) };
    },
  };
}

/** The glossary check of one draft of a unit, as the pipeline checks every draft (`checkUnits`). */
function glossaryFindings(unit: Unit, targets: readonly string[], pair: LanguagePair, g: { glossary: Glossary; matcher: Matcher }): number {
  return checkUnits([{ cueId: unit.cueIds[0] ?? unit.id, source: unit.source.map(plainOf), target: targets.map(plainOf) }], pair, g).length;
}

/**
 * DeepL for one run: the client is made here, where the key is read. The
 * run's glossary is synced at once when the run will surely ask DeepL
 * (`surelyAsked`), else when the first language asks for drafts, while the
 * others search the memory; each language's first request waits for the
 * sync. A glossary found gone mid-run is made again once for every language
 * (see `glossaryGone`).
 */
export function prepareDeepL(run: ProviderRun): PreparedProvider {
  const connection = createDeepLConnection(run.env === undefined ? {} : { env: run.env });
  // One set of lanes for the run: languages drafted side by side share the concurrency, and so does the glossary sync.
  const lanes = requestLanes(run.concurrency);
  const g = run.glossary;
  // Known before the sync ends: the requests need not wait while older versions are deleted.
  let known!: (glossaries: Readonly<Record<Lang, string>>) => void;
  let failed!: (error: unknown) => void;
  const glossaries = new Promise<Readonly<Record<Lang, string>>>((resolve, reject) => {
    known = resolve;
    failed = reject;
  });
  const syncOptions: GlossarySyncOptions | undefined = g && {
    title: run.title,
    sourceLang: run.source,
    targetLangs: run.targets,
    entriesFor: (target) => deeplEntries(g.glossary, target),
    contentHash: g.glossary.version,
    // Made at once on a title's first DeepL run. Where it was drafted with DeepL before, the glossary is most
    // likely there and only looked for; catalog workers (a gate) share one request rate that an early create
    // made in vain would spend, job after job of one film.
    makeAtOnce: !run.draftedBefore && run.gate === undefined,
    ...(run.gate === undefined ? {} : { gate: run.gate }),
    ...(run.stop === undefined ? {} : { stop: run.stop }),
  };
  // Started by the first request: a run whose memory holds every draft sends DeepL nothing, the sync included.
  let synced: ReturnType<typeof syncGlossary> | undefined;
  const sync = () => {
    if (synced !== undefined || syncOptions === undefined) return;
    synced = syncGlossary(connection, { ...syncOptions, onGlossaries: known, lanes });
    synced.then((s) => known(s.glossaries), failed);
    // Marked handled: the rejection is reported where the run awaits `ready`, not as an unhandled rejection in between.
    synced.catch(() => {});
  };
  if (syncOptions === undefined) known({});
  // A language the memory holds nothing of will be drafted: its first request need not wait for the sync to begin.
  else if (run.surelyAsked === true) sync();
  /**
   * The glossaries made again after one the run sends was found gone, once per lost id for every language. Not in
   * the lanes: the requests that found it gone hold them while they wait for this. Another run's glossaries are
   * left alone, so two runs of different glossary versions do not delete each other's in turn.
   */
  const remade = new Map<string, Promise<Readonly<Record<Lang, string>> | undefined>>();
  const glossaryGone = (target: Lang) => async (id: string) => {
    let again = remade.get(id);
    if (again === undefined) {
      again = glossaryExists(connection, id, run.gate, run.stop).then(async (there) =>
        there || syncOptions === undefined ? undefined : (await syncGlossary(connection, { ...syncOptions, makeAtOnce: run.gate === undefined, keepOthers: true })).glossaries,
      );
      remade.set(id, again);
    }
    return (await again)?.[target];
  };
  const ready = (): Promise<readonly Diagnostic[]> => synced?.then((s) => s.diagnostics) ?? Promise.resolve([]);
  // Marked handled: a failed sync rejects where translateUnits awaits it, or in `ready`.
  glossaries.catch(() => {});

  // Preparing a language's units (protecting every one) holds the event loop. Each language prepares in its own
  // turn of it, after the language before, while the glossary sync is still under way; its requests wait for the
  // sync. Answers and other languages' memory searches go on between the turns.
  let turn: Promise<unknown> = Promise.resolve();
  return {
    ready,
    translator: {
      id: 'deepl',
      async translate(units, req) {
        sync();
        const mine = turn.then(() => new Promise((resolve) => setImmediate(resolve)));
        turn = mine;
        await mine;
        const glossaryId = glossaries.then((ids) => (Object.hasOwn(ids, req.pair.target) ? ids[req.pair.target] : undefined));
        // Marked handled: a failed sync rejects where translateUnits awaits it, or in `ready`.
        glossaryId.catch(() => {});
        const result = await translateUnits(connection, units, {
          pair: req.pair,
          lanes,
          glossaryId,
          ...(g === undefined ? {} : { protection: protection(g.glossary, g.matcher, req.pair.target) }),
          ...(req.budgets === undefined ? {} : { budgets: req.budgets }),
          ...(req.firstDrafts === undefined ? {} : { firstDrafts: req.firstDrafts }),
          ...(req.onSending === undefined ? {} : { onSending: req.onSending }),
          ...(run.gate === undefined ? {} : { gate: run.gate }),
          ...(run.stop === undefined ? {} : { stop: run.stop }),
          ...(run.onBilled === undefined ? {} : { onBilled: run.onBilled }),
          ...(run.onMayHaveBilled === undefined ? {} : { onMayHaveBilled: run.onMayHaveBilled }),
          ...(g === undefined ? {} : { glossaryFindings: (unit: Unit, targets: readonly string[]) => glossaryFindings(unit, targets, req.pair, g) }),
          glossaryGone: glossaryGone(req.pair.target),
          onBatch: (drafts, diagnostics) => req.onDrafts?.(drafts, diagnostics),
          onHeld: (drafts) => req.onHeld?.(drafts),
        });
        if (result.condense !== undefined) req.onCondense?.(result.condense);
        return result.drafts;
      },
    },
  };
}
