import { planWithMemory, storedEntries, storeImport, type PlannedImport } from './stored-entries.js';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileErrorReason, SublocError } from '../errors.js';
import { decode } from '../formats/decode.js';
import type { MemoryStore } from '../memory/store.js';
import { hasErrors, type Diagnostic } from '../model/diagnostic.js';
import type { Lang } from '../model/track.js';
import type { ImportPlan } from '../review/import.js';
import { importedEntries } from '../review/imported-entries.js';
import type { ReviewPackage } from '../review/types.js';
import { cueTextHash, type TrackVersions } from '../review/track-versions.js';
import { readXliff, type XliffCue, type XliffRead } from '../review/xliff-read.js';
import { locateUnits, renumberedCues } from '../review/locate-units.js';
import { plainOf, type TaggedText } from '../model/tagged-text.js';
import type { LanguagePair, Unit } from '../model/unit.js';
import type { ReviewImport } from './report.js';
import { readTrackVersions } from './track-versions-file.js';
import { sha256 } from './written-record.js';
import { reviewImportCommand, type ImportCommandOptions } from './import-command.js';

/** What a changed review XLIFF's edits are judged by: whether the package written next, or the memory, holds each. */
export interface JudgedEdits {
  read: XliffRead;
  /** The current cue id of each trans-unit found by its source under another number (the track was renumbered since). */
  cueIds: ReadonlyMap<XliffCue, string>;
  /** Confirmed trans-units whose source changed: kept in the memory for their old text (`ImportPlan.earlier`). */
  earlier: ReadonlySet<XliffCue>;
  /** Confirmed trans-units left as written whose text a reviewer replaced since (`ImportPlan.superseded`): the newer text is kept. */
  superseded: ReadonlySet<XliffCue>;
  /** Whether a trans-unit's target is the text the last run wrote for its source (its recorded track version): no one's edit. */
  wroteIt(cue: XliffCue): boolean;
  /** Cues edited and not confirmed: nothing of the file is imported, and the language is refused. */
  unconfirmed: readonly string[];
}

/** A review XLIFF that changed since subloc wrote it, and what was imported from it. */
export interface ReviewEdit extends JudgedEdits {
  path: string;
  report: ReviewImport;
  /** Whether the last run's record names the file; without one subloc cannot tell its own text from an edit. */
  recorded: boolean;
  /** As `ReviewEditsInput.importWith`. */
  importWith?: ImportCommandOptions;
}

export interface ReviewEditsInput {
  runDir: string;
  title: string;
  sourceLang: Lang;
  targets: readonly Lang[];
  units: readonly Unit[];
  memory: MemoryStore;
  /** What the last run wrote (`readWrittenRecord`). */
  written: ReadonlyMap<string, string>;
  /** ISO 8601 time given to the imported entries. */
  now: string;
  /** The run's options, written into the `review import` command a refusal names so that it finds what the run found. */
  importWith?: ImportCommandOptions;
}

const LISTED = 10;

/** The review package of one language, relative to the run folder. */
export function reviewXliffFile(title: string, target: Lang): string {
  return join(target, `${title}.${target}.xlf`);
}

/** The command that imports `path`: spelt out with the run's options when they are known. */
function importCommand(path: string, run: ImportCommandOptions | undefined): string {
  return run === undefined ? `\`subloc review import ${path}\` with the --config, --input, --memory and --out this run was given` : reviewImportCommand(path, run);
}

function refusal(path: string, recorded: boolean, reason: string, { diagnostics = [], todo, run }: { diagnostics?: Diagnostic[]; todo?: string; run: ImportCommandOptions | undefined }): SublocError {
  todo ??= `Check it, run ${importCommand(path, run)}, then localize again`;
  const what = recorded ? 'changed since subloc wrote it' : 'is not a file subloc has a record of writing (run.json and its language\'s .subloc-written.json do not name it)';
  return new SublocError('REVIEW_NOT_IMPORTED', `${path} ${what}, and ${reason}; it was left as it is and nothing was written over it. ${todo} (or move the file away to drop its changes)`, {
    file: path,
    diagnostics,
  });
}

function refuseUnimportable(plan: ImportPlan, path: string, recorded: boolean, what: string, run: ImportCommandOptions | undefined): void {
  if (!plan.refused) return;
  const errors = plan.diagnostics.filter((d) => d.severity === 'error');
  throw refusal(path, recorded, `it cannot be imported for ${what}, see the errors above`, { diagnostics: errors, run });
}

async function readIfPresent(path: string): Promise<Buffer | undefined> {
  try {
    return await readFile(path);
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new SublocError('INPUT_UNREADABLE', `cannot read ${path}: ${fileErrorReason(cause)}`, { cause, file: path });
  }
}

