import { basename, join, sep } from 'node:path';
import pLimit from 'p-limit';
import { createMatcher, draftVersions, loadGlossary } from '../glossary/index.js';
import { openMemoryStore } from '../memory/open.js';
import type { InFlightUnit, MemoryStore, RunHolder } from '../memory/store.js';
import { readTmx } from '../memory/tmx.js';
import { messages as tmxMessages } from '../memory/tmx-messages.js';
import type { Diagnostic } from '../model/diagnostic.js';
import { SublocError } from '../errors.js';
import type { Lang } from '../model/track.js';
import { buildReviewPackage } from '../review/package.js';
import type { DeepLGate } from '../translate/deepl/index.js';
// Not through index.js, which loads deepl-node: an offline run never does.
import { interruptedError } from '../translate/deepl/attempts.js';
import { providers } from '../translate/providers.js';
import { segment } from '../translate/segment.js';
import { assembleLanguage, languageFitter, type LanguageFitter } from './assemble-language.js';
import { checkLanguage } from './check-language.js';
import { draftLanguage, type DraftLanguageResult } from './draft-language.js';
import type { LocalizeOptions } from './options.js';
import { readInput } from './read-input.js';
import { runSource } from './run-source.js';
import { checkRunFolder, markDraftsFolder } from './out-folder.js';
import { recordRunFolder } from './run-folders.js';
import { importReviewEdits, refuseLostEdits, type ReviewEdit } from './review-edits.js';
import { nextTurn } from './next-turn.js';
import { languageReport, reportJson, totals, type LanguageReport, type RefusedLanguage, type RunReport } from './report.js';
import { closingMemory, withNote } from './closing-memory.js';
import { writeFileAtomic } from './write-atomic.js';
import { editableHashes, titledFiles, writeLanguage, wroteNothing, type WrittenLanguage } from './write-language.js';
import { wholeRateRefusal } from './whole-rate-refusal.js';
import { formatTable } from '../formats/table.js';
import { readWrittenRecord } from './written-record.js';
import { refuseEditedTracks } from './edited-tracks.js';
import { unitBudgets } from './unit-budgets.js';
import type { UnitClaims } from './unit-claims.js';
import { sentUnits } from './sent-units.js';
import { holdsPair, pairsApart } from './pairs-apart.js';
import { checkTitleNames } from './title-names.js';

export type LocalizeEvent =
  /** Another run drafts into the same memory (`memory`: where, never a password): this one waits for it, then translates only what it leaves. */
  | { type: 'memory-wait'; memory: string; holder: RunHolder | undefined }
  /**
   * Another run on the memory sent these units of `language` to DeepL and has not stored them yet (it lost the
   * memory's run lock, its server restarted, while they were on their way): this one takes them from the memory
   * once stored, or drafts them itself once the last record runs out unstored.
   */
  | { type: 'sent-wait'; memory: string; language: string; others: readonly InFlightUnit[] }
  | { type: 'language-start'; language: string; units: number }
  | { type: 'language-progress'; language: string; done: number }
  | { type: 'language-done'; language: string; report: LanguageReport };


/**
 * Reviewed memories named in the config: imported on every run, never
 * downgrading approved work. Units from another source language than the
 * track's are stored like the rest, and said: no run of this track finds them.
 */
async function importMemories(memory: MemoryStore, files: readonly string[], source: Lang): Promise<RunReport['imported']> {
  const imported: RunReport['imported'] = [];
  for (const file of files) {
    const result = readTmx(await readInput(file), file, { source });
    const errors = result.diagnostics.filter((d) => d.severity === 'error');
    // A memory the run was told to import and could not: drafting without it would bill again what it holds.
    if (errors.length > 0) {
      throw new SublocError('PARSE_FAILED', `${file}: the memory to import could not be read (see the errors above); nothing was drafted or billed: fix the file, or take it out of \`tmx\``, { file, diagnostics: errors });
    }
    const put = await memory.put(result.entries);
    const others = new Map<string, number>();
    for (const e of result.entries) if (e.sourceLang !== source) others.set(e.sourceLang, (others.get(e.sourceLang) ?? 0) + 1);
    const unusable = [...others].map(([language, units]) => tmxMessages.otherSourceLanguage(units, language, source));
    imported.push({ file, written: put.written, unchanged: put.unchanged, kept: put.kept, skipped: result.skipped, diagnostics: [...result.diagnostics, ...unusable] });
  }
  return imported;
}

