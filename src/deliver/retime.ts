import { diagnostic, type Diagnostic } from '../model/diagnostic.js';
import { framesToMs, frameRateLabel, msToFrames } from '../model/frame-rate.js';
import type { Cue, FrameRate, Ms, Track } from '../model/track.js';
import { messages } from './messages.js';
import { dayFrames } from './timecode.js';

export interface DeliveryTiming {
  /** The rate the source track was timed against. */
  source: FrameRate;
  delivery: FrameRate;
  /**
   * Play the picture at the delivery rate (a 25 fps master run at 24 fps):
   * source frame n becomes delivery frame n, so every time is scaled by the
   * speed ratio. Otherwise times are kept and only snapped to the new grid.
   */
  retime: boolean;
  /** Delivery frames added to every time (a `--start 10:00:00:00` offset). */
  startFrames: number;
  /** The source's own programme start (`--source-start 01:00:00:00`), taken off every source time first. */
  sourceStart: Ms;
}

/** The delivery frame a source time lands on: one rounding, from the exact rational time. */
export function deliveryFrame(ms: Ms, timing: DeliveryTiming): number {
  // Retimed, source frame n is delivery frame n: frames = ms × source fps / 1000.
  const fromStart = ms - timing.sourceStart;
  const frames = timing.retime ? msToFrames(fromStart, timing.source) : msToFrames(fromStart, timing.delivery);
  return frames + timing.startFrames;
}

/** The delivery frames a cue spans: at least one, so that no cue vanishes on the frame grid. */
function deliveryFrames(cue: Cue, timing: DeliveryTiming): { start: number; end: number; collapsed: boolean } {
  const start = deliveryFrame(cue.start, timing);
  const end = deliveryFrame(cue.end, timing);
  return end > start ? { start, end, collapsed: false } : { start, end: start + 1, collapsed: true };
}

/** The first cue that would end at or past 24:00:00:00 on the delivery's timecode, where timecodes wrap. */
export function pastDay(track: Track, timing: DeliveryTiming): { cue: Cue; frames: number } | undefined {
  const limit = dayFrames(timing.delivery);
  for (const cue of track.cues) {
    const frames = deliveryFrames(cue, timing).end;
    if (frames >= limit) return { cue, frames };
  }
  return undefined;
}

/**
 * The track on the delivery's frame grid: every time converted (or retimed),
 * offset and snapped to a frame boundary. A cue that snapping would collapse
 * (end at or before start) is shown for one frame, with a warning: dropped,
 * its text would be lost, and `--fix-timing` could not lengthen it; QC's
 * minimum duration still judges it.
 */
export function retimeTrack(track: Track, timing: DeliveryTiming): { track: Track; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const cues: Cue[] = [];
  for (const cue of track.cues) {
    const { start, end, collapsed } = deliveryFrames(cue, timing);
    if (collapsed) diagnostics.push(diagnostic('deliver/collapsed-cue', 'warning', messages.collapsedCue(cue.start, cue.end, frameRateLabel(timing.delivery)), { cueId: cue.id }));
    cues.push({ ...cue, start: framesToMs(start, timing.delivery), end: framesToMs(end, timing.delivery) });
  }
  return { track: { ...track, cues, frameRate: { ...timing.delivery }, meta: { ...track.meta } }, diagnostics };
}

/** The track with the programme start taken off again, for a format whose times count from its reel's first frame. */
export function fromReelStart(track: Track, timing: DeliveryTiming): Track {
  if (timing.startFrames === 0) return track;
  const back = (ms: Ms) => framesToMs(msToFrames(ms, timing.delivery) - timing.startFrames, timing.delivery);
  return { ...track, cues: track.cues.map((c) => ({ ...c, start: back(c.start), end: back(c.end) })) };
}
