import { compareStatus, cueStatusIn, highestStatus, lowestStatus } from '../memory/precedence.js';
import { STUDIO_PROVIDER, type MemoryEntry, type MemoryStatus } from '../memory/store.js';
import { hasErrors, type Diagnostic } from '../model/diagnostic.js';
import type { Lang } from '../model/track.js';
import { isTextBroken, toTagged, toTaggedLines, type TaggedText } from '../model/tagged-text.js';
import { unitKey, type Unit } from '../model/unit.js';
import type { Alignment } from './align.js';
import type { XliffCue, XliffRead } from './xliff-read.js';
import { messages } from './xliff-messages.js';
import { locateUnits, sameWords, words } from './locate-units.js';
import { cueLayoutHash, cueTextHash, madeFrom, wrote, wroteAsLaidOut, type TrackVersions } from './track-versions.js';

/** Who reviewed, when neither `--reviewer` nor the file says. */
export const UNKNOWN_REVIEWER = 'unknown';

export interface ImportOptions {
  /** The title the file must belong to. */
  title: string;
  /** The target language the file must be in. */
  language: Lang;
  /** The source track's language; the file's must match. */
  sourceLang: Lang;
  /** The current segmentation of the source track. */
  units: readonly Unit[];
  /** Wins over a reviewer the file names. */
  reviewer?: string;
  /** ISO 8601 time given to the entries. */
  now: string;
  /** What the memory holds for a unit's source (best status, then newest), to leave unchanged entries alone. */
  stored?: (source: readonly TaggedText[]) => MemoryEntry | undefined;
  /** The machine provider whose draft each cue of a stored entry is (`''`: a person's). @default its `filledBy` */
  machineCues?: (entry: MemoryEntry) => string[];
  /** The versions of the track `localize` wrote: what tells the file's untouched cues (and an SRT's date). */
  versions?: TrackVersions;
}

export interface ImportPlan {
  /** What to put into the memory. */
  entries: MemoryEntry[];
  /** Units the memory already holds with this translation and at least this status. */
  unchanged: number;
  /** Units in the file left out (not reviewed, incomplete, source changed…), each said in a diagnostic or counted here. */
  skipped: number;
  /** True when the file does not belong here: nothing may be imported. */
  refused: boolean;
  /**
   * Confirmed units whose source changed since the file was written, each
   * as the file's cues: their translation goes into the memory for the old
   * text (in `entries`, unless held already), never onto the new one.
   */
  earlier: XliffCue[][];
  /**
   * Confirmed cues of an XLIFF left as its run wrote them, whose text a
   * reviewer replaced in the memory since: not edits, so the newer text stays.
   */
  superseded: XliffCue[];
  diagnostics: Diagnostic[];
}

function isNonEmpty<T>(items: T[]): items is [T, ...T[]] {
  return items.length > 0;
}

function refuse(diagnostics: Diagnostic[], ...reasons: Diagnostic[]): ImportPlan {
  return { entries: [], unchanged: 0, skipped: 0, refused: true, earlier: [], superseded: [], diagnostics: [...diagnostics, ...reasons] };
}

/** The file's notes as the entry's comments, cue by cue; a cue without one keeps the comment the memory holds. */
function withNotes(entry: MemoryEntry, cues: readonly XliffCue[]): void {
  if (!cues.some((c) => c.comment !== undefined)) return;
  entry.comments = cues.map((c, k) => c.comment ?? entry.comments?.[k] ?? '');
}

function entryFor(unit: Unit, target: TaggedText[], status: MemoryStatus, provider: string, reviewer: string, opts: Pick<ImportOptions, 'sourceLang' | 'language' | 'now'>, stored?: MemoryEntry): MemoryEntry {
  // Imported work matches under any glossary version: a human checked it.
  const entry: MemoryEntry = { sourceLang: opts.sourceLang, targetLang: opts.language, source: [...unit.source], target, glossaryVersion: '', provider, status, reviewer, byReviewer: true, updatedAt: opts.now };
  // The entry replaces the stored one whole: the reviewers' comments on its cues go with it.
  if (stored?.comments !== undefined) entry.comments = [...stored.comments];
  return entry;
}

