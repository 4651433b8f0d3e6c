import pLimit from 'p-limit';
import { createMatcher, draftVersions, loadGlossary, type DraftVersions, type Glossary, type Matcher } from '../glossary/index.js';
import { openMemoryStore } from '../memory/open.js';
import { PLAN_ATTEMPTS, versionPair, type MemoryEntry, type MemoryStore, type PlannedOn, type PutResult } from '../memory/store.js';
import type { Lang, Track } from '../model/track.js';
import { cueStatusOf, targetMissing, unitKey, type Draft, type LanguagePair, type Suggestion, type Unit } from '../model/unit.js';
import type { Profile } from '../qc/index.js';
import { UNKNOWN_REVIEWER } from '../review/import.js';
import { segment } from '../translate/segment.js';
import { applyCueChange, checkingRules, reviewerEntry, typedText, unitRecord, type UnitRecord } from './cue-change.js';
import { assembleLanguage } from './assemble-language.js';
import { draftLanguage, memoryDraft } from './draft-language.js';
import { earlierCovers, overExact, type EarlierCover } from './regrouped.js';
import { restamp, stampFile, type FileStamp } from './file-stamp.js';
import { SublocError } from '../errors.js';
import { publicLocation } from '../memory/location.js';
import { isMachineDraft } from './drafted-by.js';
import type { LocalizeOptions } from './options.js';
import type { CheckResult, CueChange, SaveOutcome, SessionCue, TrackSummary } from './review-session-types.js';
import { runSource } from './run-source.js';
import { sessionView, shownText, unitsView, type SessionViewInput } from './session-view.js';

export interface ReviewSessionOptions {
  /** The title's options as `localize` resolves them: the same source, units, memory, glossary and profile. */
  localize: LocalizeOptions;
  /** The languages to review, among the targets. @default every target of the options */
  languages?: readonly Lang[];
  /** Recorded with every save. @default `unknown`, as `review import` records an unnamed reviewer */
  reviewer?: string;
  /** When a save is recorded. @default the current time */
  now?: () => Date;
  /**
   * The config file the options were resolved from, and how to resolve them
   * again: a change to it, or to the QC profile file it names, is taken in
   * as a new glossary is (another profile, frame rate, glossary or track).
   */
  config?: { file: string; resolve: () => Promise<LocalizeOptions> };
}

export interface ReviewSession {
  /** As the config says it now, like `profile`. */
  readonly title: string;
  readonly sourceLang: Lang;
  /** As the config says them now: the targets it lists (those of them asked for, when `languages` was given). */
  readonly languages: readonly Lang[];
  readonly profile: Profile;
  readonly reviewer: string | null;
  /** Reads the project's files again when they changed on disk (see `fresh`), as every other call does first. */
  reload(): Promise<void>;
  /** Counts by state for every language. */
  tracks(): Promise<TrackSummary[]>;
  /** A language's cues as the memory holds them now; undefined for a language not reviewed here. */
  track(language: Lang): Promise<SessionCue[] | undefined>;
  /** Saves one cue's change (see `applyCueChange` for the rules). */
  save(language: Lang, cueId: string, change: CueChange): Promise<SaveOutcome>;
  /** Approves the cues named, each on the revision shown, refusing those with an error or warning finding. */
  approve(language: Lang, cues: readonly { id: string; revision: string }[]): Promise<{ cues: SessionCue[]; refused: { id: string; reason: string }[]; also: SessionCue[] } | undefined>;
  /** Findings and figures of a text being typed into a cue; nothing is saved. */
  check(language: Lang, cueId: string, text: string): Promise<CheckResult | undefined>;
  /** Why a language is not served (a mistyped one, or one the config no longer lists), for a refusal. */
  notServed(language: Lang): string;
  /** Waits for the saves under way, then closes the memory; a second call does nothing. */
  close(): Promise<void>;
}

interface LanguageState {
  pair: LanguagePair;
  versions: DraftVersions;
  suggestions: Map<string, Suggestion>;
  machine: Map<string, string>;
  drafts: Map<string, Draft>;
  records: Map<string, UnitRecord>;
  /** Each unit's entry as the memory last answered it: what a change to the unit is planned on. */
  seen: Map<string, PlannedOn>;
  /** What earlier sentence units give the units of a new cut, found when the title was read (see `earlierCovers`). */
  covers: Map<string, EarlierCover>;
  view?: SessionCue[];
  /** Units whose cues changed since the view was computed. */
  dirty: Set<string>;
}

