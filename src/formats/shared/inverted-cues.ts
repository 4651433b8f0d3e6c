import { diagnostic, type Diagnostic } from '../../model/diagnostic.js';
import type { Cue } from '../../model/track.js';
import { clockTime } from './clock-time.js';

/**
 * Every writer's first check: a cue that ends before it starts (a WebVTT
 * reader keeps one, with a warning) shows in no player, and an SRT reader
 * refuses it. Written all the same, said as an error, so that nothing
 * converts or delivers it.
 */
export function reportInvertedCues(cues: readonly Cue[], diagnostics: Diagnostic[]): void {
  for (const cue of cues) {
    if (cue.end >= cue.start) continue;
    const [start, end] = [clockTime(cue.start, '.'), clockTime(cue.end, '.')];
    diagnostics.push(diagnostic('write/end-before-start', 'error', `cue ${cue.id} ends at ${end}, before it starts at ${start}; expected the end after the start: correct its times in the source`, { cueId: cue.id }));
  }
}