/** A cue the import leaves as the memory holds it, a draft still, stays the machine's where it was (a run drafted it). */
function keepMachineCues(entry: MemoryEntry, stored: MemoryEntry | undefined, opts: Pick<ImportOptions, 'machineCues'>): void {
  if (stored === undefined) return;
  const machine = opts.machineCues?.(stored) ?? stored.filledBy ?? [];
  const filledBy = entry.target.map((t, k) => (t === stored.target[k] && cueStatusIn(entry, k) === 'draft' ? (machine[k] ?? '') : ''));
  if (filledBy.some((p) => p !== '')) entry.filledBy = filledBy;
}

/**
 * What the file holds for each cue of a unit, when it holds all of them. Undefined when it holds none (the
 * unit is not in the file) or only some: then the unit is skipped and `incomplete` says which are missing.
 */
function unitCues<T>(
  unit: Unit,
  { find, incomplete, plan }: { find: (cueId: string) => T | undefined; incomplete: (unitId: string, missing: string[]) => Diagnostic; plan: ImportPlan },
): T[] | undefined {
  const found: T[] = [];
  const missing: string[] = [];
  for (const id of unit.cueIds) {
    const cue = find(id);
    if (cue === undefined) missing.push(id);
    else found.push(cue);
  }
  if (missing.length === 0) return found;
  if (found.length > 0) {
    plan.diagnostics.push(incomplete(unit.id, missing));
    plan.skipped++;
  }
  return undefined;
}

/**
 * One entry for a source text, as the memory keeps it: a sentence said twice
 * that the file translates twice alike is one entry; translated two ways,
 * neither is taken (the memory would keep the one stored last, and lose the
 * other unsaid), and the units are named.
 */
function settleRepeats(plan: ImportPlan, units: readonly Unit[]): void {
  const bySource = new Map<string, MemoryEntry[]>();
  for (const e of plan.entries) {
    const key = unitKey(e.source);
    const group = bySource.get(key);
    if (group) group.push(e);
    else bySource.set(key, [e]);
  }
  const dropped = new Set<MemoryEntry>();
  for (const [key, group] of bySource) {
    if (group.length < 2) continue;
    const [first, ...rest] = group as [MemoryEntry, ...MemoryEntry[]];
    const alike = rest.every((e) => unitKey(e.target) === unitKey(first.target) && e.status === first.status && unitKey(e.cueStatus ?? []) === unitKey(first.cueStatus ?? []));
    for (const e of alike ? rest : group) dropped.add(e);
    if (alike) {
      plan.unchanged += rest.length;
      continue;
    }
    plan.skipped += group.length;
    const said = units.filter((u) => unitKey(u.source) === key);
    plan.diagnostics.push(messages.repeatsDiffer(said.map((u) => u.cueIds[0]!), first.source.join(' ')));
  }
  if (dropped.size > 0) plan.entries = plan.entries.filter((e) => !dropped.has(e));
}

/**
 * Whether a file's target language is the track's, or a less specific tag of
 * it: a CAT project set to plain French returns `fr` for the fr-FR track.
 */
function sameOrWider(fileLang: string, track: string): boolean {
  const file = fileLang.toLowerCase();
  const ours = track.toLowerCase();
  return file === ours || (file !== '' && ours.startsWith(`${file}-`));
}

/**
 * Whether someone else's review reached the stored entry after the file was
 * written (`written`; undefined when that cannot be told): a save in the
 * studio, or another reviewer's import. The file was made from an older
 * text, so its own would undo that work unseen. The same reviewer importing
 * again (a file they kept editing) is not someone else.
 */
function reviewedSince(stored: MemoryEntry, written: string | undefined, reviewer: string): boolean {
  // A file that cannot be dated may be older than anything: whatever another reviewer saved is theirs.
  if (written !== undefined && !(Date.parse(stored.updatedAt) > Date.parse(written))) return false;
  return reviewedByAnother(stored, reviewer);
}

/** Whether the memory holds a reviewer's work that is not this importer's: studio saves, another name, or a name no one gave. */
function reviewedByAnother(stored: MemoryEntry, reviewer: string): boolean {
  if (stored.byReviewer !== true) return false;
  return stored.provider === STUDIO_PROVIDER || stored.reviewer !== reviewer || reviewer === UNKNOWN_REVIEWER;
}

