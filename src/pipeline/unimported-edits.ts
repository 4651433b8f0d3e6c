import type { MemoryEntry, MemoryStore } from '../memory/store.js';
import type { Lang, Track } from '../model/track.js';
import { unitKey, type Unit } from '../model/unit.js';
import { changedTracks } from './edited-tracks.js';
import { changedXliff } from './review-edits.js';

/** A file of `localize`'s run folder that holds a translator's edits the memory lacks, and the cues they are for. */
export interface UnimportedEdit {
  path: string;
  cues: string[];
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
  /** What the last run wrote (`readWrittenRecord`). */
  written: ReadonlyMap<string, string>;
  /** ISO 8601 time the planned entries would be given. */
  now: string;
}

/**
 * What a delivery of `target` from the memory would leave out: edits a
 * translator made in place in the run folder's review XLIFF or SRT/WebVTT
 * track that neither `review import` nor `localize` has taken into the
 * memory, each file with the cues whose sentence the edits are for. An edit
 * made for a source text changed since is no cue's, and none is said of a
 * file as subloc wrote it. A review XLIFF that cannot be imported is refused
 * as `localize` refuses it.
 */
export async function unimportedEdits(input: UnimportedEditsInput): Promise<UnimportedEdit[]> {
  const { runDir, title, target, source, sourceLang, units, memory, written, now } = input;
  // A source said twice is one entry: its edit is for every cue that says it.
  const cuesOf = (entries: readonly MemoryEntry[]) => {
    const edited = new Set(entries.map((e) => unitKey(e.source)));
    return units.filter((u) => edited.has(unitKey(u.source))).flatMap((u) => u.cueIds);
  };
  const found: UnimportedEdit[] = [];
  const xliff = await changedXliff({ runDir, title, sourceLang, units, memory, written, now }, target);
  if (xliff !== undefined) found.push({ path: xliff.path, cues: cuesOf(xliff.first.plan.entries) });
  const judge = { source, units, sourceLang, memory, now };
  for (const track of await changedTracks({ runDir, title, target, written, judge })) found.push({ path: track.path, cues: cuesOf(track.entries) });
  return found.filter((f) => f.cues.length > 0);
}
