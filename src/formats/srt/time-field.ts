import { formatTimecode, framesToMs, msToFrames } from '../../model/frame-rate.js';
import type { FrameRate } from '../../model/track.js';
import { clockTime } from '../shared/clock-time.js';
import type { TimeField } from '../types.js';

/** A frame's SMPTE label with `separator` before its frames: `;` stays only at a drop-frame rate, which alone writes it. */
export function frameLabel(frames: number, rate: FrameRate, separator: ':' | ';'): string {
  const text = formatTimecode(Math.max(0, frames), rate);
  return separator === ';' ? text : text.replace(';', ':');
}

/**
 * The start or end time of an SRT timing line at `text[from, to)`, written
 * again as the line wrote it: a frame label at the rate it was read at (`;`
 * kept), else `HH:MM:SS,mmm` with the file's separator (`,`, `.`, or the `:`
 * of `HH:MM:SS:mmm`). `labels`: the rate the label was read at, when it is one.
 */
export function srtTimeField(text: string, from: number, to: number, edge: 'start' | 'end', labels: FrameRate | undefined): TimeField {
  const written = text.slice(from, to);
  if (labels !== undefined) {
    const separator = written.includes(';') ? ';' : ':';
    return {
      from,
      to,
      counts: labels,
      write: (times) => {
        const frames = msToFrames(times[edge], labels);
        return framesToMs(frames, labels) === times[edge] ? frameLabel(frames, labels, separator) : undefined;
      },
    };
  }
  const colons = written.split(':').length - 1;
  const separator = colons === 3 ? ':' : written.includes('.') ? '.' : ',';
  return { from, to, write: (times) => clockTime(Math.max(0, times[edge]), separator) };
}