/** Each cue at the status the file gives it; a cue whose text the memory holds already keeps the higher of the two (an approval stays). */
function keptStatuses(stored: MemoryEntry | undefined, targets: readonly TaggedText[], own: (k: number) => MemoryStatus): MemoryStatus[] {
  return targets.map((t, k) => (stored !== undefined && stored.target[k] === t ? highestStatus([cueStatusIn(stored, k), own(k)]) : own(k)));
}

/** Whether the memory holds the entry's translation with each cue at its status or higher, and its comments. */
function isUnchanged(entry: MemoryEntry, stored: MemoryEntry | undefined): boolean {
  return (
    stored !== undefined &&
    stored.target.length === entry.target.length &&
    stored.target.every((t, k) => t === entry.target[k] && compareStatus(cueStatusIn(stored, k), cueStatusIn(entry, k)) >= 0 && (stored.comments?.[k] ?? '') === (entry.comments?.[k] ?? ''))
  );
}

/** The first cue whose text the entry would change while the memory holds it at a higher status: a cue is never taken down. */
function lowered(entry: MemoryEntry, stored: MemoryEntry): number {
  return entry.target.findIndex((t, k) => t !== stored.target[k] && compareStatus(cueStatusIn(stored, k), cueStatusIn(entry, k)) > 0);
}

/**
 * What a reviewed XLIFF adds to the memory. The file must be of this title,
 * source and target language, and name only cues of the current source
 * track; otherwise it is refused whole. A unit is imported when every one of
 * its cues is reviewed or approved (`approved` when all are), against the
 * current source text; a unit whose source changed since the file was
 * written is left out. Units the memory already holds with the same
 * translation and status are not written again, so a second import of the
 * same file changes nothing.
 */
