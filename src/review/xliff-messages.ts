import { diagnostic, fixedMessage, type Diagnostic, type Location } from '../model/diagnostic.js';
import { excerpt } from '../formats/shared/excerpt.js';
import { STUDIO_PROVIDER, type MemoryStatus } from '../memory/store.js';
import { plainOf, type TaggedText } from '../model/tagged-text.js';
import { quoted } from '../qc/messages.js';

const MAX_LISTED = 5;

function list<T>(items: readonly T[], show: (item: T) => string = (s) => `\`${String(s)}\``): string {
  return items.slice(0, MAX_LISTED).map(show).join(', ') + (items.length > MAX_LISTED ? ` and ${items.length - MAX_LISTED} more` : '');
}

/** A trans-unit of the file: its id and the line it stands on. */
export interface UnitAt {
  id: string;
  line: number;
}

/** A unit found in the file under other cue numbers: its current cue ids and its trans-units. */
interface Moved {
  unit: { cueIds: readonly string[] };
  cues: readonly UnitAt[];
}

/** Every message of reading a review file back (XLIFF, or an edited track) and planning its import; codes are stable. */
export const messages = {
  // ---- reading XLIFF ----
  notXliff: (fileName: string, root: string, at: Location): Diagnostic =>
    diagnostic('xliff/not-xliff', 'error', `${fileName} has the root element \`<${excerpt(root)}>\`; expected \`<xliff version="1.2">\`; nothing was imported`, at),
  version: (version: string, at: Location): Diagnostic =>
    diagnostic('xliff/version', 'error', `\`<xliff version="${excerpt(version)}">\`; expected XLIFF 1.2 (the version subloc writes); export the file as XLIFF 1.2 from the CAT tool; nothing was imported`, at),
  noFile: fixedMessage('xliff/no-file', 'error', '`<xliff>` holds no `<file>` with a `<body>`; expected the `<file>` subloc wrote; nothing was imported'),
  extraFiles: (count: number, at: Location): Diagnostic =>
    diagnostic('xliff/extra-files', 'warning', `found ${count} \`<file>\` elements; expected 1 (subloc writes one per title and language); read the first, ignored the others`, at),
  missingAttribute: (element: string, attribute: string, at: Location): Diagnostic =>
    diagnostic('xliff/missing-attribute', 'error', `\`<${element}>\` has no \`${attribute}\`; expected the one subloc wrote; nothing was imported`, at),
  noSource: (id: string, at: Location): Diagnostic =>
    diagnostic('xliff/no-source', 'error', `\`<trans-unit id="${excerpt(id)}">\` has no \`<source>\`; expected the cue's source text; the cue was skipped`, { ...at, cueId: id }),
  unknownState: (state: string, id: string, at: Location): Diagnostic =>
    diagnostic('xliff/unknown-state', 'warning', `\`<target state="${excerpt(state)}">\` is not an XLIFF 1.2 state subloc knows; expected e.g. translated, signed-off or final; read as an unchecked draft`, { ...at, cueId: id }),
  unsupportedCodes: (codes: readonly string[], id: string, at: Location): Diagnostic =>
    diagnostic('xliff/unsupported-code', 'warning', `inline codes subloc does not carry (${codes.join(', ')}); expected \`<g>\`, \`<bpt>\`/\`<ept>\`, \`<bx>\`/\`<ex>\` or \`<it>\` for italic, bold or underlined, or \`<x ctype="lb"/>\` for a line break; kept their text and dropped the code`, { ...at, cueId: id }),

  trackedDeletions: (id: string, at: Location): Diagnostic =>
    diagnostic(
      'xliff/tracked-changes',
      'warning',
      'the target holds changes tracked by the CAT tool; its deleted text was left out and its added text kept, as if the changes were accepted: accept or reject them in the tool and return the file again if that is not what the reviewer meant',
      { ...at, cueId: id },
    ),

  // ---- planning an XLIFF import ----
  wrongTitle: (found: string, expected: string): Diagnostic =>
    diagnostic('review/wrong-title', 'error', `the file belongs to the title \`${excerpt(found)}\`; expected \`${expected}\` (pass --title or --config for another title); nothing was imported`),
  wrongLanguage: (what: 'source' | 'target', found: string, expected: string): Diagnostic =>
    diagnostic('review/wrong-language', 'error', `the file's ${what} language is \`${excerpt(found)}\`; expected \`${expected}\`; nothing was imported`),
  unknownCues: (units: readonly [UnitAt, ...UnitAt[]]): Diagnostic =>
    diagnostic(
      'review/unknown-cues',
      'error',
      `${units.length === 1 ? 'the trans-unit id' : `${units.length} trans-unit ids`} of the file (${list(units, (u) => `\`${u.id}\` at line ${u.line}`)}) ${units.length === 1 ? 'is not a cue' : 'are not cues'} of the current source track; expected only ids of its cues (was the file made from another version of the track?); nothing was imported`,
      { line: units[0].line, cueId: units[0].id },
    ),
  duplicateCues: (repeats: readonly [UnitAt & { firstLine: number }, ...(UnitAt & { firstLine: number })[]]): Diagnostic =>
    diagnostic(
      'review/duplicate-cues',
      'error',
      `${
        repeats.length === 1
          ? `the trans-unit id \`${repeats[0].id}\` at line ${repeats[0].line} repeats the one at line ${repeats[0].firstLine}`
          : `the trans-unit ids ${list(repeats, (r) => `\`${r.id}\` at line ${r.line} (first at line ${r.firstLine})`)} repeat earlier ones`
      }; expected each cue once (a file written for a source with repeated cue numbers before each cue had an id of its own: run localize again and review the new file); nothing was imported`,
      { line: repeats[0].line, cueId: repeats[0].id },
    ),
  unreadable: (): Diagnostic =>
    diagnostic('review/unreadable', 'error', 'the file could not be read (see the errors above); nothing was imported'),
  partlyReviewed: (unitId: string, done: number, total: number, open: readonly [UnitAt & { empty: boolean }, ...(UnitAt & { empty: boolean })[]]): Diagnostic =>
    diagnostic(
      'review/unit-partly-reviewed',
      'info',
      `unit ${unitId}: ${done} of ${total} cues are reviewed or approved, not ${open.length === 1 ? 'cue' : 'cues'} ${list(open, (c) => `${c.id} (line ${c.line}${c.empty ? ', empty' : ''})`)}; a unit is imported when all its cues are: ${open.some((c) => c.empty) ? 'translate and ' : ''}confirm ${open.length === 1 ? 'it' : 'them'} in the CAT tool (expected state translated, signed-off or final), save, and import again; not imported`,
      { cueId: open[0].id, line: open[0].line },
    ),
  unconfirmedEdit: (cue: UnitAt, state: string): Diagnostic =>
    diagnostic(
      'review/unconfirmed-edit',
      'warning',
      `cue ${cue.id}, line ${cue.line}: its translation was edited but not confirmed (the file says ${state}); expected state translated, signed-off or final: confirm it in the CAT tool, save, and import again; not imported`,
      { cueId: cue.id, line: cue.line },
    ),
  missingCues: (unitId: string, missing: readonly { id: string; source: TaggedText }[]): Diagnostic =>
    diagnostic(
      'review/unit-incomplete',
      'warning',
      `unit ${unitId}: the cue${missing.length === 1 ? '' : 's'} ${list(missing, (c) => `${c.id} ${quoted(plainOf(c.source))}`)} of the current source track ${missing.length === 1 ? 'is' : 'are'} not in the file (the source gained ${missing.length === 1 ? 'a cue' : 'cues'} since it was written); not imported`,
      { cueId: unitId },
    ),
  sourceChanged: (cue: UnitAt & { source: TaggedText }, expected: TaggedText, unitId: string): Diagnostic =>
    diagnostic(
      'review/source-changed',
      'warning',
      `cue ${cue.id}, line ${cue.line}: the file’s source ${quoted(plainOf(cue.source))} differs from the current source track’s ${quoted(plainOf(expected))}; its translation belongs to the old text: it is kept in the memory for that text, offered beside the new draft as a fuzzy match, and unit ${unitId} of the current track was left as it is (run localize and review its new draft)`,
      { cueId: cue.id, line: cue.line },
    ),
  renumbered: (moved: readonly [Moved, ...Moved[]]): Diagnostic =>
    diagnostic(
      'review/renumbered',
      'info',
      `${moved.length === 1 ? '1 unit was' : `${moved.length} units were`} found in the file under other cue numbers, their source text unchanged (${list(moved, (m) => `cue ${m.unit.cueIds[0]} is trans-unit ${m.cues[0]!.id} at line ${m.cues[0]!.line}`)}): the source track was renumbered since the file was written; ${moved.length === 1 ? 'it was' : 'they were'} imported by ${moved.length === 1 ? 'its' : 'their'} source text`,
      { cueId: moved[0].unit.cueIds[0]!, line: moved[0].cues[0]!.line },
    ),
  regrouped: (unit: { cueIds: readonly string[]; source: readonly TaggedText[] }, pieces: readonly { from: number; cues: readonly UnitAt[] }[]): Diagnostic => {
    const inFile = new Set(pieces.flatMap((p) => unit.cueIds.slice(p.from, p.from + p.cues.length)));
    const kept = unit.cueIds.filter((id) => inFile.has(id));
    // Named with their words: a trans-unit of the file may have the number a new cue has now.
    const rest = unit.cueIds.flatMap((id, k) => (inFile.has(id) ? [] : [`${id} ${quoted(plainOf(unit.source[k]!))}`]));
    const first = pieces[0]!.cues[0]!;
    const one = kept.length === 1;
    return diagnostic(
      'review/regrouped',
      'info',
      `cue${one ? '' : 's'} ${kept.join(', ')} (trans-unit${one ? '' : 's'} ${pieces.flatMap((p) => p.cues.map((c) => c.id)).join(', ')} at line ${first.line}) now form${one ? 's' : ''} one sentence unit with cue${rest.length === 1 ? '' : 's'} ${rest.join(', ')}, which ${rest.length === 1 ? 'is' : 'are'} not in the file: ${one ? 'it was' : 'they were'} imported into the new unit, and the next localize drafts the rest`,
      { cueId: kept[0]!, line: first.line },
    );
  },
  sentenceChanged: (cue: UnitAt, sentence: readonly UnitAt[], gone: UnitAt & { source: TaggedText }, unitId: string, kept: boolean): Diagnostic =>
    diagnostic(
      'review/sentence-changed',
      'warning',
      `cue ${cue.id}, line ${cue.line}: its sentence unit in the file (trans-units ${sentence.map((c) => c.id).join(', ')}) holds trans-unit ${gone.id} at line ${gone.line}, whose source ${quoted(plainOf(gone.source))} is in no cue of the current source track; its translation was made for the whole sentence, so unit ${unitId} was not imported${kept ? "; the sentence's confirmed translation is kept in the memory for its old text, offered beside the new draft" : ''} (run localize, review the new draft, and import again)`,
      { cueId: cue.id, line: cue.line },
    ),
  sentenceCutApart: (cue: UnitAt, sentence: readonly UnitAt[], unitId: string): Diagnostic =>
    diagnostic(
      'review/sentence-changed',
      'warning',
      `trans-unit ${cue.id}, line ${cue.line}: its sentence unit in the file (trans-units ${sentence.map((c) => c.id).join(', ')}) was cut apart by the new cut, its cues now in units that are not beside each other; its translation was made for the whole sentence, so it was not imported into unit ${unitId}; the sentence's confirmed translation is kept in the memory for its old text, offered as a memory proposal to the units like it (run localize, review the new draft, and import again)`,
      { cueId: cue.id, line: cue.line },
    ),
  notInSource: (cue: UnitAt & { source: TaggedText; target: TaggedText }): Diagnostic =>
    diagnostic(
      'review/not-in-source',
      'warning',
      `trans-unit ${cue.id}, line ${cue.line}: its source ${quoted(plainOf(cue.source))} is in no cue of the current source track (deleted or changed since the file was written); its translation ${quoted(plainOf(cue.target))} was not imported`,
      { cueId: cue.id, line: cue.line },
    ),
  changedSince: (cue: UnitAt & { target: TaggedText }, stored: { target: TaggedText; status: MemoryStatus; reviewer?: string; updatedAt: string; provider: string }, written: string | undefined, unitId: string): Diagnostic =>
    diagnostic(
      'review/changed-since',
      'warning',
      `cue ${cue.id}, line ${cue.line}: ${stored.reviewer ?? 'a reviewer'} saved ${quoted(plainOf(stored.target))} (${stored.status}) ${stored.provider === STUDIO_PROVIDER ? 'in the review studio' : 'into the memory'} at ${stored.updatedAt}, ${written === undefined ? 'and this file cannot be dated (it has no date of a run, nor a cue as a run wrote it), so it may be older' : `after this file was written (${written})`}; the file’s ${quoted(plainOf(cue.target))} would replace it, so unit ${unitId} was not imported (${stored.provider === STUDIO_PROVIDER ? 'review the cue in the studio, or ' : ''}run localize and review the new file)`,
      { cueId: cue.id, line: cue.line },
    ),
  changedSinceWritten: (cue: { id: string; target: TaggedText }, stored: { target: TaggedText; status: MemoryStatus; reviewer?: string; updatedAt: string; provider: string }, written: string, unitId: string): Diagnostic =>
    diagnostic(
      'review/changed-since',
      'warning',
      `cue ${cue.id}: ${stored.reviewer ?? 'a reviewer'} saved ${quoted(plainOf(stored.target))} (${stored.status}) ${stored.provider === STUDIO_PROVIDER ? 'in the review studio' : 'into the memory'} at ${stored.updatedAt}, after the earliest track this file may have been edited from (${written}); the file’s ${quoted(plainOf(cue.target))} would replace it, so unit ${unitId} was not imported (settle the cue in the review studio: a copy cannot tell whether it was made before or after that save)`,
      { cueId: cue.id },
    ),
  olderText: (cueId: string, written: string, stored: { reviewer?: string; updatedAt: string; provider: string }, unitId: string): Diagnostic =>
    diagnostic(
      'review/older-text',
      'info',
      `cue ${cueId}: the file holds the text subloc wrote at ${written}, untouched; the memory's newer text (${stored.reviewer ?? stored.provider}, ${stored.updatedAt}) was kept, and unit ${unitId} was not imported (to put the older text back, edit the cue in the studio)`,
      { cueId },
    ),
  repeatsDiffer: (cueIds: readonly string[], source: string): Diagnostic =>
    diagnostic(
      'review/repeats-differ',
      'warning',
      `cues ${list(cueIds)} say the same source text (${source}) and the file translates them differently; the memory keeps one translation for a source text, so neither was imported: expected them translated alike (make them the same, then import again)`,
      { cueId: cueIds[0]! },
    ),
  textOfAnotherCue: (cueId: string, unitId: string): Diagnostic =>
    diagnostic(
      'review/text-of-another-cue',
      'warning',
      `cue ${cueId}: the edited cue that falls on it holds the text subloc wrote for another source cue, never for this one; expected this cue's own text or an edit of it (the file's cues may be shifted against this cut), so unit ${unitId} was not imported`,
      { cueId },
    ),
  sourceChangedSinceWritten: (cueId: string, written: string, unitId: string): Diagnostic =>
    diagnostic(
      'review/source-changed',
      'warning',
      `cue ${cueId}: its source text changed after the earliest track this file may have been edited from (${written}); the file's text may translate the old one, so unit ${unitId} was not imported (enter the cue's translation in the review studio, against its new source)`,
      { cueId },
    ),
  undatedFile: (cue: { id: string; target: TaggedText }, stored: { target: TaggedText; status: MemoryStatus; reviewer?: string; updatedAt: string; provider: string }, unitId: string): Diagnostic =>
    diagnostic(
      'review/changed-since',
      'warning',
      `cue ${cue.id}: ${stored.reviewer ?? 'a reviewer'} saved ${quoted(plainOf(stored.target))} (${stored.status}) ${stored.provider === STUDIO_PROVIDER ? 'in the review studio' : 'into the memory'} at ${stored.updatedAt}, and this file cannot be dated (none of its cues is as a version subloc kept wrote it), so it may be older; the file’s ${quoted(plainOf(cue.target))} would replace it, so unit ${unitId} was not imported (settle the cue in the review studio, or run localize and edit the new file)`,
      { cueId: cue.id },
    ),
  belowStoredInFile: (cue: { id: string; target: TaggedText }, stored: { status: MemoryStatus; target: TaggedText }, unitId: string): Diagnostic =>
    diagnostic(
      'review/below-stored',
      'warning',
      `cue ${cue.id}: the file’s ${quoted(plainOf(cue.target))} would replace the memory’s ${stored.status} ${quoted(plainOf(stored.target))}; an edited track is reviewed work, and never replaces ${stored.status} work, so unit ${unitId} was not imported (change the cue in the studio, or in the XLIFF marked ${stored.status === 'approved' ? '`state="final"`' : '`state="signed-off"`'})`,
      { cueId: cue.id },
    ),
  emptyTarget: (cue: UnitAt, unitId: string): Diagnostic =>
    diagnostic('review/empty-target', 'warning', `cue ${cue.id}, line ${cue.line}: marked reviewed but its target is empty; expected a translation; unit ${unitId} was not imported`, { cueId: cue.id, line: cue.line }),
  belowStored: (cue: UnitAt & { target: TaggedText }, status: MemoryStatus, stored: { status: MemoryStatus; target: TaggedText }, unitId: string): Diagnostic =>
    diagnostic(
      'review/below-stored',
      'warning',
      `cue ${cue.id}, line ${cue.line}: the file’s ${quoted(plainOf(cue.target))} is ${status}, but the memory holds it ${stored.status} as ${quoted(plainOf(stored.target))}; a lower status never replaces ${stored.status} work, so unit ${unitId} was not imported (to replace the ${stored.status} text, mark the cue ${stored.status === 'approved' ? 'approved, `state="final"`' : 'reviewed, `state="signed-off"`'}, and import again)`,
      { cueId: cue.id, line: cue.line },
    ),

  // ---- aligning an edited track ----
  offset: (ms: number): Diagnostic =>
    diagnostic('review/timing-offset', 'info', `the edited file's cues are shifted by ${ms > 0 ? '+' : ''}${(ms / 1000).toFixed(3)} s from the source track; aligned after shifting them back`),
  unmatched: (editedId: string, start: string): Diagnostic =>
    diagnostic('review/unmatched-cue', 'warning', `edited cue ${editedId} at ${start} overlaps no source cue by at least half of the shorter one; expected the source track's timings (±half a cue); its text was not imported`, { cueId: editedId }),
  collision: (cueId: string, editedIds: readonly string[]): Diagnostic =>
    diagnostic('review/cues-merged', 'warning', `the edited cues ${list(editedIds)} all fall on source cue ${cueId}; expected one edited cue per source cue (split or merged cues cannot be imported by timing); the cue's unit was not imported`, { cueId }),
  merged: (editedId: string, start: string, cueIds: readonly string[]): Diagnostic =>
    diagnostic(
      'review/cues-merged',
      'warning',
      `edited cue ${editedId} at ${start} holds source cues ${list(cueIds)}; expected one edited cue per source cue (merged cues cannot be split back by timing); their units were not imported`,
      { cueId: editedId },
    ),
  unaligned: (matched: number, total: number): Diagnostic =>
    diagnostic('review/not-aligned', 'error', `only ${matched} of ${total} edited cues overlap a cue of the source track; expected most of them to (is it another title or another cut?); nothing was imported`),
  noEditedCue: (cueIds: readonly string[]): Diagnostic =>
    diagnostic(
      'review/no-edited-cue',
      'info',
      `no cue of the edited file falls on source cue${cueIds.length === 1 ? '' : 's'} ${list(cueIds)}; ${cueIds.length === 1 ? 'its translation was' : 'their translations were'} left as the memory holds ${cueIds.length === 1 ? 'it' : 'them'} (a cue deleted in the file is not a deletion of its subtitle)`,
      { cueId: cueIds[0] },
    ),
  unitUnmatched: (unitId: string, missing: readonly string[]): Diagnostic =>
    diagnostic('review/unit-incomplete', 'warning', `unit ${unitId}: no edited cue for ${list(missing)}; a unit is imported whole; not imported`, { cueId: unitId }),
};
