import type { Cue, FrameRate, Ms } from '../model/track.js';
import type { TimeMap } from './types.js';

/** Why the new times cannot be written in the text's own fields. */
export type RetimeRefusal =
  /** No field of the cue's own writes this time (a TTML paragraph's time inherited from its `<div>`). */
  | { kind: 'unwritten'; cueId: string; edge: 'in' | 'out' }
  /** The field's notation cannot hold the time: it falls between two of the frames it counts. */
  | { kind: 'between-frames'; cueId: string; edge: 'in' | 'out'; time: Ms; counts: FrameRate | undefined }
  /** One field writes the time of two cues (the rows of one DCP subtitle), which the fix moved apart. */
  | { kind: 'shared'; cueId: string; other: string; edge: 'in' | 'out' };

/**
 * The text with each cue's times moved from `before` to `after` where they
 * stand (`map`, from the reader), everything else as it was: a field whose
 * time did not move is left as the file wrote it. `after` holds the cues of
 * `before` in the same order; `rate` is the grid the new times are on.
 */
export function retimeText(map: TimeMap, before: readonly Cue[], after: readonly Cue[], rate: FrameRate): { text: string } | { refused: RetimeRefusal } {
  /** Per field, by where it starts: what it is to hold, and for which cue. */
  const wanted = new Map<number, { to: number; text: string; moved: boolean; cueId: string }>();
  for (let k = 0; k < before.length; k++) {
    const was = before[k]!;
    const now = after[k]!;
    for (const edge of ['start', 'end'] as const) {
      const side = edge === 'start' ? 'in' : 'out';
      const fields = map.cues[k]?.[edge];
      if (fields === undefined) {
        if (was[edge] !== now[edge]) return { refused: { kind: 'unwritten', cueId: was.id, edge: side } };
        continue;
      }
      for (const field of fields) {
        const old = field.write(was, rate);
        const text = field.write(now, rate);
        // Written alike, the time still moved when it was off the grid (an Interop tick past the frame).
        const moved = text !== old || was[edge] !== now[edge];
        if (text === undefined) {
          // A time the notation never held exactly, and that did not move, stays as the file wrote it.
          if (!moved) continue;
          return { refused: { kind: 'between-frames', cueId: was.id, edge: side, time: now[edge], counts: field.counts } };
        }
        const other = wanted.get(field.from);
        if (other !== undefined && other.text !== text) return { refused: { kind: 'shared', cueId: was.id, other: other.cueId, edge: side } };
        if (other === undefined || moved) wanted.set(field.from, { to: field.to, text, moved: moved || other?.moved === true, cueId: other?.cueId ?? was.id });
      }
    }
  }
  const edits = [...wanted].filter(([from, w]) => w.moved && map.text.slice(from, w.to) !== w.text).sort(([a], [b]) => a - b);
  let out = '';
  let last = 0;
  for (const [from, { to, text }] of edits) {
    out += map.text.slice(last, from) + text;
    last = to;
  }
  return { text: out + map.text.slice(last) };
}