export function planImport(read: XliffRead, opts: ImportOptions): ImportPlan {
  const diagnostics = [...read.diagnostics];
  if (hasErrors(read.diagnostics) && read.title === '') return refuse(diagnostics, messages.unreadable());
  const reasons: Diagnostic[] = [];
  if (read.title !== opts.title) reasons.push(messages.wrongTitle(read.title, opts.title));
  if (read.sourceLang.toLowerCase() !== opts.sourceLang.toLowerCase()) reasons.push(messages.wrongLanguage('source', read.sourceLang, opts.sourceLang));
  if (!sameOrWider(read.targetLang, opts.language)) reasons.push(messages.wrongLanguage('target', read.targetLang, opts.language));
  const known = new Set(opts.units.flatMap((u) => u.cueIds));
  const { located, moved, pieces, used } = locateUnits(opts.units, read.cues);
  // A trans-unit found by its source under another number belongs to this track, whatever its id.
  const unknown = read.cues.filter((c) => !known.has(c.id) && !used.has(c));
  if (isNonEmpty(unknown)) reasons.push(messages.unknownCues(unknown));
  const byId = new Map<string, XliffCue>();
  const repeats: (XliffCue & { firstLine: number })[] = [];
  for (const c of read.cues) {
    const first = byId.get(c.id);
    if (first) repeats.push({ ...c, firstLine: first.line });
    else byId.set(c.id, c);
  }
  if (isNonEmpty(repeats)) reasons.push(messages.duplicateCues(repeats));
  if (hasErrors(read.diagnostics)) reasons.push(messages.unreadable());
  if (reasons.length > 0) return refuse(diagnostics, ...reasons);

  const plan: ImportPlan = { entries: [], unchanged: 0, skipped: 0, refused: false, earlier: [], superseded: [], diagnostics };
  if (isNonEmpty(moved)) diagnostics.push(messages.renumbered(moved));
  // The track version the file's run wrote: recorded just before the file, so the first at or after its date,
  // unless older versions were let go (then that one may be a later run's).
  const { written } = read;
  const kept = opts.versions;
  const made = written === undefined || kept === undefined ? -1 : kept.versions.findIndex((v) => Date.parse(v.at) >= Date.parse(written));
  const byDate = made > 0 || (made === 0 && !kept!.pruned) ? kept!.versions[made] : undefined;
  // A tool may drop the file's date, or set it to its own export time: the cues left as a run wrote them date the
  // file too, and the earlier of the two is what it is judged against, so that it never undoes work saved after it.
  const dating = kept === undefined ? undefined : madeFrom(kept, read.cues.flatMap((c) => (c.target === null ? [] : [{ source: cueTextHash(c.source), text: cueTextHash(c.target) }])));
  const byContent = dating === undefined || dating.older ? undefined : dating.version;
  const version = byDate === undefined ? byContent : byContent === undefined || Date.parse(byDate.at) <= Date.parse(byContent.at) ? byDate : byContent;
  /**
   * When the file was made, as far as it can be told: a version's time; without versions recorded, the file's own
   * date; undefined when neither tells (no date, no cue as a run wrote it): such a file replaces no reviewer's work.
   */
  const madeAt = version?.at ?? (kept === undefined || kept.versions.length === 0 ? written : undefined);
  const seen = new Set(used);
  // A unit not located is looked up by its cue ids, for what to say of it; a trans-unit another unit took is not its.
  const free = (id: string) => {
    const c = byId.get(id);
    if (c === undefined || used.has(c)) return undefined;
    seen.add(c);
    return c;
  };
  // A cue's translation was made for its whole sentence unit in the file: a cue of it gone from the track leaves it a part of a sentence that no longer is.
  const inTrack = new Set(opts.units.flatMap((u) => u.source.map(words)));
  /** Sentences of the file kept for their old text (`keepEarlier`), each once. */
  const keptSentences = new Set<string>();
  const sentences = new Map<string, XliffCue[]>();
  for (const c of read.cues) if (c.unitId !== '') sentences.set(c.unitId, [...(sentences.get(c.unitId) ?? []), c]);
  const planUnit = (unit: Unit, present: XliffCue[]): void => {
    // A cue as messages name it: its number in the current track (the file's may differ), its line in the file.
    const at = (k: number) => ({ id: unit.cueIds[k]!, line: present[k]!.line });
    const confirmed = (c: XliffCue) => c.state === 'reviewed' || c.state === 'approved';
    const done = present.filter(confirmed);
    if (done.length < present.length) {
      // A text the memory does not hold for the cue, and no run wrote: the translator's, waiting for a confirmation,
      // whether or not other cues of its sentence are confirmed.
      const stored = opts.stored?.(unit.source);
      const edited = (c: XliffCue, i: number) => !confirmed(c) && c.target !== null && stored !== undefined && stored.target[i] !== c.target && (version === undefined || !wrote(version, cueTextHash(unit.source[i]!), cueTextHash(c.target)));
      for (const [k, c] of present.entries()) if (edited(c, k)) diagnostics.push(messages.unconfirmedEdit(at(k), c.state));
      const open = present.flatMap((c, k) => (confirmed(c) || edited(c, k) ? [] : [{ ...at(k), empty: c.target === null }]));
      if (done.length > 0 && isNonEmpty(open)) diagnostics.push(messages.partlyReviewed(unit.id, done.length, present.length, open));
      plan.skipped++;
      return;
    }
    const changed = present.findIndex((c, k) => !sameWords(c.source, unit.source[k]!));
    const empty = present.find((c) => c.target === null);
    if (changed >= 0 && !empty) {
      planEarlier(unit, present, changed);
      return;
    }
    if (changed >= 0 || empty) {
      diagnostics.push(changed >= 0 ? messages.sourceChanged(present[changed]!, unit.source[changed]!, unit.id) : messages.emptyTarget(empty!, unit.id));
      plan.skipped++;
      return;
    }
    const gone = present.flatMap((c) => (c.unitId === '' ? [] : (sentences.get(c.unitId) ?? []))).find((c) => !inTrack.has(words(c.source)));
    if (gone) {
      const sentence = sentences.get(gone.unitId)!;
      // Confirmed whole, the sentence's translation is still the reviewer's: kept for the sentence the file had, once.
      const whole = sentence.every((c) => c.target !== null && (c.state === 'reviewed' || c.state === 'approved'));
      diagnostics.push(messages.sentenceChanged(at(0), sentence, gone, unit.id, whole));
      if (!whole) plan.skipped++;
      else if (!keptSentences.has(gone.unitId)) {
        keptSentences.add(gone.unitId);
        for (const c of sentence) seen.add(c);
        keepEarlier({ id: gone.unitId, cueIds: sentence.map((c) => c.id), source: sentence.map((c) => c.source) }, sentence);
      }
      return;
    }
    const stored = opts.stored?.(unit.source);
    // A cue as the file's own run wrote it, whose text a reviewer replaced in the memory since (an edited track taken
    // back), is no edit: the newer text stays, at its own status, whatever state the file gives the old one.
    const newer = version !== undefined && stored?.byReviewer === true && stored.target.length === present.length && Date.parse(stored.updatedAt) > Date.parse(version.at);
    const stale = present.map((c, k) => newer && stored.target[k] !== c.target && wrote(version, cueTextHash(unit.source[k]!), cueTextHash(c.target!)));
    if (newer && stale.every(Boolean)) {
      diagnostics.push(messages.olderText(unit.cueIds[0]!, version.at, stored, unit.id));
      plan.superseded.push(...present);
      plan.unchanged++;
      return;
    }
    const targets = present.map((c, k) => (stale[k] ? stored!.target[k]! : c.target!));
    const cueStatus = keptStatuses(stored, targets, (k) => (stale[k] ? cueStatusIn(stored!, k) : present[k]!.state === 'approved' ? 'approved' : 'reviewed'));
    const status = lowestStatus(cueStatus);
    const reviewer = opts.reviewer ?? present.find((c) => c.reviewer !== undefined)?.reviewer ?? UNKNOWN_REVIEWER;
    const entry = entryFor(unit, targets, status, 'xliff', reviewer, opts, stored);
    withNotes(entry, present);
    plan.superseded.push(...present.filter((_, k) => stale[k]));
    if (cueStatus.some((s) => s !== status)) entry.cueStatus = cueStatus;
    keepMachineCues(entry, stored, opts);
    // The studio's own rule for two reviewers: a text saved after the version shown is not overwritten by it. Where the
    // file's run is known, only a cue both changed is in conflict; a reviewer's save of another cue of the sentence stays beside the edit.
    const conflict =
      stored === undefined || !reviewedSince(stored, madeAt, reviewer)
        ? -1
        : madeAt === undefined
          ? // Undated: another's text is not replaced; their cue approved in the file as they wrote it is no conflict.
            entry.target.findIndex((t, i) => t !== stored.target[i])
          : version === undefined
          ? Math.max(0, entry.target.findIndex((t, i) => t !== stored.target[i]))
          : entry.target.findIndex((t, i) => !stale[i] && stored.target[i] !== undefined && t !== stored.target[i] && !wrote(version, cueTextHash(unit.source[i]!), cueTextHash(stored.target[i]!)));
    if (isUnchanged(entry, stored)) plan.unchanged++;
    else if (stored !== undefined && conflict >= 0) {
      diagnostics.push(messages.changedSince({ ...at(conflict), target: entry.target[conflict]! }, { ...stored, target: stored.target[conflict] ?? '' }, madeAt, unit.id));
      plan.skipped++;
    } else if (stored !== undefined && (compareStatus(stored.status, status) > 0 || lowered(entry, stored) >= 0)) {
      // The memory keeps the higher status, of the unit and of each cue: said here, cue by cue, instead of counted as written and then kept.
      const low = lowered(entry, stored);
      const k = low >= 0 ? low : Math.max(0, entry.target.findIndex((t, i) => t !== stored.target[i]));
      diagnostics.push(messages.belowStored({ ...at(k), target: entry.target[k]! }, cueStatusIn(entry, k), { status: cueStatusIn(stored, k), target: stored.target[k] ?? '' }, unit.id));
      plan.skipped++;
    } else plan.entries.push(entry);
  };
  // A reviewer's translation of a text the track no longer has is still theirs: kept for that text, where a
  // fuzzy match offers it beside the new draft, instead of lost or laid over the new text.
  const planEarlier = (unit: Unit, present: XliffCue[], changed: number): void => {
    diagnostics.push(messages.sourceChanged(present[changed]!, unit.source[changed]!, unit.id));
    keepEarlier({ id: unit.id, cueIds: present.map((c) => c.id), source: present.map((c) => c.source) }, present);
  };
  /** The file's confirmed cues of `old`, a unit as the file had it, into the memory for its own source texts. */
  const keepEarlier = (old: Unit, present: XliffCue[]): void => {
    const cueStatus = present.map((c): MemoryStatus => (c.state === 'approved' ? 'approved' : 'reviewed'));
    const status = lowestStatus(cueStatus);
    const reviewer = opts.reviewer ?? present.find((c) => c.reviewer !== undefined)?.reviewer ?? UNKNOWN_REVIEWER;
    const stored = opts.stored?.(old.source);
    const entry = entryFor(old, present.map((c) => c.target!), status, 'xliff', reviewer, opts, stored);
    if (cueStatus.some((s) => s !== status)) entry.cueStatus = cueStatus;
    plan.earlier.push(present);
    if (isUnchanged(entry, stored)) plan.unchanged++;
    else plan.entries.push(entry);
  };
  /**
   * A unit of the new cut holding a trans-unit of the file whose sentence the cut took apart otherwise than a
   * split (its other cues went elsewhere, not into the units beside): no cue of it can be placed, and the confirmed
   * sentence is kept for its old text, as a sentence one of whose cues was cut is, instead of lost.
   */
  const keepCutApart = (unit: Unit): void => {
    const c = unit.cueIds.map((id) => byId.get(id)).find((c, k) => c !== undefined && !used.has(c) && sameWords(c.source, unit.source[k]!));
    const sentence = c === undefined ? undefined : sentences.get(c.unitId);
    if (sentence === undefined || keptSentences.has(c!.unitId) || !sentence.some((other) => used.has(other))) return;
    if (!sentence.every((s) => s.target !== null && (s.state === 'reviewed' || s.state === 'approved'))) return;
    keptSentences.add(c!.unitId);
    for (const s of sentence) seen.add(s);
    diagnostics.push(messages.sentenceCutApart(c!, sentence, unit.id));
    keepEarlier({ id: c!.unitId, cueIds: sentence.map((s) => s.id), source: sentence.map((s) => s.source) }, sentence);
  };
  // The file's units found inside a unit of the new cut go into that unit's entry, cue by cue, over what the memory holds for it.
  const planPieces = (unit: Unit, found: readonly { from: number; cues: XliffCue[] }[]): void => {
    const confirmed = found.filter(({ cues }) => cues.every((c) => c.target !== null && (c.state === 'reviewed' || c.state === 'approved')));
    if (confirmed.length === 0) {
      plan.skipped++;
      return;
    }
    const stored = opts.stored?.(unit.source);
    const target = unit.source.map((_, k) => stored?.target[k] ?? '');
    const cueStatus = unit.source.map((_, k): MemoryStatus => (stored === undefined ? 'draft' : cueStatusIn(stored, k)));
    const reviewer = opts.reviewer ?? confirmed.flatMap((p) => p.cues).find((c) => c.reviewer !== undefined)?.reviewer ?? UNKNOWN_REVIEWER;
    // As for a whole unit: what another reviewer saved after the file was made stays. A cue the file holds as its run
    // wrote it is no edit (the newer text stays); one the translator changed there is a conflict, and nothing goes in.
    const since = stored !== undefined && reviewedSince(stored, madeAt, reviewer);
    for (const { from, cues } of confirmed) {
      for (const [k, c] of cues.entries()) {
        const i = from + k;
        if (since && stored.target[i] !== undefined && stored.target[i] !== c.target) {
          if (version !== undefined && wrote(version, cueTextHash(unit.source[i]!), cueTextHash(c.target!))) continue;
          diagnostics.push(messages.changedSince({ id: unit.cueIds[i]!, line: c.line, target: c.target! }, { ...stored, target: stored.target[i]! }, madeAt, unit.id));
          plan.skipped++;
          return;
        }
        const status: MemoryStatus = c.state === 'approved' ? 'approved' : 'reviewed';
        // A cue is never taken below what the memory holds for it.
        if (compareStatus(status, cueStatus[i]!) < 0) continue;
        target[i] = c.target!;
        cueStatus[i] = status;
      }
    }
    const status = lowestStatus(cueStatus);
    const entry = entryFor(unit, target, status, 'xliff', reviewer, opts, stored);
    if (cueStatus.some((s) => s !== status)) entry.cueStatus = cueStatus;
    keepMachineCues(entry, stored, opts);
    if (stored !== undefined && stored.target.every((t, k) => t === target[k]) && cueStatus.every((s, k) => s === cueStatusIn(stored, k))) plan.unchanged++;
    else plan.entries.push(entry);
  };
  for (const unit of opts.units) {
    const found = pieces.get(unit);
    if (found !== undefined) {
      diagnostics.push(messages.regrouped(unit, found));
      planPieces(unit, found);
      continue;
    }
    const incomplete = (unitId: string, missing: string[]) => messages.missingCues(unitId, missing.map((id) => ({ id, source: unit.source[unit.cueIds.indexOf(id)]! })));
    const present = located.get(unit) ?? unitCues(unit, { find: free, incomplete, plan });
    if (present !== undefined) planUnit(unit, present);
    else keepCutApart(unit);
  }
  for (const c of read.cues) {
    if (!seen.has(c) && c.target !== null && (c.state === 'reviewed' || c.state === 'approved')) {
      diagnostics.push(messages.notInSource({ ...c, target: c.target }));
      plan.skipped++;
    }
  }
  settleRepeats(plan, opts.units);
  return plan;
}

