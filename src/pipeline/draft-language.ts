import type { DraftVersions } from '../glossary/index.js';
import { PLAN_ATTEMPTS, type InFlightUnit, type MemoryEntry, type MemoryMatch, type MemoryStore } from '../memory/store.js';
import { SublocError } from '../errors.js';
import { diagnostic, type Diagnostic } from '../model/diagnostic.js';
import type { CondenseResult, Translator } from '../translate/translator.js';
import { plainOf } from '../model/tagged-text.js';
import { pause, stoppedBy } from '../translate/deepl/attempts.js';
import { draftWidth, overBudget } from '../translate/deepl/condense.js';
import { codes, messages } from '../translate/deepl/messages.js';
import { supportsCustomInstructions } from '../translate/deepl/languages.js';
import { cueStatusOf, targetMissing, unitKey, type Draft, type LanguagePair, type Suggestion, type Unit } from '../model/unit.js';
import { highestStatus, lowestStatus } from '../memory/precedence.js';
import { draftedBy } from './drafted-by.js';
import { isHeld, storedProvider } from './held-drafts.js';
import { earlierCovers, regroupedEntries, regroupedNote, type EarlierCover, type Regrouped } from './regrouped.js';
import { repetitions } from './repetitions.js';
import type { SentUnits } from './sent-units.js';
import { unitClaimKey, type UnitClaims } from './unit-claims.js';

/** Units looked up in the memory between two turns of the event loop: a few milliseconds of fuzzy search. */
const SEARCH_TURN = 100;

export interface DraftLanguageInput {
  units: readonly Unit[];
  pair: LanguagePair;
  memory: MemoryStore;
  /** The glossary version of each unit's machine drafts for this target: drafts made under another are not reused. */
  versions: DraftVersions;
  /** Absent in a dry run: the units the memory lacks are counted, not sent. */
  translator: Translator | undefined;
  /** Each unit's character budget by cue, when its drafts are to aim for it (see TranslateRequest). */
  budgets?: ReadonlyMap<string, readonly number[]> | undefined;
  onProgress(done: number): void;
  /** The provider's final drafts of a batch of units, as they arrive, once they are stored (a unit partly reviewed in the memory is completed later). */
  onDrafted?: (drafts: readonly Draft[]) => void;
  /**
   * Runs the memory search when the searches of the languages before it are
   * done: searched side by side, every language was ready only when all
   * were, and the first requests waited for the last search.
   */
  searchInTurn?: <T>(search: () => Promise<T>) => Promise<T>;
  /** What earlier sentence units give the units, when the caller has read it already (`earlierCovers`): not read again. */
  covers?: ReadonlyMap<string, EarlierCover>;
  /** Shared with other runs on this memory (catalog workers): a unit they are drafting is taken from the memory, not billed again. */
  claims?: UnitClaims | undefined;
  /**
   * The units runs on this memory have on their way to the provider (a
   * Postgres memory: see MemoryStore.inFlight). The run records its own
   * before each request leaves, and a unit another run has sent is taken
   * from the memory once that run stored it, as a claimed one is: a run that
   * took the lock from one that lost it (its server restarted) does not
   * bill again what that one is still being answered for.
   */
  inFlight?: SentUnits | undefined;
  /** Told once, when the run first finds units another run has on their way and waits for them. */
  onWaitSent?: (others: readonly InFlightUnit[]) => void;
  /** Ends the wait for units other runs have claimed or sent: the run fails with the stop's reason. */
  stop?: AbortSignal | undefined;
  /**
   * Told at once when the memory could not store drafts the provider billed
   * (its disk full), before this language sends anything more: what the run
   * would ask for after it, it could not keep either.
   */
  onStoreFailed?: (error: unknown) => void;
  /** What the drafts of a batch the memory now holds cost, once stored: a draft missing a cue is not kept, and is billed again. */
  onStored?: (billedCharacters: number) => void;
}

export interface DraftLanguageResult {
  drafts: Draft[];
  /** Characters a provider would bill for the units the memory lacks (dry run) or billed. */
  billableCharacters: number;
  /** What the provider noticed about the drafts (protected terms changed, a unit asked again cue by cue, a cue left unplaced…). */
  diagnostics: Diagnostic[];
  /**
   * For units the memory had no exact match for: the closest earlier
   * translation, shown to the reviewer beside the new draft. A reviewed or
   * approved one taken for the sentence's own (`previous`) means the source
   * changed since: the cue needs review. That one is offered beside an exact
   * match too, while no reviewer has confirmed any of its cues.
   */
  suggestions: Map<string, Suggestion>;
  /** With budgets: what drafting to them did (in a dry run, the estimate of the second pass). */
  condense?: CondenseResult;
}

