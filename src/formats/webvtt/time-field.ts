import { clockTime } from '../shared/clock-time.js';
import type { TimeField } from '../types.js';

const HOUR = 3_600_000;

/** The start or end timestamp of a WebVTT timing line at `text[from, to)`, written again as the line wrote it: `MM:SS.mmm` where it had no hours and the time needs none. */
export function vttTimeField(text: string, from: number, to: number, edge: 'start' | 'end'): TimeField {
  const short = text.slice(from, to).split(':').length === 2;
  return {
    from,
    to,
    write: (times) => {
      const ms = Math.max(0, times[edge]);
      // `clockTime` writes at least two digits of hours: `00:` before `MM:SS.mmm`.
      return short && ms < HOUR ? clockTime(ms, '.').slice(3) : clockTime(ms, '.');
    },
  };
}