/** A language's review XLIFF that is not what the last run wrote, read and planned as `review import` would plan it. */
export interface ChangedXliff {
  file: string;
  path: string;
  recorded: boolean;
  read: XliffRead;
  versions: TrackVersions;
  pair: LanguagePair;
  first: PlannedImport;
  /** Plans it again on what the memory holds now. */
  again: () => Promise<PlannedImport>;
}

/**
 * `target`'s review XLIFF when it is not what the last run wrote (a
 * translator edited it in place), planned on the memory; undefined when
 * there is none or it is as written. A file that cannot be read, or belongs
 * to another title or language, is refused.
 */
export async function changedXliff(input: Omit<ReviewEditsInput, 'targets'>, target: Lang): Promise<ChangedXliff | undefined> {
  const file = reviewXliffFile(input.title, target);
  const path = join(input.runDir, file);
  const bytes = await readIfPresent(path);
  const hash = input.written.get(file);
  if (bytes === undefined || hash === sha256(bytes)) return undefined;
  const recorded = hash !== undefined;
  const decoded = decode(bytes);
  if (hasErrors(decoded.diagnostics)) throw refusal(path, recorded, 'it cannot be read as text, see the errors above', { diagnostics: decoded.diagnostics, run: input.importWith });
  const read = readXliff(decoded.text, path);
  const pair = { source: input.sourceLang, target };
  const versions = await readTrackVersions(join(input.runDir, target));
  const again = () => planWithMemory(read, { title: input.title, language: target, sourceLang: input.sourceLang, units: input.units, now: input.now, versions }, input.memory, pair);
  const first = await again();
  refuseUnimportable(first.plan, path, recorded, `${input.title} (${input.sourceLang} → ${target})`, input.importWith);
  return { file, path, recorded, read, versions, pair, first, again };
}

/**
 * Before anything is drafted: each language's review XLIFF that is not what
 * the last run wrote (a translator edited it in place) is imported into the
 * memory the way `review import` does it, so the new package carries the
 * edits. A file that belongs to another title or language, or cannot be
 * read, refuses the run before anything is written. Nothing at all is
 * imported unless every changed file can be.
 */
export async function importReviewEdits(input: ReviewEditsInput): Promise<Map<Lang, ReviewEdit>> {
  const planned: { target: Lang; changed: ChangedXliff; unconfirmed: readonly string[] }[] = [];
  for (const target of input.targets) {
    const changed = await changedXliff(input, target);
    if (changed !== undefined) planned.push({ target, changed, unconfirmed: await unconfirmedEdits(changed, input.memory, input.units) });
  }
  const edits = new Map<Lang, ReviewEdit>();
  for (const { target, changed, unconfirmed } of planned) {
    const { file, path, recorded, first, again } = changed;
    // An unconfirmed edit refuses the language once it is drafted: known now, so none of the file is stored (a part
    // stored under no reviewer's name blocked the file's next import) and the file is imported whole or not at all.
    // Nothing of it is stored: the language is refused before it is written (`refuseLostEdits`), the file left whole.
    const { plan } = unconfirmed.length > 0 ? { plan: { ...first.plan, entries: [] } } : await storeImport(input.memory, path, first, again);
    refuseUnimportable(plan, path, recorded, `${input.title} (${input.sourceLang} → ${target})`, input.importWith);
    const { imported, keptForOldText } = importedEntries(plan);
    const approved = imported.filter((e) => e.status === 'approved').length;
    const edit: ReviewEdit = { ...judgedEdits(changed, plan, input.units, unconfirmed), path, recorded, report: { file, imported: imported.length, approved, keptForOldText: keptForOldText.length, unchanged: plan.unchanged, skipped: plan.skipped, diagnostics: plan.diagnostics } };
    if (input.importWith !== undefined) edit.importWith = input.importWith;
    edits.set(target, edit);
  }
  return edits;
}

/** A changed XLIFF's edits as `localize` would judge them, importing nothing: on the plan of what the memory holds now. */
export async function pendingEdits(changed: ChangedXliff, memory: MemoryStore, units: readonly Unit[]): Promise<JudgedEdits> {
  return judgedEdits(changed, changed.first.plan, units, await unconfirmedEdits(changed, memory, units));
}

function judgedEdits(changed: ChangedXliff, plan: ImportPlan, units: readonly Unit[], unconfirmed: readonly string[]): JudgedEdits {
  const { read } = changed;
  return { read, cueIds: renumberedCues(locateUnits(units, read.cues)), earlier: new Set(plan.earlier.flat()), superseded: new Set(plan.superseded), wroteIt: lastWritten(changed.versions), unconfirmed };
}

/**
 * The cues of a changed XLIFF edited and not confirmed: a text no run wrote
 * for the cue's source and not the memory's own (where the last run wrote one
 * text for the source, the memory's text stands for what the file showed).
 */