/** Earlier translations below this similarity are not worth a reviewer's time. */
const SUGGESTION_MIN = 0.5;
/**
 * A reworded sentence stays at least this like what it was (`胡同最窄的地方`
 * → `这条胡同最窄处`, 0.64); below it, a reviewed translation is more likely
 * another sentence's of the same shape (`北京，早上七点。` for `上海，晚上九点。`,
 * 0.5), and claiming the source changed would send the reviewer after it.
 */
const PREVIOUS_MIN = 0.6;

/** A machine draft for every cue of its unit; a draft missing a cue is not kept, so the next run asks for the unit again. */
function entryOf(draft: Draft, unit: Unit, pair: LanguagePair, versions: DraftVersions, now: string): MemoryEntry | undefined {
  if (draft.origin !== 'machine' || !draft.targets || unit.source.some((_, k) => targetMissing(draft, unit, k))) return undefined;
  const provider = storedProvider(draft.provider, draft.held === true);
  return { sourceLang: pair.source, targetLang: pair.target, source: unit.source, target: draft.targets, glossaryVersion: versions.own(unit.source), provider, status: 'draft', updatedAt: now };
}

/** A unit's draft from its exact memory entry: the entry's text, status (the unit's and each cue's), reviewer, comments, and which cues are a machine's drafts. */
export function memoryDraft(unit: Unit, hit: MemoryEntry): Draft {
  const draft: Draft = { unitId: unit.id, targets: [...hit.target], origin: 'memory-exact', provider: 'memory', billedCharacters: 0, status: hit.status };
  if (hit.cueStatus !== undefined) draft.cueStatus = [...hit.cueStatus];
  if (hit.comments !== undefined) draft.comments = [...hit.comments];
  if (hit.reviewer !== undefined) draft.reviewer = hit.reviewer;
  const machine = draftedBy(hit);
  if (machine.some((p) => p !== '')) draft.draftedBy = machine;
  return draft;
}

/** The cues of a unit a reviewer's entry leaves without words, as a unit of their own (the unit's id). */
function emptyCues(unit: Unit, hit: MemoryEntry): Unit {
  const stored = memoryDraft(unit, hit);
  const ks = unit.source.flatMap((_, k) => (targetMissing(stored, unit, k) ? [k] : []));
  return ks.length === unit.source.length ? unit : { id: unit.id, cueIds: ks.map((k) => unit.cueIds[k]!), source: ks.map((k) => unit.source[k]!) };
}

/** A draft of some of a unit's cues (`part`) as a draft of the unit: the other cues empty. */
function inUnit(draft: Draft, unit: Unit, part: Unit): Draft {
  if (part === unit || draft.targets === null || draft.targets.length === unit.source.length) return draft;
  const targets = unit.cueIds.map((id) => draft.targets![part.cueIds.indexOf(id)] ?? '');
  return { ...draft, targets };
}

/** The budgets of the parts of units asked for, cue by cue. */
function budgetsOf(parts: readonly Unit[], units: readonly Unit[], budgets: ReadonlyMap<string, readonly number[]>): ReadonlyMap<string, readonly number[]> {
  if (parts.every((p, i) => p === units[i])) return budgets;
  const out = new Map(budgets);
  parts.forEach((part, i) => {
    const unit = units[i]!;
    const all = budgets.get(unit.id);
    if (part !== unit && all !== undefined) out.set(unit.id, part.cueIds.map((id) => all[unit.cueIds.indexOf(id)]!));
  });
  return out;
}

/** Whether an exact entry leaves cues without words: a reviewer saved some cues of the unit and left the others empty. */
function incomplete(unit: Unit, stored: Draft): boolean {
  return unit.source.some((_, k) => targetMissing(stored, unit, k));
}

/**
 * The reviewer's unit with its empty cues filled from the provider's draft:
 * every cue the reviewer wrote is kept as written with its status and
 * comment; a filled cue is a draft. Stored (when the provider drafted every
 * empty cue) as the reviewer's entry, so the next run finds it whole and
 * bills nothing.
 */
