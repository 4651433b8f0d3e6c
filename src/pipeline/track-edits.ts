import { parse } from '../formats/parse.js';
import type { MemoryStore } from '../memory/store.js';
import { hasErrors } from '../model/diagnostic.js';
import type { Track } from '../model/track.js';
import { alignByTiming } from '../review/align.js';
import { planSubtitleImport, type SubtitleImportOptions } from '../review/import.js';
import { reviewedWork, storedEntries, type PlannedImport } from './stored-entries.js';

/** An edited track, and what it is judged against: the source track and its units, the memory, the versions localize wrote. */
export interface TrackEditsInput extends Omit<SubtitleImportOptions, 'stored' | 'provider'> {
  source: Track;
  memory: MemoryStore;
}

/**
 * What an edited track (SRT, WebVTT, TTML, EBU-TT-D, DCP: any format subloc
 * reads) would add to the memory: its cues aligned to the source by timing
 * and weighed against what the memory holds and what each version wrote.
 * Stores nothing.
 */
export async function planTrackEdits(text: string, path: string, input: TrackEditsInput): Promise<PlannedImport> {
  const { source, memory, ...options } = input;
  const pair = { source: options.sourceLang, target: options.language };
  const edited = parse(text, { fileName: path, language: options.language });
  if (hasErrors(edited.diagnostics)) return { plan: { entries: [], unchanged: 0, skipped: 0, refused: true, earlier: [], superseded: [], diagnostics: edited.diagnostics }, plannedOn: [] };
  const reviewed = await reviewedWork(memory, options.units, pair);
  const planned = planSubtitleImport(alignByTiming(edited.track, source.cues), edited.track.cues.length, {
    ...options,
    stored: await storedEntries(memory, options.units, pair),
    provider: edited.track.meta.sourceFormat ?? 'subtitles',
  });
  // What the reader said of the file (a placement or style it dropped, characters it replaced) comes first.
  return { plan: { ...planned, diagnostics: [...edited.diagnostics, ...planned.diagnostics] }, plannedOn: reviewed(planned.entries) };
}