async function unconfirmedEdits(changed: ChangedXliff, memory: MemoryStore, units: readonly Unit[]): Promise<string[]> {
  const { read, versions } = changed;
  const wroteIt = lastWritten(versions);
  const edited = read.cues.filter((c) => c.target !== null && !isConfirmed(c) && !wroteIt(c));
  if (edited.length === 0) return [];
  const held = await heldTexts(memory, units, changed.pair);
  const oneText = (c: XliffCue) => (versions.versions.at(-1)?.cues[cueTextHash(c.source)]?.length ?? 0) <= 1;
  return edited.filter((c) => !(oneText(c) && held.get(cueTextHash(c.source)) === words(c.target!))).map((c) => c.id);
}

/** Compared on words alone: the new package re-fits lines, and a CAT tool may re-space. */
const words = (text: TaggedText): string => plainOf(text).replace(/\s+/g, '');

/**
 * Whether a trans-unit's target is the text the last run wrote for its
 * source, into this file as into the tracks: a cue of a source written with
 * more than one text cannot say which was its own.
 */
function lastWritten(versions: TrackVersions): (cue: XliffCue) => boolean {
  const last = versions.versions.at(-1);
  return (cue) => {
    const texts = last?.cues[cueTextHash(cue.source)];
    return cue.target !== null && texts?.length === 1 && texts[0] === cueTextHash(cue.target);
  };
}

/** The words the memory holds for each source cue of the track, by the cue's `cueTextHash`. */
async function heldTexts(memory: MemoryStore, units: readonly Unit[], pair: { source: Lang; target: Lang }): Promise<Map<string, string>> {
  const lookup = await storedEntries(memory, units, pair);
  const held = new Map<string, string>();
  for (const unit of units) {
    const stored = lookup(unit.source);
    unit.source.forEach((source, k) => {
      const target = stored?.target[k];
      if (target !== undefined) held.set(cueTextHash(source), words(target));
    });
  }
  return held;
}

const listOf = (ids: readonly string[]): string => (ids.length > LISTED ? `${ids.slice(0, LISTED).join(', ')}, … ${ids.length - LISTED} more` : ids.join(', '));

const cuesNamed = (ids: readonly string[]): string => `cue${ids.length === 1 ? '' : 's'} ${listOf(ids)}`;

const isConfirmed = (cue: XliffCue): boolean => cue.state === 'reviewed' || cue.state === 'approved';

/**
 * The refusal of a file whose translations the new package would not hold:
 * `unconfirmed`, edits nobody confirmed; `open`, the cues left unconfirmed in
 * sentences some other cue of which is confirmed (`review import` takes a
 * sentence whole), each cue with whether it is empty; `other`, the rest. Each
 * names the cues to confirm, and the import that takes what can be taken.
 */
function lostRefusal(edit: ReviewEdit, lost: { unconfirmed?: readonly string[]; partly?: readonly string[]; open?: readonly { id: string; empty: boolean }[]; other?: readonly string[] }): SublocError {
  const { unconfirmed = [], partly = [], open = [], other = [] } = lost;
  const translations = (ids: readonly string[]) => `the translation${ids.length === 1 ? '' : 's'} of ${cuesNamed(ids)}`;
  const reasons: string[] = [];
  if (unconfirmed.length > 0) reasons.push(`${translations(unconfirmed)} would be lost: edited but not confirmed (expected state translated, signed-off or final)`);
  if (partly.length > 0) {
    reasons.push(`${translations(partly)} would be lost: confirmed, but not ${cuesNamed(open.map((c) => c.id))} of ${partly.length === 1 ? 'its sentence' : 'their sentences'}, and a sentence is imported when all its cues are confirmed`);
  }
  if (other.length > 0) {
    reasons.push(`${translations(other)} would be lost: not confirmed (expected state translated, signed-off or final), or left out by the import (see what \`review import\` says of ${other.length === 1 ? 'it' : 'them'}: a text for it the memory holds saved after the file was written, say)`);
  }
  const command = importCommand(edit.path, edit.importWith);
  const toConfirm = [...unconfirmed, ...open.map((c) => c.id)];
  const empty = open.filter((c) => c.empty).map((c) => c.id);
  const confirm =
    empty.length > 0 && empty.length === toConfirm.length
      ? `Translate and confirm ${cuesNamed(toConfirm)}`
      : `Confirm ${cuesNamed(toConfirm)}${empty.length === 0 ? '' : ` (translate ${cuesNamed(empty)} first: ${empty.length === 1 ? 'it is' : 'they are'} empty)`}`;
  // An import takes only confirmed sentences: the way on for the others is their confirmation, not another import.
  const todo =
    toConfirm.length === 0
      ? `Check it, run ${command}, which names each cue it leaves out and why, then localize again`
      : `${confirm} in the CAT tool and save the file, then localize again, which imports it; or run ${command} to import the sentences it holds confirmed whole, then move the file away`;
  return refusal(edit.path, edit.recorded, reasons.join('; '), { todo, run: edit.importWith });
}