function completed(unit: Unit, hit: MemoryEntry, provided: Draft, now: string): { draft: Draft; entry?: MemoryEntry } {
  const stored = memoryDraft(unit, hit);
  const filled = unit.source.map((_, k) => targetMissing(stored, unit, k) && !targetMissing(provided, unit, k));
  const target = unit.source.map((_, k) => (filled[k] ? provided.targets![k]! : stored.targets![k]!));
  const cueStatus = unit.source.map((_, k) => (filled[k] ? 'draft' : (cueStatusOf(stored, k) ?? 'draft')));
  const status = lowestStatus(cueStatus);
  const draft: Draft = { ...stored, targets: target, cueStatus, status, billedCharacters: provided.billedCharacters };
  if (filled.some(Boolean)) {
    Object.assign(draft, { origin: provided.origin, provider: provided.provider });
    // The reviewer's cues stay theirs: a reviewer is not told a person's words are the machine's.
    if (filled.includes(false)) draft.filled = filled;
  }
  const whole = provided.origin === 'machine' && unit.source.every((_, k) => !targetMissing(draft, unit, k));
  if (!whole) return { draft };
  // Stored as the reviewer's entry, each cue the provider filled marked its: the next run and the studio label it so.
  const entry: MemoryEntry = { ...hit, target, cueStatus, status, updatedAt: now };
  const filledBy = unit.source.map((_, k) => (filled[k] ? provided.provider : (stored.draftedBy?.[k] ?? '')));
  delete entry.filledBy;
  if (filledBy.some((p) => p !== '')) entry.filledBy = filledBy;
  return { draft, entry };
}

/**
 * Exact memory matches first (never billed), then the provider for the rest.
 * Machine drafts are stored batch by batch as they arrive, so a run stopped
 * by a quota or a kill resumes without asking for them again.
 */
