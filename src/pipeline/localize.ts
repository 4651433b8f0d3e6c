import { join, relative } from 'node:path';
import { formats } from '../formats/index.js';
import { decode } from '../formats/decode.js';
import { createMatcher, deeplEntries, glossaryContentHash, loadGlossary } from '../glossary/index.js';
import { openMemory } from '../memory/sqlite.js';
import type { MemoryStore, RunHolder } from '../memory/store.js';
import { importTmx } from '../memory/tmx.js';
import type { Diagnostic } from '../model/diagnostic.js';
import { createDeepLConnection, syncGlossary, type GlossarySyncResult } from '../translate/deepl/index.js';
import { providers, type ProviderContext } from '../translate/providers.js';
import { segment } from '../translate/segment.js';
import { UNPLACED_CODE } from '../translate/translator.js';
import type { DraftOrigin } from '../translate/unit.js';
import { checkGlossary } from './check-glossary.js';
import { runQc } from '../qc/index.js';
import { writeReviewSheet } from '../review/html.js';
import { buildReviewPackage } from '../review/package.js';
import { writeXliff } from '../review/xliff-write.js';
import { toTagged } from '../translate/tagged-text.js';
import { assembleLanguage } from './assemble-language.js';
import { draftLanguage } from './draft-language.js';
import type { LocalizeOptions } from './options.js';
import { readInput } from './read-input.js';
import { readSourceTrack } from './read-source.js';
import { importReviewEdits, refuseLostEdits, reviewXliffFile, type ReviewEdit } from './review-edits.js';
import { totals, type LanguageReport, type RunReport } from './report.js';
import { writeFileAtomic } from './write-atomic.js';
import { readWrittenRecord, sha256 } from './written-record.js';

export type LocalizeEvent =
  /** Another run drafts into the same memory: this one waits for it, then translates only what it leaves. */
  | { type: 'memory-wait'; memory: string; holder: RunHolder | undefined }
  | { type: 'language-start'; language: string; units: number }
  | { type: 'language-progress'; language: string; done: number }
  | { type: 'language-done'; language: string; report: LanguageReport };


/** Reviewed memories named in the config: imported on every run, never downgrading approved work. */
async function importMemories(memory: MemoryStore, files: readonly string[]): Promise<RunReport['imported']> {
  const imported: RunReport['imported'] = [];
  for (const file of files) {
    const decoded = decode(await readInput(file));
    const result = importTmx(decoded.text, file);
    const put = memory.put(result.entries);
    imported.push({ file, written: put.written, kept: put.kept, skipped: result.skipped, diagnostics: [...decoded.diagnostics, ...result.diagnostics] });
  }
  return imported;
}

/** The promise's outcome, never a rejection: a language that fails while later ones still start is not an unhandled rejection. */
function settle<T>(promise: Promise<T>): Promise<PromiseSettledResult<T>> {
  return promise.then(
    (value) => ({ status: 'fulfilled', value }),
    (reason: unknown) => ({ status: 'rejected', reason }),
  );
}

function count(origins: Record<string, DraftOrigin>, ...which: DraftOrigin[]): number {
  return Object.values(origins).filter((o) => which.includes(o)).length;
}

/**
 * The main job: read the source once, cut it into sentence units, draft every
 * target language (memory first, then the provider), check the glossary,
 * write the tracks and `run.json`.
 */