/** What the caller hands a run besides its options. */
export interface LocalizeRun {
  /**
   * Read by the DeepL client alone, where it is made (`DEEPL_AUTH_KEY`,
   * `DEEPL_SERVER_URL`): the key never sits in the options, which are
   * reported and handed on. @default process.env
   */
  env?: Readonly<Record<string, string | undefined>>;
  onEvent?: (event: LocalizeEvent) => void;
  /** DeepL's request rate and character budget shared with other processes (the catalog workers fill it); a run alone has none. */
  deeplGate?: DeepLGate;
  /** The units runs on the same memory are drafting at once (catalog workers): each unit is billed by one of them. */
  claims?: UnitClaims;
  /** Who the run is to other runs on the memory (see SentUnitsOptions.owner): a catalog job's id. @default a new id */
  owner?: string;
  /** Aborted when the user stops the run (Ctrl-C): see `ProviderRun.stop`. */
  stop?: AbortSignal;
}

/** The memory's run lock a run holds while it drafts and bills (see MemoryStore.lockRuns). */
export interface RunLockRequest {
  purpose: string;
  /** @default the whole memory */
  scope?: string;
}

/** The promise's outcome, never a rejection: a language that fails while later ones still start is not an unhandled rejection. */
function settle<T>(promise: Promise<T>): Promise<PromiseSettledResult<T>> {
  return promise.then(
    (value) => ({ status: 'fulfilled', value }),
    (reason: unknown) => ({ status: 'rejected', reason }),
  );
}

/**
 * The main job: read the source once, cut it into sentence units, draft every
 * target language (memory first, then the provider), check the glossary,
 * write the tracks and `run.json`.
 */
export async function localize(options: LocalizeOptions, run: LocalizeRun = {}): Promise<RunReport> {
  const report = await localizeLanguages(options, run, { purpose: `subloc localize ${options.title}` }).catch(async (error: unknown) => {
    // The other languages were written: the previous run.json would describe files that are no longer there.
    const written = error !== null && typeof error === 'object' ? refusedRuns.get(error) : undefined;
    if (written === undefined || options.dryRun) throw error;
    await writeRunReport(options, written);
    const refused = (written.refused ?? []).map((r) => r.language).join(', ');
    const noted = withNote(error, `; run.json was written for the languages this run wrote, and lists ${refused} under \`refused\`, left as an earlier run wrote ${written.refused?.length === 1 ? 'it' : 'them'}`);
    refusedRuns.set(noted as object, written);
    throw noted;
  });
  if (!options.dryRun) await writeRunReport(options, report);
  return report;
}

/** The report of a run that refused some languages and wrote the others, by the refusal it ended with: `localize` writes it as `run.json`. */
const refusedRuns = new WeakMap<object, RunReport>();

/** What `run.json` says of the run `error` ended, when `localize` wrote one before throwing it (`--json` prints it still). */
export function refusedRunReport(error: unknown): RunReport | undefined {
  return error !== null && typeof error === 'object' ? refusedRuns.get(error) : undefined;
}

/** `run.json` in the run's folder, whole or not at all. */
export async function writeRunReport(options: LocalizeOptions, report: RunReport): Promise<void> {
  await writeFileAtomic(join(options.out, options.title, 'run.json'), reportJson(report));
}

/**
 * A run's failure, with what it billed before it (when it billed anything) and what of that the memory does not hold
 * (drafts it could not store, answers that could not be used): a run that stops writes no `run.json`, and the next
 * run bills that part again.
 */
function withBilled(error: unknown, { billed, kept, unknown }: RunBill): unknown {
  // Attempts that timed out or were cut short: DeepL may have billed them, and no answer said what (the `deepl/sent-again` warnings of a run.json this run does not write).
  const more =
    unknown.requests === 0
      ? ''
      : unknown.requests === 1
        ? `up to ${unknown.characters} more characters may have been billed, by 1 request that timed out or was cut short after DeepL may have translated it`
        : `up to ${unknown.characters} more characters may have been billed, by ${unknown.requests} requests that timed out or were cut short after DeepL may have translated them`;
  if (billed === 0) return more === '' ? error : withNote(error, ` (${more})`);
  const lost = billed - kept;
  const where =
    lost === 0
      ? 'their drafts are in the memory'
      : kept === 0
        ? 'none of their drafts could be kept in the memory, so the next run bills them all again'
        : `the drafts of ${lost} of them could not be kept in the memory, so the next run bills those again`;
  return withNote(error, ` (${billed} characters were billed in this run before it stopped; ${where}${more === '' ? '' : `; ${more}`})`);
}