export async function draftLanguage(input: DraftLanguageInput): Promise<DraftLanguageResult> {
  const { units, pair, memory, versions, budgets } = input;
  // Only a target DeepL takes custom instructions for is drafted to its budget; another is flagged where over it.
  const aimed = budgets !== undefined && supportsCustomInstructions(pair.target);
  // A first draft an earlier run held is asked again only by a run that drafts to the budgets.
  const resume = aimed && input.translator !== undefined;
  const search = () => searchMemory(input, resume);
  const { drafts, pending, suggestions, partial, regrouped, held, hits } = await (input.searchInTurn ? input.searchInTurn(search) : search());
  const byId = new Map(pending.map((u) => [u.id, u]));
  // Stored as the units they now are, so the studio and the next run find them; a dry run or a delivery writes nothing.
  // Only over what the search found: a reviewer may have saved the unit in the studio since. Not a weak match's draft:
  // nobody decided it, and as the unit's exact entry it would hide what a reviewer's later work gives the cue.
  const decided = [...regrouped.values()].filter((r) => !r.weak);
  if (input.translator && decided.length > 0) {
    const unless = (some: readonly Regrouped[]) => memory.put(some.map((r) => r.entry), some.map((r) => ({ glossaryVersion: versions.under(r.entry.source), entry: r.over?.hit })));
    if ((await unless(decided)).stale !== undefined) for (const r of decided) await unless([r]);
  }
  const notes = [...regrouped].flatMap(([unitId, r]) => (r.offered ? [] : [regroupedNote(units.find((u) => u.id === unitId)!, r)]));
  let done = drafts.length;
  input.onProgress(done);
  // A unit a reviewer's work partly covers is asked for its empty cues alone: the reviewer's cues are not billed again.
  const asked = (unit: Unit) => {
    const hit = partial.get(unit.id);
    return hit === undefined ? unit : emptyCues(unit, hit);
  };
  /** The part of each unit last asked for, by unit id. */
  const sent = new Map<string, Unit>();
  const whole = (draft: Draft) => {
    const part = sent.get(draft.unitId);
    return part === undefined ? draft : inUnit(draft, byId.get(draft.unitId)!, part);
  };
  // A text that repeats is billed once (see repetitions).
  const billable = repetitions(pending.map(asked)).drafted.reduce((n, u) => n + sourceChars(u), 0);
  // Nothing is drafted without a provider: a partly reviewed unit still shows what the reviewer wrote.
  const unchanged = () => {
    for (const [unitId, hit] of partial) drafts.push(memoryDraft(units.find((u) => u.id === unitId)!, hit));
  };
  if (!input.translator && aimed) {
    unchanged();
    const condense = secondPassEstimate(repetitions(pending.map(asked), budgets).drafted, budgets, pair, [...held.values()]);
    return { drafts, billableCharacters: billable + condense.billedSecondPass, diagnostics: notes, suggestions, condense };
  }
  if (!input.translator || pending.length === 0) {
    const empty = !aimed ? {} : { condense: { overBudgetFirst: 0, overBudgetSecond: 0, billedSecondPass: 0 } };
    unchanged();
    return { drafts, billableCharacters: input.translator ? 0 : billable, diagnostics: notes, suggestions, ...empty };
  }

  const { claims, inFlight } = input;
  const claimKey = (unit: Unit) => unitClaimKey(pair, versions.own(unit.source), unit.source);
  let told = false;
  /** Whether this run may draft each unit now: none another run has on its way (`inFlight`) or claims. */
  const claim = async (some: readonly Unit[]): Promise<boolean[]> => {
    const keys = some.map(claimKey);
    const away = inFlight === undefined ? keys.map(() => undefined) : await inFlight.others(keys);
    const others = away.filter((a): a is InFlightUnit => a !== undefined);
    if (others.length > 0 && !told) {
      told = true;
      input.onWaitSent?.(others);
    }
    const free = keys.filter((_, i) => away[i] === undefined);
    const held = claims === undefined ? free.map(() => true) : await claims.claim(free);
    let k = 0;
    return away.map((a) => (a === undefined ? held[k++] === true : false));
  };
  /** What each unit's stored drafts were billed, so a final draft stored over its held first one counts only its second request. */
  const storedBilled = new Map<string, number>();
  /** Stores a batch of drafts; `final`: the provider's last drafts of its units, which other runs may be waiting for. */
  const store = async (batch: readonly Draft[], final = false) => {
    const now = new Date().toISOString();
    const later = (d: Draft) => partial.has(d.unitId) || held.has(d.unitId);
    const entryFor = new Map(batch.map((d) => [d, later(d) ? undefined : entryOf(d, byId.get(d.unitId)!, pair, versions, now)]));
    // A repeated text's copies make the same entry as the unit drafted: one of each is written.
    const entries = [...new Map([...entryFor.values()].flatMap((e) => (e === undefined ? [] : [[unitKey(e.source), e] as const]))).values()];
    const kept = batch.filter((d) => later(d) || entryFor.get(d) !== undefined);
    try {
      if (entries.length > 0) await memory.put(entries);
      for (const d of batch) {
        if (partial.has(d.unitId)) await storeCompleted(byId.get(d.unitId)!, d, now);
        else if (held.has(d.unitId)) await storeOverHeld(byId.get(d.unitId)!, d, now);
      }
      // As each answer is stored, not once the language is drafted: a run stopped before (Ctrl-C, a quota) was billed for
      // them too. After the units partly reviewed before: these become so now, and are completed once.
      if (final) await completeSavedSince(batch.filter((d) => entryFor.get(d) !== undefined), now);
    } catch (error) {
      input.onStoreFailed?.(error);
      throw error;
    }
    let billed = 0;
    for (const d of kept) {
      const before = storedBilled.get(d.unitId) ?? 0;
      billed += Math.max(0, d.billedCharacters - before);
      storedBilled.set(d.unitId, Math.max(before, d.billedCharacters));
    }
    input.onStored?.(billed);
  };
  /**
   * A resumed unit's final draft, stored over the held one it was asked
   * from whatever their times say (a clock behind the one that held it, a
   * TMX dated ahead: a plain write, the older, would be dropped and the unit
   * asked again on every run); not over anything stored since.
   */
  const storeOverHeld = async (unit: Unit, provided: Draft, now: string) => {
    const entry = entryOf(provided, unit, pair, versions, now);
    if (entry === undefined) return;
    for (let attempt = 1; attempt <= PLAN_ATTEMPTS; attempt++) {
      if ((await memory.put([entry], [{ glossaryVersion: versions.under(unit.source), entry: held.get(unit.id) }])).stale === undefined) return;
      // Held again since (another run's second request failed, and it stored its first draft anew): still this one's to replace.
      const current = await memory.exact(unit.source, pair, versions.under(unit.source));
      if (current === undefined || !isHeld(current)) return;
      held.set(unit.id, current);
    }
  };
  /**
   * A reviewer's unit completed with the provider's cues, stored only over
   * the entry it was completed from: when a reviewer saved the unit since
   * (the studio), it is completed again on that save, which stays whole.
   */
  const storeCompleted = async (unit: Unit, provided: Draft, now: string) => {
    for (let attempt = 1; attempt <= PLAN_ATTEMPTS; attempt++) {
      const hit = partial.get(unit.id)!;
      const { entry } = completed(unit, hit, provided, now);
      if (entry === undefined || entry.target.every((t, k) => t === hit.target[k])) return;
      if ((await memory.put([entry], [{ glossaryVersion: versions.under(unit.source), entry: hit }])).stale === undefined) return;
      const current = await memory.exact(unit.source, pair, versions.under(unit.source));
      if (current === undefined) return;
      partial.set(unit.id, current);
    }
  };
  /**
   * The units of `drafted` a reviewer saved some cues of since the search
   * (the studio), their other cues left empty: completed with the drafts now,
   * as a partly reviewed unit the search found is, before their claims are
   * given back. The reviewer's entry outranks the machine's just stored, so a
   * run waiting for them would find them incomplete until this run ends, and
   * draft them again; and a run stopped before its end would leave the empty
   * cues empty in the studio, to be billed again by the next run.
   */
  const completeSavedSince = async (drafted: readonly Draft[], now: string) => {
    if (drafted.length === 0) return;
    const some = drafted.map((d) => byId.get(d.unitId)!);
    const found = await memory.exactMany(some.map((u) => u.source), pair, some.map((u) => versions.under(u.source)));
    const texts = new Set<string>();
    for (const [i, unit] of some.entries()) {
      const hit = found[i];
      if (hit === undefined || !incomplete(unit, memoryDraft(unit, hit))) continue;
      partial.set(unit.id, hit);
      // A repeated text is one entry: completed once, from its first copy.
      if (texts.has(unitKey(unit.source))) continue;
      texts.add(unitKey(unit.source));
      await storeCompleted(unit, drafted[i]!, now);
    }
  };
  const diagnostics: Diagnostic[] = [...notes];
  let condense: CondenseResult | undefined;
  const provided: Draft[] = [];
  const translate = async (batchOf: readonly Unit[]) => {
    const parts = batchOf.map(asked);
    for (const part of parts) sent.set(part.id, part);
    const partBudgets = budgets === undefined ? undefined : budgetsOf(parts, batchOf, budgets);
    const repeated = repetitions(parts, aimed ? partBudgets : undefined);
    const drafted = await input.translator!.translate(repeated.drafted, {
      pair,
      ...(partBudgets === undefined ? {} : { budgets: partBudgets, onCondense: (result: CondenseResult) => void (condense = condense === undefined ? result : sumCondense(condense, result)) }),
      onDrafts: async (batch, found) => {
        for (const d of repeated.withCopiedDiagnostics(found)) diagnostics.push(d);
        // A repetition has its text's key: the drafted unit's entry is its entry too.
        // The copies too: a unit's empty cues asked alone may repeat another unit's text, whose entry is not theirs.
        const all = repeated.withCopies(batch).map(whole);
        await store(all, true);
        input.onDrafted?.(all);
        // Stored: a run waiting for these units finds them in the memory now.
        await claims?.release(batch.map((d) => claimKey(byId.get(d.unitId)!)));
        done += all.length;
        input.onProgress(done);
      },
      // Billed already: kept now, marked held, replaced when the provider's final draft of the unit arrives (newer, same weight).
      // Not a partly reviewed unit's: its first draft would fill the reviewer's entry as if final, and the second be dropped.
      onHeld: (batch) => store(batch.filter((d) => !partial.has(d.unitId)).map(whole)),
      ...(held.size === 0 ? {} : { firstDrafts: new Map(batchOf.flatMap((u) => (held.has(u.id) ? [[u.id, held.get(u.id)!.target] as const] : []))) }),
      ...(inFlight === undefined ? {} : { onSending: (unitIds: readonly string[], within: number) => inFlight.record(unitIds.map((id) => claimKey(byId.get(id)!)), within) }),
    });
    // One by one: spreading 200,000 drafts into push overflows the stack.
    for (const d of repeated.withCopies(drafted)) provided.push(whole(d));
  };
  /**
   * Units that only wanted their second request, taken as their held first
   * drafts when DeepL cannot be reached (no network): they are drafts like
   * any other, and a run whose memory holds a draft of every unit writes
   * every track with DeepL out of reach. Each is flagged over its budget.
   */
  const translateOrKeepHeld = async (batchOf: readonly Unit[]) => {
    try {
      await translate(batchOf);
    } catch (error) {
      const unreached = error instanceof SublocError && error.code === 'DEEPL_UNREACHABLE' && input.stop?.aborted !== true;
      if (!unreached || !batchOf.every((u) => held.has(u.id))) throw error;
      for (const unit of batchOf) {
        const entry = held.get(unit.id)!;
        provided.push(memoryDraft(unit, entry));
        const budget = (budgets!.get(unit.id) ?? []).reduce((a, b) => a + b, 0);
        const said = messages.condenseUnreached(unit.id, draftWidth(entry.target, pair.target), budget, error.message);
        diagnostics.push(diagnostic(codes.overBudget, 'warning', said, { cueId: unit.cueIds[0] }));
      }
    }
  };
  if (claims === undefined && inFlight === undefined) await translateOrKeepHeld(pending);
  else {
    const pollMs = claims?.pollMs ?? inFlight!.pollMs;
    try {
      let waiting = await draftClaimed(pending, claim, translateOrKeepHeld);
      while (waiting.length > 0) {
        await pause(pollMs, input.stop);
        if (input.stop?.aborted) throw stoppedBy(input.stop);
        // What another run holds is drafted once, by it: taken from the memory when stored, drafted here if its claim
        // (or its record of the unit sent) lapses unstored.
        const { stored, unstored, heldSince, partialSince } = await storedSince(waiting, input, resume);
        // Held by the run that had them: asked here only the second time, if this run gets to draft them.
        for (const [unitId, entry] of heldSince) held.set(unitId, entry);
        // Saved in part by a reviewer meanwhile: if this run gets to draft them, it asks for their empty cues alone.
        for (const [unitId, entry] of partialSince) {
          partial.set(unitId, entry);
          suggestions.delete(unitId);
        }
        for (const { draft, entry } of stored) {
          drafts.push(draft);
          partial.delete(draft.unitId);
          // As the next run offers it beside that entry: only what a reviewer confirmed before, beside a draft nobody has.
          const offered = suggestions.get(draft.unitId);
          if (offered === undefined || !unconfirmed(entry) || !confirmedBefore(offered)) suggestions.delete(draft.unitId);
        }
        if (stored.length > 0) {
          done += stored.length;
          input.onProgress(done);
        }
        waiting = await draftClaimed(unstored, claim, translateOrKeepHeld);
      }
    } finally {
      // Given back whatever happened: a run that fails leaves nothing for the others to wait out. Its requests have
      // all been answered or given up by now (the translator settles them before it returns or fails).
      const keys = pending.map(claimKey);
      await inFlight?.clear(keys);
      await claims?.release(keys);
    }
  }
  const now = new Date().toISOString();
  for (const d of provided) {
    const hit = partial.get(d.unitId);
    drafts.push(hit === undefined ? d : completed(byId.get(d.unitId)!, hit, d, now).draft);
  }
  const providedFor = new Map(provided.map((d) => [d.unitId, d]));
  // A reviewer's save of some cues of a unit the provider drafted meanwhile is completed as one found by the search is.
  await takeSavedMeanwhile(input, {
    seen: hits,
    drafts,
    complete: async (unit, saved, draft) => {
      const machine = providedFor.get(unit.id) ?? draft;
      partial.set(unit.id, saved);
      await storeCompleted(unit, machine, now);
      return completed(unit, partial.get(unit.id)!, machine, now).draft;
    },
  });
  return { drafts, billableCharacters: provided.reduce((n, d) => n + d.billedCharacters, 0), diagnostics, suggestions, ...(condense === undefined ? {} : { condense }) };
}