export interface SubtitleImportOptions extends Omit<ImportOptions, 'title'> {
  /** The memory's `provider` for these entries, e.g. the format the file came in. */
  provider: string;
}

/**
 * What an edited SRT or WebVTT adds to the memory, after `alignByTiming`:
 * each unit whose cues all received an edited cue, and whose text differs
 * from what the memory holds, as reviewed. Refused whole when fewer than
 * half of the edited cues fall on a source cue: then it is not an edit of
 * this track.
 */
export function planSubtitleImport(alignment: Alignment, editedCues: number, opts: SubtitleImportOptions): ImportPlan {
  const diagnostics = [...alignment.diagnostics];
  if (editedCues === 0 || alignment.matched * 2 < editedCues) return refuse(diagnostics, messages.unaligned(alignment.matched, editedCues));
  const plan: ImportPlan = { entries: [], unchanged: 0, skipped: 0, refused: false, earlier: [], superseded: [], diagnostics };
  const untouched: string[] = [];
  // The file has no date: the versions its untouched cues agree with give it one. Cues are named by their source text.
  const sources = new Map(opts.units.flatMap((u) => u.cueIds.map((id, k) => [id, cueTextHash(u.source[k]!)] as const)));
  const hashes = new Map<string, string>();
  const layouts = new Map<string, string>();
  for (const [id, lines] of alignment.byCue) {
    hashes.set(id, cueTextHash(toTagged(lines, opts.language)));
    layouts.set(id, cueLayoutHash(toTaggedLines(lines)));
  }
  const dating = madeFrom(opts.versions ?? { versions: [], pruned: false }, [...hashes].flatMap(([id, text]) => (sources.has(id) ? [{ source: sources.get(id)!, text }] : [])));
  // Per text a kept version wrote, the source texts it was written for: a cue holding another cue's text is misplaced, not edited.
  const writtenFor = new Map<string, Set<string>>();
  for (const v of opts.versions?.versions ?? []) {
    for (const [source, texts] of Object.entries(v.cues)) for (const text of texts) writtenFor.set(text, (writtenFor.get(text) ?? new Set()).add(source));
  }
  const ofAnotherCue = (source: string, text: string) => {
    const owners = writtenFor.get(text);
    return owners !== undefined && !owners.has(source);
  };
  // A file that may be older than every version kept is judged as one that cannot be dated.
  const version = dating === undefined || dating.older ? undefined : dating.version;
  for (const unit of opts.units) {
    if (unit.cueIds.some((id) => alignment.merged.has(id))) {
      plan.skipped++;
      continue;
    }
    const lines = unitCues(unit, { find: (id) => alignment.byCue.get(id), incomplete: messages.unitUnmatched, plan });
    if (lines === undefined) {
      if (unit.cueIds.every((id) => !alignment.byCue.has(id))) untouched.push(...unit.cueIds);
      continue;
    }
    const target = lines.map(toTaggedLines);
    if (target.every((t) => t.trim() === '')) {
      plan.skipped++;
      continue;
    }
    const stored = opts.stored?.(unit.source);
    const sameLength = stored !== undefined && stored.target.length === target.length;
    if (sameLength && stored.target.every((t, k) => t === target[k])) {
      plan.unchanged++;
      continue;
    }
    // A cue as the version the file was made from wrote it is no edit: the memory's text for it (a studio save since) stays.
    // Where the version kept each cue's lines, a cue whose words stayed but whose lines or spaces changed is an edit.
    const sourceOf = (k: number) => sources.get(unit.cueIds[k]!)!;
    const asWritten = unit.cueIds.map((id, k) => dating !== undefined && wroteAsLaidOut(dating.version, sourceOf(k), hashes.get(id)!, layouts.get(id)!));
    if (asWritten.every(Boolean)) {
      // The same words as the memory, broken otherwise: nothing to say. Else the memory's text is the newer one.
      const same = sameLength && stored.target.every((t, k) => cueTextHash(t) === hashes.get(unit.cueIds[k]!));
      if (stored !== undefined && !same) diagnostics.push(messages.olderText(unit.cueIds[0]!, dating!.version.at, stored, unit.id));
      plan.unchanged++;
      continue;
    }
    // A text subloc wrote for another source cue, never for this one: the file's cue fell on a neighbour (a new cut moved
    // the times, the file drifts). Taken, it would be a reviewed translation on the wrong cue.
    const misplaced = unit.cueIds.findIndex((id, k) => !asWritten[k] && ofAnotherCue(sourceOf(k), hashes.get(id)!));
    if (misplaced >= 0) {
      diagnostics.push(messages.textOfAnotherCue(unit.cueIds[misplaced]!, unit.id));
      plan.skipped++;
      continue;
    }
    // Without the lines a version wrote, the memory's words broken otherwise are no edit: the layout may be the fitter's.
    if (version?.layouts === undefined && sameLength && stored.target.every((t, k) => isTextBroken(t, lines[k]!, opts.language))) {
      plan.unchanged++;
      continue;
    }
    // An edit made for a source text the cue did not have when the file was made is not laid on the new one.
    const moved = version === undefined ? -1 : unit.cueIds.findIndex((_, k) => !asWritten[k] && version.cues[sourceOf(k)] === undefined);
    if (moved >= 0) {
      diagnostics.push(messages.sourceChangedSinceWritten(unit.cueIds[moved]!, version!.at, unit.id));
      plan.skipped++;
      continue;
    }
    const reviewer = opts.reviewer ?? UNKNOWN_REVIEWER;
    // A file that cannot be dated may be older than any save: a reviewer's work is not replaced by it. A dated one
    // conflicts where a cue it edits was changed by a reviewer since, its importer too (an entry holds one reviewer for
    // its sentence, who may not have written each cue of it); a change to its other cues is kept beside the edit.
    const changedSince = (k: number) => stored !== undefined && stored.target[k] !== undefined && !wrote(version!, sourceOf(k), cueTextHash(stored.target[k]));
    const conflict =
      stored !== undefined &&
      stored.byReviewer === true &&
      (version === undefined ? reviewedByAnother(stored, reviewer) : Date.parse(stored.updatedAt) > Date.parse(version.at) && asWritten.some((w, k) => !w && changedSince(k)));
    if (conflict) {
      const k = Math.max(0, unit.cueIds.findIndex((_, i) => !asWritten[i] && (version === undefined ? target[i] !== stored.target[i] : changedSince(i))));
      const cue = { id: unit.cueIds[k]!, target: target[k]! };
      const held = { ...stored, target: stored.target[k] ?? '' };
      diagnostics.push(version === undefined ? messages.undatedFile(cue, held, unit.id) : messages.changedSinceWritten(cue, held, version.at, unit.id));
      plan.skipped++;
      continue;
    }
    const merged = stored !== undefined && stored.target.length === target.length ? target.map((t, k) => (asWritten[k] ? stored.target[k]! : t)) : target;
    const cueStatus = keptStatuses(stored, merged, () => 'reviewed');
    const status = lowestStatus(cueStatus);
    const entry = entryFor(unit, merged, status, opts.provider, reviewer, opts, stored);
    if (cueStatus.some((c) => c !== status)) entry.cueStatus = cueStatus;
    const k = stored === undefined ? -1 : lowered(entry, stored);
    if (stored !== undefined && k >= 0) {
      diagnostics.push(messages.belowStoredInFile({ id: unit.cueIds[k]!, target: merged[k]! }, { status: cueStatusIn(stored, k), target: stored.target[k] ?? '' }, unit.id));
      plan.skipped++;
      continue;
    }
    plan.entries.push(entry);
  }
  if (isNonEmpty(untouched)) diagnostics.push(messages.noEditedCue(untouched));
  settleRepeats(plan, opts.units);
  return plan;
}
