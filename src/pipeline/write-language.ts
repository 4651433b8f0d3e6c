import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { SublocError } from '../errors.js';
import { join, relative } from 'node:path';
import { formatTable } from '../formats/table.js';
import type { FormatId } from '../formats/types.js';
import { hasErrors, type Diagnostic } from '../model/diagnostic.js';
import type { Track } from '../model/track.js';
import { reviewSheetParts } from '../review/html.js';
import type { ReviewPackage } from '../review/types.js';
import { xliffParts } from '../review/xliff-write.js';
import { trackFile } from './edited-tracks.js';
import { reviewXliffFile } from './review-edits.js';
import { nextTurn } from './next-turn.js';
import { writeFileAtomic } from './write-atomic.js';
import { languageHashes, recordWrittenLanguage, sha256 } from './written-record.js';
import { recordTrackVersion } from './track-versions-file.js';

export interface WriteLanguageInput {
  /** `<out>/<title>`. */
  runDir: string;
  title: string;
  track: Track;
  formats: readonly FormatId[];
  pkg: ReviewPackage;
  /** The QC profile's id, recorded in `qc.json`. */
  profile: string;
  findings: readonly Diagnostic[];
  /**
   * The files a translator may edit (the tracks, the review XLIFF) as the run
   * found them when it began, by path relative to the run folder: a hash, or
   * undefined where there was none. A file that differs now was saved while
   * the run drafted (a CAT tool, an editor) and is not written over.
   */
  seen?: ReadonlyMap<string, string | undefined>;
}

/** The files of a language a translator may edit, relative to the run folder: each track, then the review XLIFF. */
export function editableFiles(title: string, target: string, formats: readonly FormatId[]): string[] {
  return [...formats.map((id) => trackFile(title, target, id)), reviewXliffFile(title, target)];
}

/** The HTML review sheet of one language, relative to the run folder. */
const reviewSheetFile = (title: string, target: string) => join(target, `${title}.${target}.review.html`);

/** Every file of a language named after the title, relative to the run folder. */
export function titledFiles(title: string, target: string, formats: readonly FormatId[]): string[] {
  return [...editableFiles(title, target, formats), reviewSheetFile(title, target)];
}

/** Each editable file's hash as it is now (undefined where there is none): what a run began with. */
export async function editableHashes(runDir: string, title: string, targets: readonly string[], formats: readonly FormatId[]): Promise<Map<string, string | undefined>> {
  const seen = new Map<string, string | undefined>();
  for (const target of targets) for (const file of editableFiles(title, target, formats)) seen.set(file, await hashOf(join(runDir, file)));
  return seen;
}

/** A file's hash, or undefined where there is none or it cannot be read: the write that follows says why. */
async function hashOf(path: string): Promise<string | undefined> {
  try {
    return sha256(await readFile(path));
  } catch {
    return undefined;
  }
}

export interface WrittenLanguage {
  /** Paths relative to the run folder, in the order written. */
  files: string[];
  sha256: Record<string, string>;
  /** What the writers had to drop or could not say. */
  diagnostics: Diagnostic[];
}