/**
 * Of units another run held, the drafts of those it has stored whole since
 * (each with the entry it stored), and the others; of those, the entries
 * with empty cues (a reviewer saved some cues meanwhile, and the run that
 * held the unit stored nothing over them), and (`resume`) the first drafts
 * it stored held and still over their budgets.
 */
async function storedSince(
  units: readonly Unit[],
  input: DraftLanguageInput,
  resume: boolean,
): Promise<{ stored: { draft: Draft; entry: MemoryEntry }[]; unstored: Unit[]; heldSince: Map<string, MemoryEntry>; partialSince: Map<string, MemoryEntry> }> {
  const hits = await input.memory.exactMany(units.map((u) => u.source), input.pair, units.map((u) => input.versions.under(u.source)));
  const stored: { draft: Draft; entry: MemoryEntry }[] = [];
  const unstored: Unit[] = [];
  const heldSince = new Map<string, MemoryEntry>();
  const partialSince = new Map<string, MemoryEntry>();
  units.forEach((unit, i) => {
    const hit = hits[i];
    if (resume && hit !== undefined && heldOverBudget(unit, hit, input)) {
      heldSince.set(unit.id, hit);
      unstored.push(unit);
      return;
    }
    const draft = hit === undefined ? undefined : memoryDraft(unit, hit);
    if (hit !== undefined && draft !== undefined && !incomplete(unit, draft)) {
      stored.push({ draft, entry: hit });
      return;
    }
    if (hit !== undefined) partialSince.set(unit.id, hit);
    unstored.push(unit);
  });
  return { stored, unstored, heldSince, partialSince };
}

