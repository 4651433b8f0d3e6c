import { cueStatusIn } from '../memory/precedence.js';
import type { MemoryEntry, MemoryStore } from '../memory/store.js';
import type { Diagnostic } from '../model/diagnostic.js';
import type { Lang, Track } from '../model/track.js';
import { unitKey, type Unit } from '../model/unit.js';
import type { ReviewPackage } from '../review/types.js';
import { changedTracks } from './edited-tracks.js';
import type { ImportCommandOptions } from './import-command.js';
import { changedXliff, lostEdits, pendingEdits, type LostEdits } from './review-edits.js';

/**
 * A file of `localize`'s run folder that holds a translator's edits the
 * memory lacks: what `review import` would take from it (cues whose text, or
 * only whose confirmation, approval or note, the memory lacks), and what it
 * cannot take as the file stands.
 */
export interface UnimportedEdit {
  path: string;
  /** Cues whose edited text the import would take. */
  text: string[];
  /** Cues whose text is the memory's, and whose decision (a confirmation, an approval, a note) the import would take. */
  decisions: string[];
  /** An XLIFF's edits `localize` would refuse the language for even after the import (`lostEdits`), but for what the import takes. */
  lost?: LostEdits;
  /** A track's edits the import leaves out (merged or split cues, a cue off its source cue): what it says of them. */
  leftOut?: Diagnostic[];
  /** A track the import refuses whole, and why (nothing said: it is not text). */
  refused?: Diagnostic[];
}

export interface UnimportedEditsInput {
  /** `localize`'s `<out>/<title>`. */
  runDir: string;
  title: string;
  target: Lang;
  source: Track;
  sourceLang: Lang;
  units: readonly Unit[];
  memory: MemoryStore;
  /** The language's package as `localize` would write it from the memory alone: what the next run would carry. */
  held: () => Pick<ReviewPackage, 'cues'>;
  /** What the last run wrote (`readWrittenRecord`). */
  written: ReadonlyMap<string, string>;
  /** ISO 8601 time the planned entries would be given. */
  now: string;
  /** As `ReviewEditsInput.importWith`: the options the `review import` an unimportable XLIFF's refusal names is given. */
  importWith?: ImportCommandOptions;
}

/** Tagged text compared as shipped: line breaks and spacing aside, a word or a style changed is a text changed. */
const shipped = (text: string | null | undefined) => text?.replace(/\s+/g, '');

/**
 * What a delivery of `target` from the memory would leave out, by the rule
 * `localize` refuses the language on: edits a translator made in place in
 * the run folder's review XLIFF or a track (any format) that neither `review
 * import` nor `localize` has taken into the memory, or that no import can
 * take as the file stands (`lostEdits` for an XLIFF; for a track, anything
 * but what subloc wrote, `holdsOnlyWritten`). An edit made for a source text
 * changed since is no cue's, and none is said of a file as subloc wrote it.
 * A review XLIFF that cannot be imported is refused as `localize` refuses it.
 */
export async function unimportedEdits(input: UnimportedEditsInput): Promise<UnimportedEdit[]> {
  const { runDir, title, target, source, sourceLang, units, memory, written, now, importWith } = input;
  const found: UnimportedEdit[] = [];
  const xliff = await changedXliff({ runDir, title, sourceLang, units, memory, written, now, ...(importWith === undefined ? {} : { importWith }) }, target);
  if (xliff !== undefined) {
    const taken = toTake(xliff.first.plan.entries, units, input.held);
    const edits = await pendingEdits(xliff, memory, units);
    const lost = lostEdits(edits, input.held());
    const edit: UnimportedEdit = { path: xliff.path, ...taken };
    if (lost !== undefined) {
      // What the import takes is said as such: `lostEdits` finds it missing from the memory too.
      const takes = new Set([...taken.text, ...taken.decisions]);
      const currentId = new Map(edits.read.cues.map((c) => [c.id, edits.cueIds.get(c) ?? c.id]));
      const left = (ids: readonly string[]) => ids.filter((id) => !takes.has(currentId.get(id) ?? id));
      const rest = { ...lost, other: left(lost.other), notes: left(lost.notes) };
      if (rest.unconfirmed.length + rest.partly.length + rest.other.length + rest.notes.length > 0) edit.lost = rest;
    }
    found.push(edit);
  }
  const judge = { source, units, sourceLang, memory, now };
  for (const { path, plan } of await changedTracks({ runDir, title, target, written, judge })) {
    if (plan === undefined || plan.refused) {
      found.push({ path, text: [], decisions: [], refused: plan?.diagnostics.filter((d) => d.severity === 'error') ?? [] });
      continue;
    }
    const edit: UnimportedEdit = { path, ...toTake(plan.entries, units, input.held) };
    // What the import says of the cues it leaves out comes before what the reader said of the file (a cue number).
    const leftOut = plan.diagnostics.filter((d) => d.severity !== 'info').sort((a, b) => Number(!a.code.startsWith('review/')) - Number(!b.code.startsWith('review/')));
    if (leftOut.length > 0 || plan.skipped > 0) edit.leftOut = leftOut;
    found.push(edit);
  }
  return found.filter((f) => f.text.length + f.decisions.length > 0 || f.lost !== undefined || f.leftOut !== undefined || f.refused !== undefined);
}

/**
 * The cues of what an import would store, each as a text the memory lacks or
 * a decision on the text it holds (a confirmation, an approval, a note; for
 * a unit that differs in none, the reviewer's name it is recorded under). A
 * source said twice is one entry: its edit is for every cue that says it.
 */
function toTake(entries: readonly MemoryEntry[], units: readonly Unit[], held: () => Pick<ReviewPackage, 'cues'>): { text: string[]; decisions: string[] } {
  const taken = { text: [] as string[], decisions: [] as string[] };
  if (entries.length === 0) return taken;
  const now = new Map(held().cues.map((c) => [c.id, c]));
  const byKey = new Map(entries.map((e) => [unitKey(e.source), e]));
  for (const unit of units) {
    const entry = byKey.get(unitKey(unit.source));
    if (entry === undefined) continue;
    const text: string[] = [];
    const decisions: string[] = [];
    unit.cueIds.forEach((id, k) => {
      const cue = now.get(id);
      if (shipped(entry.target[k]) !== shipped(cue?.target)) text.push(id);
      else if (cueStatusIn(entry, k) !== cue?.state || (entry.comments?.[k] ?? '') !== (cue.comment ?? '')) decisions.push(id);
    });
    taken.text.push(...text);
    taken.decisions.push(...(text.length + decisions.length === 0 ? unit.cueIds : decisions));
  }
  return taken;
}
