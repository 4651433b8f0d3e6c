import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { formatById } from '../formats/index.js';
import type { FormatInfo } from '../formats/types.js';
import { parse } from '../formats/parse.js';
import { createMatcher, loadGlossary } from '../glossary/index.js';
import { openMemoryStore } from '../memory/open.js';
import { diagnostic, formatDiagnostic, type Diagnostic } from '../model/diagnostic.js';
import { lineText } from '../model/spans.js';
import { showsNothing } from '../model/white-space.js';
import type { Lang, Track } from '../model/track.js';
import { canonicalLanguageTag } from '../model/language.js';
import { formatTimecode, frameRateLabel } from '../model/frame-rate.js';
import { runQc } from '../qc/index.js';
import { segment } from '../translate/segment.js';
import { toTagged } from '../model/tagged-text.js';
import { earlierLanguages, foreignFiles, linksIn, readManifest, withEarlier } from '../deliver/earlier.js';
import { FontError, missingGlyphs, readFont } from '../deliver/font.js';
import { deliveryRun, fontManifestFile, manifestFile, toolInfo, type Manifest, type ManifestFile, type ManifestLanguage } from '../deliver/manifest.js';
import { messages, type EditsFound } from '../deliver/messages.js';
import { refusal } from '../deliver/refusal.js';
import { fromReelStart, retimeTrack } from '../deliver/retime.js';
import { dayFrames } from '../deliver/timecode.js';
import { recoverDelivery, writeDeliverySet, type DeliverySet, type WriteSetOptions } from '../deliver/write-set.js';
import type { DeliverOptions, DeliveryFont } from './deliver-options.js';
import { withDeliveryLock } from './deliver-lock.js';
import { checkRunFolder } from './out-folder.js';
import { languageTrack, type LanguageTrack } from './language-track.js';
import { buildReviewPackage } from '../review/package.js';
import type { ReviewPackage } from '../review/types.js';
import { pairsApart } from './pairs-apart.js';
import { fixTiming, type TimingChange } from '../timing/fix-timing.js';
import { closingMemory } from './closing-memory.js';
import { readWrittenRecord } from './written-record.js';
import { recordedRunFolders } from './run-folders.js';
import { unimportedEdits } from './unimported-edits.js';
import { reviewImportCommand } from './import-command.js';
import { SublocError } from '../errors.js';

/** The name the Interop file loads its font by, and the font's name in every language folder. */
const FONT_FILE = 'font.ttf';

/** A font put in the language's folder by hand (or by an earlier delivery): its glyphs are checked too; one that is no font is said. */
async function fontInFolder(path: string): Promise<DeliveryFont | { unusable: string } | undefined> {
  let data: Uint8Array;
  try {
    data = await readFile(path);
  } catch {
    return undefined;
  }
  try {
    return { name: path, data, file: readFont(data) };
  } catch (error) {
    if (error instanceof FontError) return { unusable: error.message };
    throw error;
  }
}

/**
 * What the DCP formats' font says of a track: none given (a warning: a
 * package without it shows nothing or a fallback), one that is no font,
 * one too large for a format, and each cue with a character it has no glyph
 * for (an error: a box on a cinema screen).
 */
function fontFindings(track: Track, font: DeliveryFont | { unusable: string } | undefined, formats: readonly FormatInfo[], where: string): Diagnostic[] {
  if (font === undefined) return [diagnostic('deliver/font-needed', 'warning', messages.fontNeeded(formats.map((f) => f.id)))];
  if ('unusable' in font) return [diagnostic('deliver/font-unusable', 'warning', messages.fontUnusable(where, font.unusable))];
  const found: Diagnostic[] = [];
  for (const format of formats) {
    const largest = format.font?.largest;
    if (largest !== undefined && font.file.size > largest) found.push(diagnostic('deliver/font-too-large', 'warning', messages.fontTooLarge(font.name, font.file.size, format.id, largest)));
  }
  for (const cue of track.cues) {
    const missing = missingGlyphs(font.file, cue.lines.map(lineText));
    if (missing.length > 0) found.push(diagnostic('deliver/font-glyphs', 'error', messages.fontGlyphs(font.name, missing), { cueId: cue.id }));
  }
  return found;
}

export interface LanguageDelivery extends ManifestLanguage {
  /** QC and timing findings, writer reports: everything said about this language. */
  findings: Diagnostic[];
  /** Formats whose writer reported an error: the language is not delivered. */
  skipped: { format: string; reason: string }[];
  /** With `--fix-timing`: every time the fix moved, cue by cue (the manifest keeps their count). */
  timing?: TimingChange[];
}

