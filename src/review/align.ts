import type { Diagnostic } from '../model/diagnostic.js';
import { screenRow } from '../model/screen-row.js';
import type { Ms, Placement, Span, Track } from '../model/track.js';
import { messages } from './xliff-messages.js';
import { clock } from './xliff-write.js';

export interface Timed {
  id: string;
  start: Ms;
  end: Ms;
  placement?: Placement;
}

export interface Alignment {
  /** Per source cue id, the lines of the one edited cue that fell on it. */
  byCue: Map<string, Span[][]>;
  /** Source cues that two or more edited cues fell on, or that one edited cue held with another: nothing of them can be imported. */
  merged: Set<string>;
  /** Edited cues that fell on a source cue. */
  matched: number;
  /** How far the edited file was shifted back before aligning (0 when it was not). */
  offset: Ms;
  diagnostics: Diagnostic[];
}

/** Index of the first cue starting at or after `t` (cues sorted by start). */
function lowerBound(cues: readonly Timed[], t: Ms): number {
  let lo = 0;
  let hi = cues.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cues[mid]!.start < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** How far apart starts may be and still vote for a whole-file shift. */
const SHIFT_WINDOW: Ms = 30_000;
/** Starts that differ by less than this vote for the same shift. */
const SHIFT_BUCKET: Ms = 40;

/**
 * The whole-file shift a re-synced edit usually carries: every pair of an
 * edited and a source start within 30 s votes for their distance, and the
 * distance most pairs agree on wins (a shift of several cues included).
 */
function likelyShift(edited: readonly Timed[], sorted: readonly Timed[]): Ms {
  const votes = new Map<number, { count: number; sum: number }>();
  for (const e of edited) {
    for (let k = lowerBound(sorted, e.start - SHIFT_WINDOW); k < sorted.length && sorted[k]!.start <= e.start + SHIFT_WINDOW; k++) {
      const d = sorted[k]!.start - e.start;
      const bucket = Math.round(d / SHIFT_BUCKET);
      const vote = votes.get(bucket) ?? { count: 0, sum: 0 };
      vote.count++;
      vote.sum += d;
      votes.set(bucket, vote);
    }
  }
  let best: { count: number; sum: number; bucket: number } | undefined;
  for (const [bucket, vote] of votes) {
    if (!best || vote.count > best.count || (vote.count === best.count && Math.abs(bucket) < Math.abs(best.bucket))) best = { ...vote, bucket };
  }
  return best === undefined ? 0 : Math.round(best.sum / best.count);
}

interface Match {
  /** The source cue the edited cue overlaps most, when that is at least half of the shorter of the two. */
  best: Timed | undefined;
  /** Every source cue the edited cue holds half or more of, `best` included: two or more is a merge. */
  covered: Timed[];
}

/**
 * For each edited cue, the source cue it overlaps most and the source cues it
 * covers, among the cues in its row of the screen: a sign at the top and the
 * line spoken beneath it share their times, not their text. An edited cue
 * that meets none in its row (a tool that dropped `{\an8}`) is matched
 * among all.
 */
function bestMatches(edited: readonly Timed[], sorted: readonly Timed[], shift: Ms): Match[] {
  const longest = sorted.reduce((m, c) => Math.max(m, c.end - c.start), 0);
  const match = (raw: Timed, sameRow: boolean): Match => {
    const e = { start: raw.start + shift, end: raw.end + shift };
    let best: Timed | undefined;
    let bestOverlap = 0;
    const covered: Timed[] = [];
    // Candidates start before the edited cue ends and no earlier than the longest cue could reach back.
    for (let k = lowerBound(sorted, e.start - longest); k < sorted.length && sorted[k]!.start < e.end; k++) {
      const c = sorted[k]!;
      if (sameRow && screenRow(c) !== screenRow(raw)) continue;
      const overlap = Math.min(c.end, e.end) - Math.max(c.start, e.start);
      if (overlap > 0 && overlap * 2 >= c.end - c.start) covered.push(c);
      if (overlap > bestOverlap) {
        best = c;
        bestOverlap = overlap;
      }
    }
    if (!best) return { best, covered };
    const shorter = Math.min(best.end - best.start, e.end - e.start);
    return bestOverlap * 2 >= shorter ? { best, covered } : { best: undefined, covered };
  };
  return edited.map((raw) => {
    const inRow = match(raw, true);
    return inRow.best === undefined && inRow.covered.length === 0 ? match(raw, false) : inRow;
  });
}

function matchedCount(matches: readonly Match[]): number {
  return matches.filter((m) => m.best !== undefined).length;
}

/**
 * Aligns an edited track (a translator's SRT or WebVTT) to the source cues by
 * timing: an edited cue belongs to the source cue it overlaps most, when the
 * overlap is at least half of the shorter cue. A file shifted as a whole is
 * shifted back first. Edited cues that fall on no cue, source cues that two
 * edited cues fall on (a split), and an edited cue that holds half or more of
 * two source cues (a merge) are reported, never guessed: nothing of them is
 * imported, so no cue's words land on its neighbour.
 */
export function alignByTiming(edited: Track, cues: readonly Timed[]): Alignment {
  const sorted = [...cues].sort((a, b) => a.start - b.start || a.end - b.end);
  const diagnostics: Diagnostic[] = [];
  let offset = 0;
  let matches = bestMatches(edited.cues, sorted, 0);
  const shift = likelyShift(edited.cues, sorted);
  if (shift !== 0) {
    const shifted = bestMatches(edited.cues, sorted, shift);
    if (matchedCount(shifted) > matchedCount(matches)) {
      matches = shifted;
      offset = shift;
      diagnostics.push(messages.offset(-shift));
    }
  }
  const onCue = new Map<string, string[]>();
  const byCue = new Map<string, Span[][]>();
  const merged = new Set<string>();
  edited.cues.forEach((e, k) => {
    const { best, covered } = matches[k]!;
    if (!best) {
      diagnostics.push(messages.unmatched(e.id, clock(e.start)));
      return;
    }
    if (covered.length > 1) {
      for (const c of covered) merged.add(c.id);
      diagnostics.push(messages.merged(e.id, clock(e.start), covered.map((c) => c.id)));
      return;
    }
    onCue.set(best.id, [...(onCue.get(best.id) ?? []), e.id]);
    byCue.set(best.id, e.lines);
  });
  for (const [cueId, editedIds] of onCue) {
    if (editedIds.length < 2) continue;
    merged.add(cueId);
    diagnostics.push(messages.collision(cueId, editedIds));
  }
  for (const cueId of merged) byCue.delete(cueId);
  return { byCue, merged, matched: matchedCount(matches), offset, diagnostics };
}