/** The title as read from the source track and the glossary on disk, and each language's state over it. */
interface Loaded {
  /** The files it was read from (the config and profile too), stamped before they were read. */
  stamps: FileStamp[];
  source: Track;
  units: Unit[];
  unitOf: Map<string, { unit: Unit; k: number }>;
  /** Each unit's sentence: every unit with its source, itself included. */
  sentenceOf: Map<string, Unit[]>;
  /** Each cue said again elsewhere: the cues at its place in the other sayings of its sentence. */
  repeatsOf: Map<string, string[]>;
  glossary: { glossary: Glossary; matcher: Matcher } | undefined;
  /** The languages served, as the config lists its targets (see `served`). */
  languages: Lang[];
  states: Map<Lang, LanguageState>;
}

/**
 * How long a save waits for another program that holds the memory locked (a
 * database browser with an edit open) before it is refused, the page keeping
 * the edit to send again: the studio answers its other requests meanwhile.
 */
const LOCK_WAIT_MS = 5000;

/**
 * The review flow behind `subloc review serve`: each target language as the
 * next `localize` would write it from the memory alone, and a reviewer's
 * changes saved into the same memory under the same rules as `review import`
 * (status never downgraded, a reviewer's work never overwritten). Changes are
 * applied one at a time, each on what the memory holds at that moment, so of
 * two changes made on one revision of a cue exactly one is saved.
 */