/** A language's track as deliver gates it: which cues hold text, and the review figures of the manifest. */
interface BuiltTrack {
  track: Track;
  withText: ReadonlySet<string>;
  status: { approved: number; reviewed: number; drafts: number };
  draftCues: readonly string[];
  untranslated: number;
  diagnostics: Diagnostic[];
}

function fromMemory(built: LanguageTrack): BuiltTrack {
  return { track: built.track, withText: new Set(built.origins.keys()), status: built.status, draftCues: built.draftCues, untranslated: built.untranslated.length, diagnostics: built.diagnostics };
}

/**
 * The source language delivered as it was written (a Chinese film's Chinese
 * subtitles): no memory, no translation, no review figures; what its reader
 * said of it is said again. A line that shows nothing is left out, as the
 * line fitter leaves it out of a translation.
 */
function asWritten(source: Track, language: Lang, read: readonly Diagnostic[]): BuiltTrack {
  const diagnostics = [...read];
  const cues = source.cues.map((cue) => {
    const shown = cue.lines.filter((line) => !showsNothing(lineText(line)));
    if (shown.length === cue.lines.length || shown.length === 0) return cue;
    diagnostics.push(diagnostic('deliver/blank-lines', 'info', messages.blankLines(cue.lines.length - shown.length), { cueId: cue.id }));
    return { ...cue, lines: shown };
  });
  const withText = new Set(cues.filter((c) => !showsNothing(c.lines.map(lineText).join(''))).map((c) => c.id));
  return { track: { ...source, language, cues }, withText, status: { approved: 0, reviewed: 0, drafts: 0 }, draftCues: [], untranslated: 0, diagnostics };
}

export interface DeliveryReport {
  /** Absolute path of `<out>/<title>`. */
  folder: string;
  manifest: Manifest;
  languages: LanguageDelivery[];
  /** True when a language was refused or a file could not be written: exit 1. */
  incomplete: boolean;
  /** False when nothing was delivered: the folder was left as it was, manifest included. */
  written: boolean;
  /** What was found in the folder outside this run's languages (a link left alone). */
  folderFindings: Diagnostic[];
}

/**
 * Festival deliverables for one title: every language's track from the
 * memory, on the delivery's frame grid, gated (no edit of `localize`'s
 * folder the memory lacks, no draft unless allowed, QC), written in every format
 * of the profile. Each delivered language replaces its folder as a whole;
 * the other languages of the folder stay, and the manifest lists them all.
 */
