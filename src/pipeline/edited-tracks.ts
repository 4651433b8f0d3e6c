import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SublocError } from '../errors.js';
import { formatIds } from '../formats/format-ids.js';
import { formatTable } from '../formats/table.js';
import type { FormatId } from '../formats/types.js';
import { decode } from '../formats/decode.js';
import type { MemoryStore } from '../memory/store.js';
import type { ImportPlan } from '../review/import.js';
import { hasErrors } from '../model/diagnostic.js';
import type { Lang, Track } from '../model/track.js';
import type { Unit } from '../model/unit.js';
import { readTrackVersions } from './track-versions-file.js';
import { planTrackEdits } from './track-edits.js';
import { LANGUAGE_RECORD, sha256 } from './written-record.js';
import { reviewImportCommand, type ImportCommandOptions } from './import-command.js';

/** A language's track as `localize` writes it, relative to the run folder. */
export function trackFile(title: string, target: Lang, id: FormatId): string {
  return join(target, `${title}.${target}.${formatTable[id].suffix}`);
}

/**
 * Whether `file` (relative to the run folder) is one of `target`'s tracks,
 * in any format `localize` writes: `review import` takes the edits of each
 * back through its format's reader.
 */
export function isLanguageTrack(file: string, title: string, target: Lang): boolean {
  return formatIds.some((id) => trackFile(title, target, id) === file);
}

/** What a track no record names is judged against: the run's source and memory. */
export interface TrackJudge {
  source: Track;
  units: readonly Unit[];
  sourceLang: Lang;
  memory: MemoryStore;
  now: string;
}

/** What `review import` would make of a track of the run folder's language folder; undefined when it is not text. */
async function plannedTrack(bytes: Uint8Array, path: string, languageDir: string, target: Lang, judge: TrackJudge): Promise<ImportPlan | undefined> {
  const decoded = decode(bytes);
  if (hasErrors(decoded.diagnostics)) return undefined;
  const { source, memory, ...common } = judge;
  const { plan } = await planTrackEdits(decoded.text, path, { ...common, language: target, source, memory, versions: await readTrackVersions(languageDir) });
  return plan;
}

/**
 * Whether a track holds only what subloc wrote, as `review import` would
 * find it (`plan`, undefined when the file is not text): every cue falls on
 * its source cue and is what the memory holds or what a recorded version
 * wrote, with nothing to warn of. Anything else is edits: taken by the
 * import, or left out by it (merged or split cues), or a file it refuses.
 */
export function holdsOnlyWritten(plan: ImportPlan | undefined): boolean {
  return plan !== undefined && !plan.refused && plan.entries.length === 0 && plan.skipped === 0 && plan.diagnostics.every((d) => d.severity === 'info');
}

/** A track's bytes; undefined when it cannot be read (gone, or a folder in its place: writing it fails and says so). */
async function trackBytes(path: string): Promise<Buffer | undefined> {
  try {
    return await readFile(path);
  } catch {
    return undefined;
  }
}

/** A track of the run folder that is not what the last run wrote and holds edits, and what `review import` would make of it (undefined: not text). */
export interface ChangedTrack {
  path: string;
  plan: ImportPlan | undefined;
}

/**
 * `target`'s tracks in the run folder, in every format `localize` writes
 * (the formats of the run that wrote them are not known here), that are not
 * what the last run wrote and hold edits (`holdsOnlyWritten`): a track only
 * retimed holds none, as every language is timed from the source.
 */
export async function changedTracks(input: { runDir: string; title: string; target: Lang; written: ReadonlyMap<string, string>; judge: TrackJudge }): Promise<ChangedTrack[]> {
  const changed: ChangedTrack[] = [];
  for (const id of formatIds) {
    const file = trackFile(input.title, input.target, id);
    const path = join(input.runDir, file);
    const bytes = await trackBytes(path);
    if (bytes === undefined || sha256(bytes) === input.written.get(file)) continue;
    const plan = await plannedTrack(bytes, path, join(input.runDir, input.target), input.target, input.judge);
    if (!holdsOnlyWritten(plan)) changed.push({ path, plan });
  }
  return changed;
}

/**
 * Before anything is written: a track this run would write over that is not
 * what the last run wrote there (a translator edited the SRT in place, not
 * the XLIFF) refuses the run, naming the command that takes its edits, so
 * the next files never replace them unseen. So does a track no record names
 * (its language's record deleted or never copied with the folder, a file
 * put there by hand), unless it holds only what subloc wrote. A file gone is
 * no edit.
 */
export async function refuseEditedTracks(input: {
  runDir: string;
  title: string;
  targets: readonly Lang[];
  formats: readonly FormatId[];
  written: ReadonlyMap<string, string>;
  judge: TrackJudge;
  /** The run's options, written into the `review import` command the refusal names. */
  importWith?: ImportCommandOptions;
}): Promise<void> {
  const found: { path: string; what: string; take: string }[] = [];
  for (const target of input.targets) {
    for (const id of input.formats) {
      const file = trackFile(input.title, target, id);
      const path = join(input.runDir, file);
      const bytes = await trackBytes(path);
      const recorded = input.written.get(file);
      if (bytes === undefined || sha256(bytes) === recorded) continue;
      if (recorded === undefined && holdsOnlyWritten(await plannedTrack(bytes, path, join(input.runDir, target), target, input.judge))) continue;
      found.push({
        path,
        what: recorded === undefined ? `${path} is not a file subloc has a record of writing (neither run.json nor ${join(target, LANGUAGE_RECORD)} names it), so it may hold edits` : `${path} changed since subloc wrote it`,
        take: `Run ${input.importWith === undefined ? `\`subloc review import ${path}\`, with the --config, --input, --memory and --out this run was given,` : reviewImportCommand(path, input.importWith)} to take its edits into the memory (its times are not taken: every language is timed from the source), then localize again; edits the import leaves out are made in the studio (\`subloc review serve\`) or the XLIFF, and the file moved away`,
      });
    }
  }
  const [first] = found;
  if (first === undefined) return;
  const message =
    found.length === 1
      ? `${first.what}, and this run would write over it; it was left as it is and nothing was written. ${first.take} (or move the file away to drop its changes)`
      : `${found.length} tracks this run would write over may hold edits; they were left as they are and nothing was written:\n${found.map((f) => `- ${f.what}. ${f.take}`).join('\n')}\n(or move a file away to drop its changes)`;
  throw new SublocError('REVIEW_NOT_IMPORTED', message, { file: first.path });
}