export async function localize(options: LocalizeOptions, onEvent: (event: LocalizeEvent) => void = () => {}): Promise<RunReport> {
  const { track: source, diagnostics: runDiagnostics } = await readSourceTrack(options);
  const units = segment(source);
  const cueIndex = new Map(source.cues.map((c, i) => [c.id, i]));
  const generatedAt = new Date().toISOString();
  const glossary = options.glossary === undefined ? undefined : await loadGlossary(options.glossary).then((g) => ({ glossary: g, matcher: createMatcher(g) }));
  const memory = openMemory(options.memory);
  const runDir = join(options.out, options.title);
  const languages: LanguageReport[] = [];
  let report: RunReport | undefined;

  try {
    // Held until the memory closes: two runs on one memory never bill the same unit. A dry run bills nothing.
    if (!options.dryRun) await memory.lockRuns({ purpose: `subloc localize ${options.title}`, onWait: (holder) => onEvent({ type: 'memory-wait', memory: options.memory, holder }) });
    const imported = await importMemories(memory, options.tmx);
    // Nothing is written in a dry run, so nothing a translator edited can be overwritten.
    const edits: ReadonlyMap<string, ReviewEdit> = options.dryRun
      ? new Map()
      : await importReviewEdits({ runDir, title: options.title, sourceLang: options.source, targets: options.targets, units, memory, written: await readWrittenRecord(runDir), now: generatedAt });
    const service: Diagnostic[] = [];
    const ctx: ProviderContext = { memory };
    if (glossary) ctx.glossary = glossary;

    // The glossary sync is not awaited here: its round trips run while every language searches the memory.
    // Each language waits for it before its first request and before it is written, so a failed sync fails the run as before.
    let synced: Promise<GlossarySyncResult> | undefined;
    if (options.provider === 'deepl' && !options.dryRun) {
      const connection = createDeepLConnection({ env: options.env });
      if (glossary) {
        synced = syncGlossary(connection, {
          title: options.title,
          sourceLang: options.source,
          targetLangs: options.targets,
          entriesFor: (target) => deeplEntries(glossary.glossary, target),
          contentHash: glossary.glossary.version,
        });
      }
      ctx.deepl = { connection, glossaries: synced?.then((s) => s.glossaries) ?? Promise.resolve({}), concurrency: options.concurrency };
      // Marked handled: the rejection is reported where the languages await it, not as an unhandled rejection in between.
      ctx.deepl.glossaries.catch(() => {});
    }
    // A dry run asks no provider: it only counts what the memory lacks.
    const translator = options.dryRun ? undefined : providers[options.provider](ctx);

    /** Assembles, checks and writes one language as soon as its drafts are in, while others still wait on DeepL. */
    const finish = async (target: string, drafted: Awaited<ReturnType<typeof draftLanguage>>): Promise<LanguageReport> => {
      const pair = { source: options.source, target };
      const { track, origins: draftsByCue, untranslated } = assembleLanguage({ source, units, drafts: drafted.drafts, target, profile: options.profile, glossary, frameRate: options.frameRate });
      const origins: Record<string, DraftOrigin> = {};
      for (const cue of source.cues) origins[cue.id] = draftsByCue.get(cue.id)?.origin ?? 'untranslated';
      const diagnostics = [...drafted.diagnostics];
      const violations = glossary ? checkGlossary(units, drafted.drafts, pair, glossary) : [];
      for (const d of violations) diagnostics.push(d);
      // The reviewer must see on the cue itself why it has no draft: in the XLIFF notes, the HTML sheet and qc.json.
      const unplaced = drafted.diagnostics.filter((d) => d.code === UNPLACED_CODE);
      const targetTagged = new Map(track.cues.filter((c) => draftsByCue.has(c.id)).map((c) => [c.id, toTagged(c.lines, target)]));
      const qc = runQc(track, { language: target, profile: options.profile, source, targetTagged, ...(options.frameRate === undefined ? {} : { frameRate: options.frameRate }) });
      const findings = [...qc, ...violations, ...unplaced].sort((a, b) => cueIndex.get(a.cueId ?? '')! - cueIndex.get(b.cueId ?? '')!);

      const pkg = buildReviewPackage({
        title: options.title,
        source,
        target: track,
        units,
        drafts: drafted.drafts,
        suggestions: drafted.suggestions,
        findings,
        ...(glossary === undefined ? {} : { glossary }),
        profile: options.profile.id,
        generatedAt,
      });
      const files: string[] = [];
      const hashes: Record<string, string> = {};
      const edit = edits.get(target);
      if (edit) refuseLostEdits(edit, pkg);
      if (!options.dryRun) {
        const write = async (path: string, text: string) => {
          await writeFileAtomic(path, text);
          files.push(relative(runDir, path));
          hashes[relative(runDir, path)] = sha256(text);
        };
        for (const id of options.formats) {
          const adapter = formats[id];
          const written = adapter.serialize(track);
          for (const d of written.diagnostics) diagnostics.push(d);
          const path = join(runDir, target, `${options.title}.${target}.${adapter.suffix}`);
          await write(path, written.text);
        }
        const base = join(runDir, target, `${options.title}.${target}`);
        const qcJson = { title: options.title, language: target, profile: options.profile.id, findings };
        for (const [path, text] of [
          [join(runDir, reviewXliffFile(options.title, target)), writeXliff(pkg)],
          [`${base}.review.html`, writeReviewSheet(pkg)],
          [join(runDir, target, 'qc.json'), `${JSON.stringify(qcJson, null, 2)}\n`],
        ] as const) {
          await write(path, text);
        }
      }
      const languageReport: LanguageReport = {
        language: target,
        cues: track.cues.length,
        drafted: track.cues.length - untranslated.length,
        fromMemory: count(origins, 'memory-exact'),
        fuzzy: count(origins, 'memory-fuzzy'),
        machine: count(origins, 'machine', 'pseudo'),
        untranslated: untranslated.length,
        unplaced: new Set(unplaced.map((d) => d.cueId)).size,
        billedCharacters: drafted.billableCharacters,
        glossaryViolations: violations.length,
        qc: { errors: findings.filter((f) => f.severity === 'error').length, warnings: findings.filter((f) => f.severity === 'warning').length },
        needsReview: pkg.cues.filter((c) => c.state === 'needs-review').length,
        origins,
        files,
        sha256: hashes,
        diagnostics,
      };
      if (edit) languageReport.reviewImport = edit.report;
      onEvent({ type: 'language-done', language: target, report: languageReport });
      return languageReport;
    };

    // Languages are drafted side by side (DeepL requests share the run's one limiter); each is written when ready.
    const drafting: Promise<PromiseSettledResult<LanguageReport>>[] = [];
    for (const target of options.targets) {
      // A language's memory search holds the event loop: a turn of it before each lets the glossary sync
      // and the requests already made go on meanwhile, instead of every search running before any request.
      await new Promise((resolve) => setImmediate(resolve));
      onEvent({ type: 'language-start', language: target, units: units.length });
      const drafted = draftLanguage({
        units,
        pair: { source: options.source, target },
        memory,
        glossaryVersion: glossary ? glossaryContentHash(glossary.glossary, target) : '',
        translator,
        onProgress: (done) => onEvent({ type: 'language-progress', language: target, done }),
      }).then(async (result) => {
        await ctx.deepl?.glossaries;
        return finish(target, result);
      });
      drafting.push(settle(drafted));
    }
    const settled = await Promise.all(drafting);
    const failure = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    // A quota stop says itself that the drafts received are kept and a new run asks only for the rest.
    if (failure) throw failure.reason;
    if (synced) service.push(...(await synced).diagnostics);
    for (const r of settled) if (r.status === 'fulfilled') languages.push(r.value);

    report = {
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
  } finally {
    memory.close();
  }
  if (!options.dryRun) await writeFileAtomic(join(runDir, 'run.json'), `${JSON.stringify(report, null, 2)}\n`);
  return report;
}