export async function deliver(options: DeliverOptions, run: WriteSetOptions & { now?: Date; onWait?: (holder: string) => void } = {}): Promise<DeliveryReport> {
  const { now = new Date(), onWait, ...write } = run;
  checkRunFolder(join(options.out, options.title), 'deliver');
  const source = options.sourceTrack;
  const units = segment(source);
  const glossary = options.glossary === undefined ? undefined : await loadGlossary(options.glossary, { source: options.source }).then((g) => ({ glossary: g, matcher: createMatcher(g) }));
  const { timing } = options;
  const created = now.toISOString();
  const sets: DeliverySet['languages'] = [];
  const newFiles = new Map<string, ManifestFile[]>();
  const languages: LanguageDelivery[] = [];

  // The formats drawn with a font the package carries (DCP): one font for them all, delivered as font.ttf.
  const fontFormats = options.formats.map((id) => formatById(id)!).filter((f) => f.font !== undefined);
  const memory = await openMemoryStore(options.memory, { existing: true });
  await closingMemory(memory, async () => {
    const pairs = await memory.pairs();
    // The config's `out`, then every other folder `localize` recorded writing this title into from this memory (`--out`).
    const recorded = await recordedRunFolders(options.runFolders, { title: options.title, memory: options.memory, except: options.runFolder });
    const runFolders = await Promise.all([options.runFolder, ...recorded].map(async (dir) => ({ dir, written: await readWrittenRecord(dir, options.languages) })));
    /** Why a language is not delivered for a translator's edits in a folder `localize` wrote, or for a review file there `localize` would refuse. */
    const notImported = async (target: Lang, fromStore: LanguageTrack): Promise<string | undefined> => {
      let pkg: ReviewPackage | undefined;
      // As `localize` would write the language from the memory alone: what a run that imported nothing would carry.
      const held = () =>
        (pkg ??= buildReviewPackage({ title: options.title, source, target: fromStore.track, units, drafts: fromStore.drafts, suggestions: fromStore.suggestions, findings: [], profile: options.qcProfile, generatedAt: created }));
      const found: EditsFound[] = [];
      for (const { dir, written } of runFolders) {
        const run = { input: options.input, source: options.source, title: options.title, out: dirname(dir), memory: options.memory, ...(options.config === undefined ? {} : { config: options.config }), ...(options.encoding === undefined ? {} : { encoding: options.encoding }), ...(options.sourceFps === undefined ? {} : { fpsOption: options.sourceFps }) };
        try {
          // A refusal names the import with the recorded folder's --out: the config's own is found without it.
          const importWith = dir === options.runFolder ? {} : { importWith: run };
          const edits = await unimportedEdits({ runDir: dir, title: options.title, target, source, sourceLang: options.source, units, memory, held, written: written.files, now: created, ...importWith });
          found.push(...edits.map((e) => ({ ...e, command: reviewImportCommand(e.path, run) })));
        } catch (error) {
          if (error instanceof SublocError && error.code === 'REVIEW_NOT_IMPORTED') return `${target}: not delivered: ${error.message}`;
          throw error;
        }
      }
      return found.length === 0 ? undefined : messages.unimportedEdits(target, found);
    };
    for (const language of options.languages) {
      const original = canonicalLanguageTag(language) === canonicalLanguageTag(options.source);
      const fromStore = original ? undefined : await languageTrack({ source, units, target: language, memory, profile: options.qcProfile, glossary, frameRate: timing.delivery });
      const built = fromStore === undefined ? asWritten(source, language, options.sourceDiagnostics) : fromMemory(fromStore);
      const retimed = retimeTrack(built.track, timing);
      // Per language: its reading speed may need more time than the source's template gave.
      const timed = options.fixTiming ? fixTiming(retimed.track, { language, profile: options.qcProfile, frameRate: timing.delivery, lastFrame: dayFrames(timing.delivery) - 1 }) : undefined;
      const track = timed?.track ?? retimed.track;
      const timingFindings = timed === undefined ? retimed.diagnostics : [...retimed.diagnostics, ...timed.findings];
      const targetTagged = new Map(track.cues.filter((c) => built.withText.has(c.id)).map((c) => [c.id, toTagged(c.lines, language)]));
      // The source checked against itself finds nothing: its numbers and terms are the ones compared with.
      const against = original ? {} : { source, ...(glossary === undefined ? {} : { glossary }) };
      const qc = runQc(track, { language, profile: options.qcProfile, targetTagged, frameRate: timing.delivery, ...against });
      const inFolder = join(options.out, options.title, language, FONT_FILE);
      const fonts = fontFormats.length === 0 ? [] : fontFindings(track, options.font ?? (await fontInFolder(inFolder)), fontFormats, inFolder);
      const findings = [...(original ? [] : pairsApart(pairs, { source: options.source, target: language })), ...built.diagnostics, ...timingFindings, ...qc, ...fonts];
      const errors = findings.filter((d) => d.severity === 'error');
      const entry: LanguageDelivery = {
        language,
        delivered: false,
        cues: track.cues.length,
        ...(original ? { original: true as const } : {}),
        ...built.status,
        untranslated: built.untranslated,
        qc: { errors: errors.length, warnings: findings.filter((d) => d.severity === 'warning').length },
        findings,
        skipped: [],
      };
      if (timed !== undefined) {
        entry.timingChanges = timed.changes.length;
        entry.timing = timed.changes;
      }
      languages.push(entry);
      // Nothing to gate: the language was never localized, whatever --allow-qc-errors says.
      if (built.withText.size === 0) {
        entry.refusal = messages.noTranslations(language, { memory: memory.location, source: options.source });
        continue;
      }
      // Edits the memory lacks would reach the festival only as the text they replaced.
      const edited = fromStore === undefined ? undefined : await notImported(language, fromStore);
      if (edited !== undefined) {
        entry.refusal = edited;
        continue;
      }
      if (built.draftCues.length > 0 && !options.allowDrafts) {
        entry.refusal = messages.drafts(language, built.draftCues);
        continue;
      }
      // A font that cannot draw the text is no QC judgement to waive: the DCP would show boxes or nothing.
      const undrawable = fonts.filter((d) => d.severity === 'error');
      if (errors.length > 0 && (!options.allowQcErrors || undrawable.length > 0)) {
        entry.refusal = refusal(language, options.allowQcErrors ? undrawable : errors);
        continue;
      }
      const links = await linksIn(join(options.out, options.title), language);
      if (links.length > 0) {
        entry.refusal = messages.linkInReplacedFolder(language, links);
        continue;
      }
      const files: DeliverySet['languages'][number]['files'] = [];
      const described: ManifestFile[] = [];
      let reel: Track | undefined;
      const said = new Set<string>();
      for (const id of options.formats) {
        const adapter = formatById(id)!;
        const own = adapter.reelRelative === true ? (reel ??= fromReelStart(track, timing)) : track;
        const written = adapter.serialize(own, { frameRate: timing.delivery, issueDate: created });
        for (const d of written.diagnostics) {
          // Both DCPs say the same of a cue (overprinted, dark on the border); the message names no format, so once is enough.
          const key = JSON.stringify([d.code, d.severity, d.cueId, d.line, d.message]);
          if (said.has(key)) continue;
          said.add(key);
          findings.push(d);
        }
        const failed = written.diagnostics.find((d) => d.severity === 'error');
        if (failed) {
          entry.skipped.push({ format: id, reason: messages.writerFailed(language, id, failed.message) });
          continue;
        }
        const name = `${options.title}.${language}.${adapter.suffix}`;
        const data = new TextEncoder().encode(written.text);
        // Described as read back from its bytes: the manifest says what the file holds (a cue a format cannot carry
        // left out, Interop's 4 ms ticks), and a file subloc cannot read back is not delivered.
        const back = parse(data, { fileName: name, format: adapter.id, frameRate: timing.delivery, language });
        const unreadable = back.diagnostics.find((d) => d.severity === 'error');
        if (unreadable) {
          entry.skipped.push({ format: id, reason: messages.writerFailed(language, id, messages.unreadable(formatDiagnostic(unreadable))) });
          continue;
        }
        files.push({ path: name, data });
        described.push(manifestFile({ path: `${language}/${name}`, language, format: id, track: back.track, rate: timing.delivery, data }));
      }
      if (options.font !== undefined && fontFormats.length > 0) {
        files.push({ path: FONT_FILE, data: options.font.data });
        described.push(fontManifestFile(`${language}/${FONT_FILE}`, language, options.font.data));
      }
      // A language is delivered whole or not at all: a partial set would replace earlier files it lacks.
      if (entry.skipped.length > 0) {
        entry.refusal = messages.unwritable(language, entry.skipped.map((s) => s.format));
        continue;
      }
      entry.delivered = true;
      sets.push({ language, files });
      newFiles.set(language, described);
    }
  });

  const folder = join(options.out, options.title);
  const manifest: Manifest = {
    tool: toolInfo(),
    created,
    title: options.title,
    profile: options.profile,
    qcProfile: options.qcProfile.id,
    source: { language: options.source, frameRate: frameRateLabel(timing.source) },
    frameRate: frameRateLabel(timing.delivery),
    retimed: timing.retime,
    start: formatTimecode(timing.startFrames, timing.delivery),
    ...(options.sourceStart === undefined ? {} : { sourceStart: options.sourceStart }),
    qcErrorsAllowed: options.allowQcErrors,
    draftsAllowed: options.allowDrafts,
    timingFixed: options.fixTiming,
    languages: [],
    files: [...newFiles.values()].flat(),
  };
  const thisRun = deliveryRun(manifest);
  manifest.languages = languages.map(({ findings: _f, skipped: _s, timing: _t, ...l }) => (l.delivered ? { ...l, delivery: thisRun } : l));
  const incomplete = languages.some((l) => !l.delivered);
  const folderFindings: Diagnostic[] = [];

  // Nothing to write and no folder: nothing to recover either, and no folder is made for the lock.
  if (sets.length === 0 && !existsSync(folder)) return { folder, manifest, languages, incomplete, written: false, folderFindings };
  // From the previous manifest to the new one in place: what another run wrote meanwhile would be left out.
  await withDeliveryLock(folder, async () => {
    // A killed run's leftovers are finished or dropped first, even by a run that writes nothing.
    await recoverDelivery(folder, write);
    if (sets.length === 0) {
      // Nothing written: the report still says which earlier deliveries stay in the folder (the manifest is not rewritten).
      const previous = await readManifest(folder);
      if (previous === undefined) return;
      const earlier = await earlierLanguages(folder, previous, new Set());
      folderFindings.push(...earlier.findings);
      Object.assign(manifest, withEarlier(manifest, previous, earlier));
      return;
    }
    // Again under the lock: a localize may have taken the folder since this run began.
    checkRunFolder(folder, 'deliver');
    const previous = await readManifest(folder);
    for (const set of sets) {
      const foreign = await foreignFiles(folder, set.language, options.title, previous);
      // A file this run writes (the font) replaces the one of that name the folder held.
      const own = new Set(set.files.map((f) => f.path));
      set.files.push(...foreign.files.filter((f) => !own.has(f.path)));
      manifest.files.push(...foreign.described.filter((f) => !own.has(f.path.slice(set.language.length + 1))));
    }
    const earlier = await earlierLanguages(folder, previous, new Set(newFiles.keys()));
    folderFindings.push(...earlier.findings);
    Object.assign(manifest, withEarlier(manifest, previous, earlier));
    await writeDeliverySet(folder, { languages: sets, manifest: new TextEncoder().encode(`${JSON.stringify(manifest, null, 2)}\n`) }, write);
  }, onWait);
  return { folder, manifest, languages, incomplete, written: sets.length > 0, folderFindings };
}
