import type { Cue, Placement } from './track.js';

/**
 * The row of the screen a cue is shown in: its vertical placement, the
 * bottom when it has none (every format's default). Two cues in different
 * rows (a location caption at the top over speech at the bottom, a label in
 * the middle) are on screen together without touching; every writer says
 * the row, so they stay apart in every deliverable.
 */
export function screenRow(cue: Pick<Cue, 'placement'>): Placement['vertical'] {
  return cue.placement?.vertical ?? 'bottom';
}
