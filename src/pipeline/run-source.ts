import { dayFrames } from '../deliver/timecode.js';
import type { Diagnostic } from '../model/diagnostic.js';
import { FILM } from '../model/frame-rate.js';
import type { Track } from '../model/track.js';
import { fixTiming, type TimingChange } from '../timing/fix-timing.js';
import type { LocalizeOptions } from './options.js';
import { readSourceTrack } from './read-source.js';

export interface RunSource {
  /** The source as the run translates it: timed to the profile when the options say so. */
  track: Track;
  diagnostics: Diagnostic[];
  /** The timing changes, when the options fix the timing. */
  timingChanges?: TimingChange[];
}

/** The source track `localize` cuts into units, read once: every flow over a title's memory (localize, the review studio) cuts the same units. */
export async function runSource(options: Pick<LocalizeOptions, 'input' | 'source' | 'title' | 'encoding' | 'fixTiming' | 'profile' | 'frameRate'>): Promise<RunSource> {
  const read = await readSourceTrack(options);
  if (!options.fixTiming) return { track: read.track, diagnostics: read.diagnostics };
  const rate = options.frameRate ?? FILM;
  // No out-time reaches 24:00:00:00, where timecodes wrap (and DCP writers refuse the track).
  const timed = fixTiming(read.track, { language: options.source, profile: options.profile, frameRate: rate, lastFrame: dayFrames(rate) - 1 });
  return { track: timed.track, diagnostics: [...read.diagnostics, ...timed.findings], timingChanges: timed.changes };
}
