import type { Track } from '../model/track.js';
import type { Draft, Unit } from './translator.js';

/** One unit per cue. Sentence units spanning several cues replace this with the DeepL provider. */
export function cuesToUnits(track: Track): Unit[] {
  return track.cues.map((cue) => ({ id: cue.id, cueIds: [cue.id], lines: cue.lines }));
}

/**
 * The target track: the source's cues, times and placement, with each cue's
 * text replaced by its draft. A cue never takes another cue's draft.
 */
export function applyDrafts(track: Track, drafts: readonly Draft[], target: string): { track: Track; untranslated: string[] } {
  const byCue = new Map<string, Draft>();
  for (const draft of drafts) byCue.set(draft.unitId, draft);
  const untranslated: string[] = [];
  const cues = track.cues.map((cue) => {
    const draft = byCue.get(cue.id);
    if (!draft || !draft.translated) {
      untranslated.push(cue.id);
      return { ...cue, lines: [] };
    }
    return { ...cue, lines: draft.lines };
  });
  const out: Track = { ...track, language: target, cues, meta: { ...track.meta } };
  return { track: out, untranslated };
}