/** One language's files: a track per format, then the review XLIFF, the HTML sheet and `qc.json`, each written whole or not at all. */
export async function writeLanguage(input: WriteLanguageInput): Promise<WrittenLanguage> {
  const { runDir, title, track } = input;
  const target = track.language;
  const out: WrittenLanguage = { files: [], sha256: {}, diagnostics: [] };
  const at = new Date().toISOString();
  // Whether an earlier run wrote this language here: then a missing history of its versions is a lost one.
  const before = existsSync(join(runDir, target));
  // Each file is made just before it is written, a turn of the event loop apart, so DeepL's answers for the
  // languages still drafting are taken between files, not after all of them.
  // The language's record keeps the files this run does not write (a format left out this time), and is
  // brought up to date after each file: a run stopped between two files leaves a record true to the folder.
  const recorded = await languageHashes(runDir, target);
  if (input.seen !== undefined) {
    const changed: string[] = [];
    for (const file of editableFiles(title, target, input.formats)) {
      if (input.seen.has(file) && (await hashOf(join(runDir, file))) !== input.seen.get(file)) changed.push(join(runDir, file));
    }
    if (changed.length > 0) throw unwritten(new SublocError('REVIEW_NOT_IMPORTED', changedDuringRun(changed), { file: changed[0]! }));
  }
  const write = async (path: string, make: () => string | Iterable<string>) => {
    await nextTurn();
    const made = make();
    // Encoded once, for the file and its hash alike.
    const bytes = Buffer.from(typeof made === 'string' ? made : await joinInTurns(made));
    await writeFileAtomic(path, bytes);
    out.files.push(relative(runDir, path));
    out.sha256[relative(runDir, path)] = sha256(bytes);
    await recordWrittenLanguage(runDir, target, { ...recorded, ...out.sha256 });
  };
  // Every track is made before any file is written: one a writer refuses (a cue of three lines for a DCP) leaves the
  // language as an earlier run wrote it, not half of it written anew.
  const tracks: { path: string; text: string }[] = [];
  for (const id of input.formats) {
    await nextTurn();
    // Only the writers asked for load.
    const row = formatTable[id];
    const written = (await row.writer())(track);
    const path = join(runDir, trackFile(title, target, id));
    if (hasErrors(written.diagnostics)) {
      throw unwritten(
        new SublocError('WRITE_FAILED', `${path}: not written: the ${row.name} track would hold the errors above; nothing of ${target} was written, and its files are as an earlier run left them: fix the cues named, or leave ${id} out of the formats`, {
          file: path,
          diagnostics: written.diagnostics,
        }),
      );
    }
    for (const d of written.diagnostics) out.diagnostics.push(d);
    tracks.push({ path, text: written.text });
  }
  for (const { path, text } of tracks) await write(path, () => text);
  // What a translator's copy of these files, the review XLIFF included, is matched against when it comes back edited.
  const sources = new Map(input.pkg.cues.map((c) => [c.id, c.source]));
  await recordTrackVersion(join(runDir, target), track, (id) => sources.get(id), at, before);
  // Per cue: the characters its translation holds and the budget the profile gives it (null when untranslated).
  const budgets = input.pkg.cues.map((c) => ({ cueId: c.id, unitId: c.unitId, used: c.target === null ? null : c.metrics.chars, budget: c.metrics.budget }));
  const qcJson = { title, language: target, profile: input.profile, findings: input.findings, budgets };
  await write(join(runDir, reviewXliffFile(title, target)), () => xliffParts(input.pkg));
  await write(join(runDir, reviewSheetFile(title, target)), () => reviewSheetParts(input.pkg));
  await write(join(runDir, target, 'qc.json'), () => `${JSON.stringify(qcJson, null, 2)}\n`);
  return out;
}

/** The refusals `writeLanguage` made before it wrote any file of the language. */
const refusedWhole = new WeakSet<SublocError>();

function unwritten(error: SublocError): SublocError {
  refusedWhole.add(error);
  return error;
}

/** Whether `writeLanguage` refused the language with `error` before writing any file of it: the language is left as it was. */
export function wroteNothing(error: unknown): boolean {
  return error instanceof SublocError && refusedWhole.has(error);
}

function changedDuringRun(files: readonly string[]): string {
  return (
    `${files.join(', ')} ${files.length === 1 ? 'was' : 'were'} saved while this run drafted (a CAT tool or an editor), so this language was not written and ${files.length === 1 ? 'it was' : 'they were'} left as ${files.length === 1 ? 'it is' : 'they are'}: ` +
    'the drafts are in the memory; run localize again, which takes the edits in first (or `subloc review import` the file), and nothing is billed twice'
  );
}

/** Pieces made between them: the review files of a long film take tens of milliseconds each to make. */
const PIECES_A_TURN = 250;

/** The pieces joined, a turn of the event loop every few hundred of them, so DeepL's answers for other languages are taken meanwhile. */
async function joinInTurns(pieces: Iterable<string>): Promise<string> {
  const parts: string[] = [];
  for (const piece of pieces) {
    if (parts.push(piece) % PIECES_A_TURN === 0) await nextTurn();
  }
  return parts.join('');
}