export async function openReviewSession(options: ReviewSessionOptions): Promise<ReviewSession> {
  let opts = options.localize;
  const { config } = options;
  const now = options.now ?? (() => new Date());
  const reviewer = options.reviewer ?? null;
  const asked = options.languages;
  /**
   * The languages served as the config lists its targets now: one it drops
   * is no longer written by `localize`, so it is no longer saved into here;
   * one it adds is opened on the memory, as every language is.
   */
  const served = (): Lang[] => (asked === undefined ? [...opts.targets] : asked.filter((l) => opts.targets.includes(l)));
  /** Every language served since the studio opened: one of them no longer served is one the config dropped. */
  const opened = new Set<Lang>();
  // The drafts shown come from the memory localize drafted: one that is not there is a mistyped --memory, never made anew.
  const memory: MemoryStore = await openMemoryStore(opts.memory, { existing: true, lockWaitMs: LOCK_WAIT_MS });
  // One change at a time: each is planned on what the memory holds after the one before.
  const serial = pLimit(1);
  let closed: Promise<void> | undefined;
  let inputs: Loaded;
  try {
    inputs = await load(config === undefined ? [] : await settingsStamps());
  } catch (error) {
    await memory.close();
    throw error;
  }

  /** The config's stamp and the profile file's, taken before the options are resolved from them. */
  function settingsStamps(): Promise<FileStamp[]> {
    return Promise.all([config!.file, ...(opts.profileFile === undefined ? [] : [opts.profileFile])].map(stampFile));
  }

  /**
   * The options as the config says them now. The memory and the source
   * language stay those the studio opened: saves go on into that memory,
   * so a config that names another is refused until it names this one.
   */
  async function resolveAgain(stamped: FileStamp[]): Promise<FileStamp[]> {
    const next = await config!.resolve();
    const moved = next.memory !== opts.memory ? `the memory ${publicLocation(next.memory)}, not ${publicLocation(opts.memory)}` : next.source !== opts.source ? `the source language ${next.source}, not ${opts.source}` : undefined;
    if (moved !== undefined) throw new SublocError('CONFIG_INVALID', `the config ${config!.file} now names ${moved}, which this studio opened: nothing is saved until it names that again, or the studio is started again on it`, { file: config!.file });
    const profile = next.profileFile === opts.profileFile || next.profileFile === undefined ? [] : [await stampFile(next.profileFile)];
    opts = next;
    return [...stamped.filter((s) => s.path === config!.file || s.path === next.profileFile), ...profile];
  }

  /** Reads the source track and the glossary, cuts the units and opens every language on them. */
  async function load(settings: FileStamp[]): Promise<Loaded> {
    const stamps = [...settings, ...(await Promise.all([opts.input, ...(opts.glossary === undefined ? [] : [opts.glossary])].map(stampFile)))];
    const source: Track = (await runSource(opts)).track;
    const units = segment(source);
    const unitOf = new Map<string, { unit: Unit; k: number }>();
    for (const unit of units) unit.cueIds.forEach((id, k) => unitOf.set(id, { unit, k }));
    // Units by memory key: a sentence said more than once is one entry, so one translation for every saying.
    const byKey = new Map<string, Unit[]>();
    for (const unit of units) {
      const key = unitKey(unit.source);
      const same = byKey.get(key);
      if (same) same.push(unit);
      else byKey.set(key, [unit]);
    }
    const sentenceOf = new Map<string, Unit[]>();
    const repeatsOf = new Map<string, string[]>();
    for (const same of byKey.values()) {
      for (const unit of same) {
        sentenceOf.set(unit.id, same);
        if (same.length > 1) unit.cueIds.forEach((id, k) => repeatsOf.set(id, same.filter((u) => u !== unit).map((u) => u.cueIds[k]!)));
      }
    }
    const languages = served();
    const glossary = opts.glossary === undefined ? undefined : await loadGlossary(opts.glossary, { source: opts.source }).then((g) => ({ glossary: g, matcher: createMatcher(g) }));
    const loaded: Loaded = { stamps, source, units, unitOf, sentenceOf, repeatsOf, glossary, languages, states: new Map() };
    for (const target of languages) loaded.states.set(target, await openLanguage(loaded, target));
    for (const target of languages) opened.add(target);
    return loaded;
  }

  /**
   * Reads the title again when its source track, glossary, config or profile
   * changed on disk (a new cut, the terminologist's edit, a festival's
   * profile), so that nothing is shown, checked or approved under rules
   * that are no longer the project's. Nothing is lost: every save is in the
   * memory, and none is under way (this runs in the serial queue). A file
   * that cannot be read now throws, and is tried again on the next request,
   * with nothing saved meanwhile.
   */
  async function fresh(): Promise<Loaded> {
    const stamps = await Promise.all(inputs.stamps.map(restamp));
    if (stamps.every((stamp, i) => stamp.hash === inputs.stamps[i]!.hash)) {
      inputs.stamps = stamps;
      return inputs;
    }
    const settings = config === undefined ? [] : await settingsStamps();
    // Only a changed config or profile is resolved again: the same options otherwise.
    const settingsChanged = settings.some((s) => inputs.stamps.find((t) => t.path === s.path)?.hash !== s.hash);
    inputs = await load(settingsChanged ? await resolveAgain(settings) : settings);
    return inputs;
  }

  async function openLanguage(loaded: Loaded, target: Lang): Promise<LanguageState> {
    const { units, glossary } = loaded;
    const pair = { source: opts.source, target };
    const versions = draftVersions(glossary?.glossary, target, glossary?.matcher);
    const covers = await earlierCovers(memory, units, pair);
    const drafted = await draftLanguage({ units, pair, memory, versions, translator: undefined, covers, onProgress: () => {} });
    const state: LanguageState = { pair, versions, suggestions: drafted.suggestions, machine: new Map(), drafts: new Map(), records: new Map(), seen: new Map(), covers, dirty: new Set() };
    state.machine = await machineTexts(loaded, state, target);
    await refresh(state, units);
    return state;
  }

  /** Each cue's machine draft (the provider's newest, preferring the current glossary's), else the closest earlier translation, as the track would show it. */
  async function machineTexts({ source, units, glossary }: Loaded, state: LanguageState, target: Lang): Promise<Map<string, string>> {
    const byKey = new Map<string, MemoryEntry>();
    const current = (entry: MemoryEntry) => versionPair(state.versions.under(entry.source)).includes(entry.glossaryVersion);
    // The draft a reviewer's edit is shown against.
    for (const entry of await memory.entries(state.pair)) {
      if (!isMachineDraft(entry)) continue;
      const key = unitKey(entry.source);
      const held = byKey.get(key);
      if (held === undefined || current(entry) || !current(held)) byKey.set(key, entry);
    }
    const drafts: Draft[] = [];
    for (const unit of units) {
      const entry = byKey.get(unitKey(unit.source));
      const suggestion = state.suggestions.get(unit.id);
      if (entry) drafts.push(memoryDraft(unit, entry));
      else if (suggestion) drafts.push({ unitId: unit.id, targets: [...suggestion.targets], origin: 'memory-fuzzy', provider: 'memory', billedCharacters: 0, score: suggestion.score });
    }
    const assembled = assembleLanguage({ source, units, drafts, target, profile: opts.profile, glossary, frameRate: opts.frameRate });
    const texts = new Map<string, string>();
    for (const cue of assembled.track.cues) if (assembled.origins.has(cue.id)) texts.set(cue.id, shownText(cue));
    return texts;
  }

  /**
   * Re-reads the units' exact entries, in one request: another studio or a
   * `review import` may have changed them. A unit of a new cut is shown as
   * `localize` would draft it: its cues' reviewed translations from the
   * sentence units they were cut from, where those are the later word.
   */
  async function refresh(state: LanguageState, which: readonly Unit[]): Promise<void> {
    const versions = which.map((unit) => state.versions.under(unit.source));
    const found = await memory.exactMany(
      which.map((unit) => unit.source),
      state.pair,
      versions,
    );
    which.forEach((unit, i) => {
      const exact = found[i];
      state.seen.set(unit.id, { glossaryVersion: versions[i]!, entry: exact });
      const cover = state.covers.get(unit.id);
      const entry = (cover && overExact(unit, exact, cover)?.entry) ?? exact;
      const draft = entry && memoryDraft(unit, entry);
      const before = state.drafts.get(unit.id);
      if (JSON.stringify(before) === JSON.stringify(draft) && state.records.has(unit.id)) return;
      state.records.set(unit.id, unitRecord(unit, entry));
      if (draft) state.drafts.set(unit.id, draft);
      else state.drafts.delete(unit.id);
      state.dirty.add(unit.id);
    });
  }

  function viewInput(state: LanguageState, target: Lang, drafts: readonly Draft[]): SessionViewInput {
    return {
      title: opts.title,
      source: inputs.source,
      units: inputs.units,
      target,
      drafts,
      records: state.records,
      machine: state.machine,
      suggestions: state.suggestions,
      repeats: inputs.repeatsOf,
      profile: opts.profile,
      glossary: inputs.glossary,
      versions: state.versions,
      frameRate: opts.frameRate,
    };
  }

  /** The language's cues: computed whole once, then unit by unit as units change. */
  function view(state: LanguageState, target: Lang): SessionCue[] {
    if (state.view === undefined) state.view = sessionView(viewInput(state, target, [...state.drafts.values()]));
    else if (state.dirty.size > 0) {
      const fresh = new Map(unitsView(viewInput(state, target, [...state.drafts.values()]), state.dirty).map((c) => [c.id, c]));
      state.view = state.view.map((c) => fresh.get(c.id) ?? c);
    }
    state.dirty.clear();
    return state.view;
  }

  function cueOf(state: LanguageState, target: Lang, id: string): SessionCue {
    return view(state, target).find((c) => c.id === id)!;
  }

  /**
   * Applies changes to cues of one language in one write: each on the memory
   * as it is now, refused ones left out. A write finding a unit changed by
   * another process since it was read stores nothing; the changes are
   * planned again on what is there then, up to `PLAN_ATTEMPTS` times.
   */
  async function applyChanges(target: Lang, state: LanguageState, changes: readonly { id: string; change: CueChange; guard?: (cue: SessionCue) => string | undefined }[]) {
    const { unitOf, sentenceOf } = inputs;
    // A sentence said again is the same memory entry: its other units are read and shown with it.
    const touched = [...new Set(changes.flatMap((c) => sentenceOf.get(unitOf.get(c.id)!.unit.id)!))];
    const rules = checkingRules(opts.profile, opts.frameRate);
    for (let attempt = 1; ; attempt++) {
      await refresh(state, touched);
      const shown = new Map(view(state, target).map((c) => [c.id, c]));
      // By the sentence's memory key: a change to one saying of it is planned on what a change to another made.
      const planned = new Map<string, { unit: Unit; record: UnitRecord }>();
      const outcomes = new Map<string, { refused: 'stale' | 'invalid'; message: string } | { saved: true }>();
      for (const { id, change, guard } of changes) {
        const { unit, k } = unitOf.get(id)!;
        const key = unitKey(unit.source);
        const cue = shown.get(id)!;
        const basis = { glossaryVersion: state.versions.own(unit.source), rules, start: cue.start, end: cue.end };
        const result = applyCueChange(planned.get(key)?.record ?? state.records.get(unit.id)!, k, change, { cueId: id, language: target, shown: cue.text, basis });
        // Stale before the guard: a page shown another glossary or cut learns that, and reloads the cue with its findings.
        const reason = 'refused' in result ? undefined : guard?.(cue);
        if ('refused' in result) outcomes.set(id, result);
        else if (reason !== undefined) outcomes.set(id, { refused: 'invalid', message: reason });
        else {
          if (result.changed) planned.set(key, { unit: planned.get(key)?.unit ?? unit, record: result.record });
          outcomes.set(id, { saved: true });
        }
      }
      const at = now().toISOString();
      const entries = [...planned.values()].map(({ unit, record }) => reviewerEntry(unit, record, { pair: state.pair, reviewer: reviewer ?? UNKNOWN_REVIEWER, now: at }));
      const written: PutResult = entries.length === 0 ? { written: 0, unchanged: 0, kept: 0 } : await memory.put(entries, [...planned.values()].map(({ unit }) => state.seen.get(unit.id)));
      if (written.stale !== undefined && attempt < PLAN_ATTEMPTS) continue;
      await refresh(state, touched);
      if (written.kept > 0 || written.stale !== undefined) {
        // Another process (another studio, an import) wrote the unit meanwhile: report the change stale, the cue as it is now.
        for (const [key, { unit, record }] of planned) {
          if (JSON.stringify(state.records.get(unit.id)) === JSON.stringify(record)) continue;
          for (const { id } of changes) if (unitKey(unitOf.get(id)!.unit.source) === key) outcomes.set(id, { refused: 'stale', message: `cue ${id} (${target}) was saved meanwhile by someone else; nothing of this change was saved: compare and save again` });
        }
      }
      return outcomes;
    }
  }

  /** The cues a save of these changed besides them: the same sentence said elsewhere, which holds the same translation. */
  function alsoChanged(state: LanguageState, target: Lang, ids: readonly string[], before: ReadonlyMap<string, string>): SessionCue[] {
    const named = new Set(ids);
    const others = new Set(ids.flatMap((id) => inputs.repeatsOf.get(id) ?? []).filter((id) => !named.has(id)));
    return [...others].map((id) => cueOf(state, target, id)).filter((cue) => cue.revision !== before.get(cue.id));
  }

  /** The revisions of the cues that say the same sentence as these, before a save. */
  function repeatRevisions(state: LanguageState, target: Lang, ids: readonly string[]): Map<string, string> {
    const others = ids.flatMap((id) => inputs.repeatsOf.get(id) ?? []);
    return new Map(others.length === 0 ? [] : others.map((id) => [id, cueOf(state, target, id).revision]));
  }

  return {
    get title() {
      return opts.title;
    },
    sourceLang: opts.source,
    get languages() {
      return inputs.languages;
    },
    get profile() {
      return opts.profile;
    },
    reviewer,

    async reload() {
      // Waits behind the saves under way (a locked memory holds one up to 5 s) only when there is something to read.
      const stamps = await Promise.all(inputs.stamps.map(restamp));
      if (stamps.some((stamp, i) => stamp.hash !== inputs.stamps[i]!.hash)) await serial(fresh);
    },

    async tracks() {
      // As the memory holds them now (another studio, an import), counted from the drafts as the review package states them, without computing every language's cues.
      return serial(async () => {
        const { units, source, states, languages } = await fresh();
        const summaries: TrackSummary[] = [];
        for (const language of languages) {
          const state = states.get(language)!;
          await refresh(state, units);
          const counts = { draft: 0, reviewed: 0, approved: 0, untranslated: 0 };
          for (const unit of units) {
            const draft = state.drafts.get(unit.id);
            unit.cueIds.forEach((_, k) => counts[draft === undefined || targetMissing(draft, unit, k) ? 'untranslated' : (cueStatusOf(draft, k) ?? 'draft')]++);
          }
          summaries.push({ language, cues: source.cues.length, counts });
        }
        return summaries;
      });
    },

    async track(language) {
      return serial(async () => {
        const { units, states, languages } = await fresh();
        if (!languages.includes(language)) return undefined;
        const state = states.get(language)!;
        await refresh(state, units);
        return view(state, language);
      });
    },

    async save(language, cueId, change) {
      return serial(async (): Promise<SaveOutcome> => {
        const { unitOf, source, states, languages } = await fresh();
        if (!languages.includes(language)) return { outcome: 'not-found', message: notServed(language) };
        if (!unitOf.has(cueId)) return { outcome: 'not-found', message: `no cue ${JSON.stringify(cueId)} in ${opts.title}; expected the id of one of its ${source.cues.length} cues` };
        const state = states.get(language)!;
        const before = repeatRevisions(state, language, [cueId]);
        const outcome = (await applyChanges(language, state, [{ id: cueId, change }])).get(cueId)!;
        const cue = cueOf(state, language, cueId);
        if ('saved' in outcome) return { outcome: 'saved', cue, also: alsoChanged(state, language, [cueId], before) };
        return outcome.refused === 'stale' ? { outcome: 'stale', message: outcome.message, cue } : { outcome: 'invalid', message: outcome.message };
      });
    },

    async approve(language, cues) {
      return serial(async () => {
        const { unitOf, repeatsOf, states, languages } = await fresh();
        if (!languages.includes(language)) return undefined;
        const state = states.get(language)!;
        const refused: { id: string; reason: string }[] = [];
        // A cue named twice is approved once, as first named; so is a sentence named at two of its sayings, which
        // the memory keeps one translation of: the second, stale after the first, must not report the approval refused.
        const first = new Map<string, { id: string; revision: string }>();
        const sayingOf = new Map<string, string>();
        for (const c of cues) {
          const at = unitOf.get(c.id);
          if (at === undefined) {
            refused.push({ id: c.id, reason: `no cue ${JSON.stringify(c.id)} in ${opts.title}` });
            continue;
          }
          const key = `${unitKey(at.unit.source)}\0${at.k}`;
          if (!first.has(key)) first.set(key, c);
          if (!sayingOf.has(c.id)) sayingOf.set(c.id, first.get(key)!.id);
        }
        const known = [...first.values()];
        const before = repeatRevisions(
          state,
          language,
          known.map((c) => c.id),
        );
        const outcomes = await applyChanges(
          language,
          state,
          known.map((c) => ({
            id: c.id,
            change: { state: 'approved', revision: c.revision },
            // Every saying is approved with it: a finding on any of them holds the sentence back.
            guard: (cue) => {
              for (const saying of [cue, ...(repeatsOf.get(cue.id) ?? []).map((id) => cueOf(state, language, id))]) {
                const found = saying.findings.filter((f) => f.severity !== 'info');
                if (found.length === 0) continue;
                const twin = saying.id === cue.id ? '' : `, the same sentence as cue ${cue.id},`;
                return `cue ${saying.id} (${language})${twin} has ${found.length} finding${found.length === 1 ? '' : 's'} (${found.map((f) => f.code).join(', ')}); approve it on its own after checking them`;
              }
              return undefined;
            },
          })),
        );
        const approved: SessionCue[] = [];
        for (const [id, saying] of sayingOf) {
          const outcome = outcomes.get(saying)!;
          if ('saved' in outcome) approved.push(cueOf(state, language, id));
          else refused.push({ id, reason: outcome.message });
        }
        return { cues: approved, refused, also: alsoChanged(state, language, [...sayingOf.keys()], before) };
      });
    },

    async check(language, cueId, text) {
      return serial(async () => {
        const { unitOf, states, languages } = await fresh();
        if (!languages.includes(language)) return undefined;
        const state = states.get(language)!;
        const at = unitOf.get(cueId);
        if (at === undefined) return undefined;
        const current = state.drafts.get(at.unit.id);
        const targets = current?.targets ? [...current.targets] : at.unit.source.map(() => '');
        // Checked as it would be saved: lines trimmed, its styling kept.
        targets[at.k] = typedText(text, targets[at.k] ?? '');
        const drafts = [...state.drafts.values()].filter((d) => d.unitId !== at.unit.id);
        drafts.push({ ...(current ?? { unitId: at.unit.id, origin: 'memory-exact', provider: 'memory', billedCharacters: 0, status: 'draft' }), targets });
        const cue = unitsView(viewInput(state, language, drafts), new Set([at.unit.id])).find((c) => c.id === cueId)!;
        return { findings: cue.findings, budget: cue.budget, metrics: cue.metrics };
      });
    },

    notServed,

    close() {
      closed ??= serial(() => memory.close());
      return closed;
    },
  };

  function notServed(language: Lang): string {
    const { languages } = inputs;
    if (config !== undefined && opened.has(language) && !languages.includes(language)) {
      return `the config ${config.file} no longer lists ${language} among its targets (it lists ${opts.targets.join(', ')}): nothing is saved in ${language}, which the next \`localize\` does not write; reload the page, or put ${language} back in \`targets\` to go on reviewing it`;
    }
    return `language ${JSON.stringify(language)} is not reviewed here; expected one of ${languages.join(', ')}`;
  }
}