/**
 * What a changed file's edits would lose in `pkg`, the package written next
 * (or, before any import, what the memory holds): edits nobody confirmed; or
 * the confirmed cues of sentences not confirmed whole (`partly`, with the
 * cues left to confirm, `open`), and the rest (`other`), that it lacks; or
 * notes it does not carry. Undefined when it holds them all.
 */
export interface LostEdits {
  unconfirmed: readonly string[];
  partly: readonly string[];
  open: readonly { id: string; empty: boolean }[];
  other: readonly string[];
  notes: readonly string[];
}

/**
 * Whether every translation a changed file holds is in `pkg`, a confirmed
 * one still confirmed, or in the memory for the old text of a cue whose
 * source changed. Anything else (an edit nobody confirmed, a reviewed unit
 * the import had to leave out because it is partly reviewed) would be lost.
 * `localize` refuses a language on it; `deliver`, on it and on what the
 * import would take.
 */
export function lostEdits(edit: JudgedEdits, pkg: Pick<ReviewPackage, 'cues'>): LostEdits | undefined {
  if (edit.unconfirmed.length > 0) return { unconfirmed: edit.unconfirmed, partly: [], open: [], other: [], notes: [] };
  const next = new Map(pkg.cues.map((c) => [c.id, c]));
  const lost: string[] = [];
  for (const cue of edit.read.cues) {
    const confirmed = isConfirmed(cue);
    // An unconfirmed text subloc wrote is no edit: the memory's newer draft (a second pass, a glossary change) replaces it.
    if (cue.target === null || edit.earlier.has(cue) || edit.superseded.has(cue) || (!confirmed && edit.wroteIt(cue))) continue;
    const now = next.get(edit.cueIds.get(cue) ?? cue.id);
    const kept = now?.target != null && words(now.target) === words(cue.target) && (!confirmed || now.state === 'reviewed' || now.state === 'approved');
    if (!kept) lost.push(cue.id);
  }
  // A note typed into the file is the reviewer's too: the new package carries it, or the language is not written.
  const notes: string[] = [];
  for (const cue of edit.read.cues) {
    if (cue.comment === undefined || lost.includes(cue.id)) continue;
    const now = next.get(edit.cueIds.get(cue) ?? cue.id);
    if ((now?.comment ?? '') !== cue.comment) notes.push(cue.id);
  }
  if (lost.length === 0 && notes.length === 0) return undefined;
  return { unconfirmed: [], ...partlyConfirmed(edit, lost), notes };
}

/** Just before a language is written: refused when the new package would lose an edit of the changed file (`lostEdits`). */
export function refuseLostEdits(edit: ReviewEdit, pkg: ReviewPackage): void {
  const lost = lostEdits(edit, pkg);
  if (lost === undefined) return;
  if (lost.unconfirmed.length + lost.partly.length + lost.other.length > 0) throw lostRefusal(edit, lost);
  const { notes } = lost;
  throw refusal(edit.path, edit.recorded, `the note${notes.length === 1 ? '' : 's'} on cue${notes.length === 1 ? '' : 's'} ${listOf(notes)} would be lost: a note is imported with its cue's confirmed translation (expected state translated, signed-off or final)`, { run: edit.importWith });
}

/** The lost cues that are confirmed in a sentence of the file not confirmed whole, and that sentence's cues left to confirm; the rest. */
function partlyConfirmed(edit: JudgedEdits, lost: readonly string[]): { partly: string[]; open: { id: string; empty: boolean }[]; other: string[] } {
  const sentences = new Map<string, XliffCue[]>();
  for (const c of edit.read.cues) if (c.unitId !== '') sentences.set(c.unitId, [...(sentences.get(c.unitId) ?? []), c]);
  const partly: string[] = [];
  const open = new Map<string, { id: string; empty: boolean }>();
  const other: string[] = [];
  const byId = new Map(edit.read.cues.map((c) => [c.id, c]));
  for (const id of lost) {
    const cue = byId.get(id);
    const left = cue === undefined || !isConfirmed(cue) ? [] : (sentences.get(cue.unitId) ?? []).filter((c) => !isConfirmed(c));
    if (left.length === 0) {
      other.push(id);
      continue;
    }
    partly.push(id);
    for (const c of left) open.set(c.id, { id: c.id, empty: c.target === null });
  }
  return { partly, open: [...open.values()], other };
}