/** Whether an entry is a first draft held for its second request, whole and still over the unit's budget (the profile may have changed since). */
function heldOverBudget(unit: Unit, hit: MemoryEntry, input: DraftLanguageInput): boolean {
  return isHeld(hit) && !incomplete(unit, memoryDraft(unit, hit)) && input.budgets !== undefined && overBudget(hit.target, input.budgets.get(unit.id) ?? [], input.pair.target);
}

/** Claims `units`, drafts those this run now holds, and returns those another run holds. */
async function draftClaimed(units: readonly Unit[], claim: (units: readonly Unit[]) => Promise<boolean[]>, translate: (units: readonly Unit[]) => Promise<void>): Promise<Unit[]> {
  if (units.length === 0) return [];
  const held = await claim(units);
  const mine = units.filter((_, i) => held[i]);
  if (mine.length > 0) await translate(mine);
  return units.filter((_, i) => !held[i]);
}

function sumCondense(a: CondenseResult, b: CondenseResult): CondenseResult {
  return { overBudgetFirst: a.overBudgetFirst + b.overBudgetFirst, overBudgetSecond: a.overBudgetSecond + b.overBudgetSecond, billedSecondPass: a.billedSecondPass + b.billedSecondPass };
}

/** What the memory holds for a language's units. */
interface MemorySearch {
  /** Drafts of the units with a whole exact match. */
  drafts: Draft[];
  /** The units to draft, in order. */
  pending: Unit[];
  suggestions: Map<string, Suggestion>;
  /** Exact entries with empty cues, by unit id: drafted again, the reviewer's cues kept (see `completed`). */
  partial: Map<string, MemoryEntry>;
  /** Entries put together for units of a new cut from the smaller units their cues formed, by unit id (see `regroupedEntries`). */
  regrouped: Map<string, Regrouped>;
  /** First drafts an earlier run held (see `Draft.held`), by unit id: pending when the run resumes them, else drafts. */
  held: Map<string, MemoryEntry>;
  /** Each unit's exact entry as the search found it, by the unit's place. */
  hits: (MemoryEntry | undefined)[];
}

