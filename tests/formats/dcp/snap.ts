import { framesToMs, msToFrames } from '../../../src/model/frame-rate.js';
import { screenRow } from '../../../src/model/screen-row.js';
import type { FrameRate, Track } from '../../../src/model/track.js';
import type { Expressible } from '../../helpers/arbitrary-track.js';

/** What both DCP formats can say: styles, one colour, top placement, 20 hours. */
export const DCP_EXPRESSIBLE: Expressible = { italic: true, bold: true, underline: true, colors: ['#ffff00'], placements: [{ vertical: 'top' }], maxMs: 20 * 3600_000 };

/**
 * At most 2 lines, times on a grid, no two cues on screen at once in one
 * row (a DCP would draw them over each other, and its writers say so): what
 * a DCP file keeps exactly.
 */
export function cinemaTrack(track: Track, toGrid: (ms: number) => number, step: (ms: number) => number): Track {
  const ends = new Map<string, number>();
  return {
    ...track,
    cues: track.cues.flatMap((c) => {
      const start = toGrid(c.start);
      const end = Math.max(toGrid(c.end), step(start));
      const row = screenRow(c);
      if (start < (ends.get(row) ?? -Infinity)) return [];
      ends.set(row, end);
      return [{ ...c, start, end, lines: c.lines.slice(0, 2) }];
    }),
  };
}

export function frameGrid(rate: FrameRate): [(ms: number) => number, (ms: number) => number] {
  return [(ms) => framesToMs(msToFrames(ms, rate), rate), (ms) => framesToMs(msToFrames(ms, rate) + 1, rate)];
}

export const TICK_GRID: [(ms: number) => number, (ms: number) => number] = [(ms) => Math.round(ms / 4) * 4, (ms) => ms + 4];