/** What DeepL billed in this run, and of it, what the drafts stored in the memory cost; and what attempts whose fate is unknown may have cost besides. */
interface RunBill {
  billed: number;
  kept: number;
  unknown: { characters: number; requests: number };
}

/**
 * Everything `localize` does but write `run.json`, holding the memory's run
 * lock as `lock` says: the whole memory for a run alone, one film and
 * language for a catalog job (see pipeline/catalog-job.ts).
 */
export async function localizeLanguages(options: LocalizeOptions, run: LocalizeRun, lock: RunLockRequest): Promise<RunReport> {
  const { onEvent = () => {} } = run;
  checkTitleNames(options.title, options.targets.flatMap((target) => titledFiles(options.title, target, options.formats).map((file) => basename(file))));
  if (!options.dryRun) checkRunFolder(join(options.out, options.title), 'localize');
  const read = await runSource(options);
  const source = read.track;
  // Every language's tracks are at the source's rate: one no file of a format asked can be timed at refuses them all, so before any is drafted.
  const rate = options.frameRate ?? source.frameRate;
  const wrongRate = rate === undefined ? undefined : wholeRateRefusal(options.formats.map((id) => formatTable[id]), rate, 'nothing was drafted or written: expected --fps (or `fps` in the config) with the picture\'s rate, or formats without them');
  if (wrongRate !== undefined) throw new SublocError('USAGE', wrongRate);
  const runDiagnostics = read.diagnostics;
  const units = segment(source);
  const generatedAt = new Date().toISOString();
  const glossary = options.glossary === undefined ? undefined : await loadGlossary(options.glossary, { source: options.source }).then((g) => ({ glossary: g, matcher: createMatcher(g) }));
  const memory = await openMemoryStore(options.memory);
  const runDir = join(options.out, options.title);
  const languages: LanguageReport[] = [];
  /** Languages refused before a file of theirs was written, each by its refusal, with what its drafts were billed. */
  const refusals = new Map<Lang, { error: SublocError; billedCharacters: number }>();

  return closingMemory(memory, async () => {
    // Held until the memory closes: two runs on one memory never bill the same unit. A dry run bills nothing.
    const held = options.dryRun ? undefined : await memory.lockRuns({ ...lock, onWait: (holder) => onEvent({ type: 'memory-wait', memory: memory.location, holder }) });
    // What stops the requests: the user (Ctrl-C); the memory's run lock lost (its server restarted), after which
    // another run may draft the same units; or drafts the memory could not store (its disk full): what any language
    // would ask for after them, the run could not keep either, and the next run would bill it again.
    const unstored = new AbortController();
    const halt = AbortSignal.any([run.stop, held?.lost, unstored.signal].filter((s): s is AbortSignal => s !== undefined));
    /** What DeepL billed in this run, and of it, what the drafts stored in the memory cost: said when the run stops. */
    const bill: RunBill = { billed: 0, kept: 0, unknown: { characters: 0, requests: 0 } };
    const imported = await importMemories(memory, options.tmx, options.source);
    // Marked before anything is drafted into it, once nothing can refuse the run: a deliver started meanwhile refuses it.
    if (!options.dryRun) await markDraftsFolder(runDir);
    // Wherever --out put it, deliver finds it and its translators' edits; a memory gone with the run has no delivery.
    if (!options.dryRun && options.memory !== ':memory:') {
      const unrecorded = await recordRunFolder(options.runFolders, { title: options.title, folder: runDir, memory: options.memory });
      if (unrecorded !== undefined) runDiagnostics.push(unrecorded);
    }
    const pairs = await memory.pairs();
    for (const target of options.targets) runDiagnostics.push(...pairsApart(pairs, { source: options.source, target }));
    // Nothing is written in a dry run, so nothing a translator edited can be overwritten.
    const record = options.dryRun ? undefined : await readWrittenRecord(runDir, options.targets);
    if (record !== undefined) await refuseEditedTracks({ runDir, title: options.title, targets: options.targets, formats: options.formats, written: record.files, judge: { source, units, sourceLang: options.source, memory, now: generatedAt }, importWith: options });
    const edits: ReadonlyMap<string, ReviewEdit> =
      record === undefined
        ? new Map()
        : await importReviewEdits({ runDir, title: options.title, sourceLang: options.source, targets: options.targets, units, memory, written: record.files, now: generatedAt, importWith: options });
    // The translator's files as this run takes them: one saved while it drafts is not written over at its end.
    const seen = options.dryRun ? undefined : await editableHashes(runDir, options.title, options.targets, options.formats);
    const provider = providers[options.provider];
    // A dry run asks no provider: it only counts what the memory lacks. The provider is prepared once the run's own
    // inputs have been read, so a run that fails on them asks DeepL nothing. Its preparation (DeepL's glossary sync)
    // starts with the first language that asks it, while the others search the memory; each language waits for it
    // before its first request and before it is written, so a failed preparation fails the run. A run whose memory
    // holds every draft asks nothing, so it runs with DeepL out of reach.
    const prepared = options.dryRun
      ? undefined
      : await provider.prepare({
          memory,
          ...(glossary === undefined ? {} : { glossary }),
          title: options.title,
          source: options.source,
          targets: options.targets,
          concurrency: options.concurrency,
          draftedBefore: record?.provider === options.provider,
          surelyAsked: options.targets.some((target) => !holdsPair(pairs, { source: options.source, target })),
          ...(run.env === undefined ? {} : { env: run.env }),
          ...(run.deeplGate === undefined ? {} : { gate: run.deeplGate }),
          stop: halt,
          onBilled: (characters) => void (bill.billed += characters),
          onMayHaveBilled: (characters) => {
            bill.unknown.characters += characters;
            bill.unknown.requests++;
          },
        });
    const translator = prepared?.translator;
    /**
     * The provider's preparation, once a language is drafted. A glossary sync that could not reach DeepL fails no
     * language drafted without it: one whose memory held every draft, or held first drafts it kept when their second
     * request could not be sent (a language that needed DeepL failed with the sync).
     */
    const preparedFor = async (): Promise<readonly Diagnostic[]> =>
      (await prepared?.ready().catch((error: unknown) => {
        if (error instanceof SublocError && error.code === 'DEEPL_UNREACHABLE' && !halt.aborted) return [];
        throw error;
      })) ?? [];
    const service: Diagnostic[] = [];
    const inFlight = translator === undefined || memory.inFlight === undefined ? undefined : sentUnits(memory.inFlight, { purpose: lock.purpose, owner: run.owner, session: held?.session });

    /** Assembles, checks, packages and writes one language as soon as its drafts are in, while others still wait on DeepL. */
    const finish = async (target: string, drafted: DraftLanguageResult, fitter: LanguageFitter): Promise<LanguageReport> => {
      const assembled = assembleLanguage({ source, units, drafts: drafted.drafts, target, profile: options.profile, glossary, frameRate: options.frameRate }, fitter);
      // Each stage holds the event loop for a while; between them, the answers that came in meanwhile send the next requests.
      await nextTurn();
      const check = checkLanguage({ source, units, drafts: drafted.drafts, draftDiagnostics: drafted.diagnostics, assembled, profile: options.profile, glossary, frameRate: options.frameRate });
      const pkg = buildReviewPackage({
        title: options.title,
        source,
        target: assembled.track,
        units,
        drafts: drafted.drafts,
        suggestions: drafted.suggestions,
        findings: check.findings,
        ...(glossary === undefined ? {} : { glossary }),
        profile: options.profile,
        generatedAt,
      });
      await nextTurn();
      const edit = edits.get(target);
      let written: WrittenLanguage;
      try {
        if (edit) refuseLostEdits(edit, pkg);
        written = options.dryRun
          ? { files: [], sha256: {}, diagnostics: [] }
          : await writeLanguage({ runDir, title: options.title, track: assembled.track, formats: options.formats, pkg, profile: options.profile.id, findings: check.findings, ...(seen === undefined ? {} : { seen }) });
      } catch (error) {
        // Refused before its first file (writeLanguage checks the files saved meanwhile, and makes every track, before it writes one).
        if (error instanceof SublocError && (error.code === 'REVIEW_NOT_IMPORTED' || wroteNothing(error))) refusals.set(target, { error, billedCharacters: drafted.billableCharacters });
        throw error;
      }
      const done = languageReport({ source, assembled, drafted, check, pkg, written, reviewImport: edit?.report });
      onEvent({ type: 'language-done', language: target, report: done });
      return done;
    };

    // Languages are drafted side by side (DeepL requests share the run's one limiter); each is written when ready.
    const drafting: Promise<PromiseSettledResult<LanguageReport>>[] = [];
    const searches = pLimit(1);
    for (const target of options.targets) {
      // A language's memory search holds the event loop: a turn of it before each lets the provider's preparation
      // and the requests already made go on meanwhile, instead of every search running before any request.
      await nextTurn();
      onEvent({ type: 'language-start', language: target, units: units.length });
      const fitter = languageFitter({ units, target, profile: options.profile, glossary });
      let assembling = false;
      const drafted = draftLanguage({
        units,
        pair: { source: options.source, target },
        memory,
        versions: draftVersions(glossary?.glossary, target, glossary?.matcher),
        translator,
        // Only a provider that condenses (DeepL) aims for a budget, where the target takes custom instructions; elsewhere the drafts over it are flagged.
        budgets: provider.condenses && options.condense ? unitBudgets(source, units, options.profile, target) : undefined,
        onProgress: (done) => onEvent({ type: 'language-progress', language: target, done }),
        searchInTurn: (search) => searches(search),
        claims: run.claims,
        inFlight,
        onWaitSent: (others) => onEvent({ type: 'sent-wait', memory: memory.location, language: target, others }),
        stop: halt,
        onStoreFailed: (error) => unstored.abort(error),
        onStored: (characters) => void (bill.kept += characters),
        // Each batch's cues are fitted in a turn of their own while the language waits on the provider, so
        // assembling it at the end, with the run's last answers or alone after them, fits only what came last.
        onDrafted: (batch) => {
          setImmediate(() => {
            if (!assembling) fitter.ahead(batch);
          });
        },
      }).then(async (result) => {
        await preparedFor();
        assembling = true;
        return finish(target, result, fitter);
      });
      drafting.push(settle(drafted));
    }
    const settled = await Promise.all(drafting);
    const refusedErrors = new Set<unknown>([...refusals.values()].map((r) => r.error));
    // A language refused leaves the others written, and the run reports them; any other failure stops the run unreported.
    const failure = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected' && (halt.aborted || !refusedErrors.has(r.reason)));
    // A quota stop says itself that the drafts received are kept and a new run asks only for the rest; what they cost
    // is said with it, since a run that stops writes no report.
    // A run stopped (by the user, by its lock lost, by drafts it could not store) ends so, whatever failed on its way out.
    const stopped = (error: unknown) =>
      !halt.aborted ? error : halt.reason instanceof SublocError || halt.reason === unstored.signal.reason ? halt.reason : interruptedError(error);
    if (failure) throw withBilled(stopped(failure.reason), bill);
    service.push(...(await preparedFor().catch((error: unknown) => Promise.reject(stopped(error)))));
    for (const r of settled) if (r.status === 'fulfilled') languages.push(r.value);

    const report: RunReport = {
      title: options.title,
      input: options.input,
      source: options.source,
      provider: options.provider,
      dryRun: options.dryRun,
      cues: source.cues.length,
      units: units.length,
      imported,
      service,
      languages,
      totals: totals(languages),
      diagnostics: runDiagnostics,
    };
    if (read.timingChanges !== undefined) report.timingChanges = read.timingChanges;
    const refused = options.targets.flatMap((language): RefusedLanguage[] => {
      const r = refusals.get(language);
      if (r === undefined) return [];
      const earlier = [...(record?.files ?? [])].filter(([file]) => file.startsWith(`${language}${sep}`));
      return [{ language, code: r.error.code, reason: r.error.message, billedCharacters: r.billedCharacters, earlierSha256: Object.fromEntries(earlier) }];
    });
    if (refused.length === 0) return report;
    report.refused = refused;
    const error = withBilled(refusals.get(refused[0]!.language)!.error, bill);
    refusedRuns.set(error as object, report);
    throw error;
  });
}