/** What a reviewer decided of a unit: its texts and each cue's status (a memory keeps no `cueStatus` where the cues agree with the unit). */
const decision = (d: Draft) => JSON.stringify([d.targets, d.status ?? null, (d.targets ?? []).map((_, k) => cueStatusOf(d, k) ?? null)]);

/**
 * A reviewer may save a unit while the provider drafts (in the studio, by an
 * import; a catalog job drafts for minutes): the track shows that work, not
 * the draft the run had for the unit. Replaces, in place, the draft of each
 * unit whose exact entry a reviewer saved since the search (`seen`): by the
 * entry when whole, else by what `complete` makes of the entry and the
 * run's draft (a reviewer saved some of its cues, the others still empty).
 */
async function takeSavedMeanwhile(
  input: DraftLanguageInput,
  run: { seen: readonly (MemoryEntry | undefined)[]; drafts: Draft[]; complete: (unit: Unit, saved: MemoryEntry, draft: Draft) => Promise<Draft> },
): Promise<void> {
  const { units, memory, pair, versions } = input;
  const { seen, drafts, complete } = run;
  const now = await memory.exactMany(units.map((u) => u.source), pair, units.map((u) => versions.under(u.source)));
  const at = new Map(drafts.map((d, i) => [d.unitId, i]));
  for (const [i, unit] of units.entries()) {
    const entry = now[i];
    const before = seen[i];
    if (entry === undefined || (entry.byReviewer !== true && entry.status === 'draft')) continue;
    const draft = memoryDraft(unit, entry);
    if (before !== undefined && before.updatedAt === entry.updatedAt && decision(memoryDraft(unit, before)) === decision(draft)) continue;
    const k = at.get(unit.id);
    if (k === undefined || decision(drafts[k]!) === decision(draft)) continue;
    drafts[k] = incomplete(unit, draft) ? await complete(unit, entry, drafts[k]!) : draft;
  }
}

