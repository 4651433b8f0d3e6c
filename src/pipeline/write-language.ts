import { existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { formatTable } from '../formats/table.js';
import type { FormatId } from '../formats/types.js';
import type { Diagnostic } from '../model/diagnostic.js';
import type { Track } from '../model/track.js';
import { reviewSheetParts } from '../review/html.js';
import type { ReviewPackage } from '../review/types.js';
import { xliffParts } from '../review/xliff-write.js';
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
  for (const id of input.formats) {
    // Only the writers asked for load.
    const row = formatTable[id];
    const serialize = await row.writer();
    await write(join(runDir, target, `${title}.${target}.${row.suffix}`), () => {
      const written = serialize(track);
      for (const d of written.diagnostics) out.diagnostics.push(d);
      return written.text;
    });
  }
  // What a translator's copy of these files, the review XLIFF included, is matched against when it comes back edited.
  const sources = new Map(input.pkg.cues.map((c) => [c.id, c.source]));
  await recordTrackVersion(join(runDir, target), track, (id) => sources.get(id), at, before);
  const base = join(runDir, target, `${title}.${target}`);
  // Per cue: the characters its translation holds and the budget the profile gives it (null when untranslated).
  const budgets = input.pkg.cues.map((c) => ({ cueId: c.id, unitId: c.unitId, used: c.target === null ? null : c.metrics.chars, budget: c.metrics.budget }));
  const qcJson = { title, language: target, profile: input.profile, findings: input.findings, budgets };
  await write(join(runDir, reviewXliffFile(title, target)), () => xliffParts(input.pkg));
  await write(`${base}.review.html`, () => reviewSheetParts(input.pkg));
  await write(join(runDir, target, 'qc.json'), () => `${JSON.stringify(qcJson, null, 2)}\n`);
  return out;
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