/** Sorts the units by what the memory holds: exact matches drafted, the rest pending with their closest earlier translation. */
async function searchMemory(input: DraftLanguageInput, resume: boolean): Promise<MemorySearch> {
  const { units, pair, memory, versions } = input;
  // One lookup for the whole track: a server memory answers it in one round trip.
  const hits = await memory.exactMany(units.map((u) => u.source), pair, units.map((u) => versions.under(u.source)));
  const regrouped = regroupedEntries(input.covers ?? (await earlierCovers(memory, units, pair)), units, hits);
  const found: MemorySearch = { drafts: [], pending: [], suggestions: new Map(), partial: new Map(), regrouped, held: new Map(), hits };
  // A near entry whose source is a sentence of this track now is that sentence's translation, no earlier version of another.
  const current = new Set(units.map((u) => unitKey(u.source)));
  for (const [i, unit] of units.entries()) {
    // A store that answers at once (SQLite) would hold the event loop for the whole search: a turn every
    // SEARCH_TURN units lets what came in meanwhile (DeepL's glossary, answers for other languages) be taken.
    if (i > 0 && i % SEARCH_TURN === 0) await new Promise((resolve) => setImmediate(resolve));
    const hit = regrouped.get(unit.id)?.entry ?? hits[i];
    // A draft a weak match lent: the sentence it was confirmed in, before the cut took its other cues, stands beside it.
    const before = regrouped.get(unit.id)?.before;
    if (before !== undefined) found.suggestions.set(unit.id, before);
    else if (hit && unconfirmed(hit)) {
      // The draft a rewording made is the exact entry from the second run on: what a reviewer confirmed for the old
      // wording stays beside it, as on the run that drafted it, until someone reviews the draft. Looked for only
      // beside an entry nobody confirmed, not beside every exact one.
      const earlier = await memory.fuzzy(unit.source, pair, PREVIOUS_MIN, current);
      const offered = earlier && suggestionOf(earlier, current);
      if (offered && confirmedBefore(offered)) found.suggestions.set(unit.id, offered);
    }
    // A second request may make it fit.
    if (hit && heldOverBudget(unit, hit, input)) found.held.set(unit.id, hit);
    if (hit && resume && found.held.has(unit.id)) {
      found.pending.push(unit);
    } else if (hit && !incomplete(unit, memoryDraft(unit, hit))) {
      found.drafts.push(memoryDraft(unit, hit));
    } else if (hit) {
      found.partial.set(unit.id, hit);
      found.pending.push(unit);
    } else {
      found.pending.push(unit);
      const nearest = await memory.fuzzy(unit.source, pair, SUGGESTION_MIN);
      // The nearest may be another sentence of this track; this one's own earlier version may still be there, a little further.
      const earlier = nearest && current.has(unitKey(nearest.entry.source)) ? await memory.fuzzy(unit.source, pair, PREVIOUS_MIN, current) : undefined;
      const near = earlier ?? nearest;
      if (near) found.suggestions.set(unit.id, suggestionOf(near, current));
    }
  }
  return found;
}

/** Whether no reviewer has decided any cue of an entry: a provider's draft, or an imported one. */
function unconfirmed(entry: MemoryEntry): boolean {
  return entry.byReviewer !== true && highestStatus(entry.cueStatus ?? [entry.status]) === 'draft';
}

/** Whether a suggestion is what a reviewer confirmed for the sentence before its source changed: it stays beside a draft nobody confirmed since. */
function confirmedBefore(suggestion: Suggestion): boolean {
  return suggestion.previous && suggestion.status !== 'draft';
}

/** A near entry offered beside a unit's draft: the sentence's own earlier translation when near enough and no sentence of the track now (`current`). */
function suggestionOf(near: MemoryMatch, current: ReadonlySet<string>): Suggestion {
  const previous = near.score >= PREVIOUS_MIN && !current.has(unitKey(near.entry.source));
  return { targets: [...near.entry.target], score: near.score, status: highestStatus(near.entry.cueStatus ?? [near.entry.status]), previous };
}

function sourceChars(unit: Pick<Unit, 'source'>): number {
  return [...plainOf(unit.source.join(''))].length;
}

/**
 * A dry run's guess at the second pass: a translation runs about as long as
 * its source, so a unit whose source is over its budget by more than the
 * tolerance is counted as asked again, billed its source characters once
 * more. Counted in the source language's width, the target's being unknown.
 */
function secondPassEstimate(pending: readonly Unit[], budgets: ReadonlyMap<string, readonly number[]>, pair: LanguagePair, held: readonly MemoryEntry[]): CondenseResult {
  const over = pending.filter((u) => overBudget(u.source, budgets.get(u.id) ?? [], pair.source));
  // A first draft an earlier run held is asked again, once for all the units of its text: its source billed once more.
  const texts = [...new Map(held.map((e) => [unitKey(e.source), e])).values()];
  const again = texts.reduce((n, e) => n + sourceChars(e), 0);
  return { overBudgetFirst: over.length + texts.length, overBudgetSecond: 0, billedSecondPass: over.reduce((n, u) => n + sourceChars(u), 0) + again };
}
