import type { MemoryEntry, MemoryStatus } from './store.js';

/** Status as a number, for SQL; compare statuses with `compareStatus`. */
export const RANK: Readonly<Record<MemoryStatus, number>> = { draft: 0, reviewed: 1, approved: 2 };

type Weighed = Pick<MemoryEntry, 'status' | 'byReviewer'>;

/** The status of cue `k` of an entry: its own when the reviewer decided cue by cue, else the unit's. */
export function cueStatusIn(entry: Pick<MemoryEntry, 'status' | 'cueStatus'>, k: number): MemoryStatus {
  return entry.cueStatus?.[k] ?? entry.status;
}

/** The lowest of some statuses: a unit's, of its cues' (the unit is as far as its least advanced cue). */
export function lowestStatus(statuses: readonly MemoryStatus[]): MemoryStatus {
  return statuses.reduce((low, s) => (RANK[s] < RANK[low] ? s : low));
}

/** The highest of some statuses. */
export function highestStatus(statuses: readonly MemoryStatus[]): MemoryStatus {
  return statuses.reduce((high, s) => (RANK[s] > RANK[high] ? s : high));
}

/** Negative when status `a` is lower than `b`, 0 when the same, positive when higher. */
export function compareStatus(a: MemoryStatus, b: MemoryStatus): number {
  return RANK[a] - RANK[b];
}

/**
 * Which of two entries for one unit carries more weight: the higher status,
 * then, at equal status, a reviewer's own decision over an import or a
 * machine. Negative when `a` weighs less, 0 when as much, positive when more.
 */
export function compareWeight(a: Weighed, b: Weighed): number {
  return compareStatus(a.status, b.status) || Number(a.byReviewer === true) - Number(b.byReviewer === true);
}

/**
 * Whether some cue the stored entry holds at a status of its own (a unit
 * decided cue by cue) is above the same cue of `incoming`: the unit's status
 * is its lowest cue's, so a unit half approved is a draft as a whole, and
 * comparing units alone would let a reviewed import take the approved cue down.
 */
function lowersACue(incoming: Pick<MemoryEntry, 'status' | 'cueStatus'>, stored: Pick<MemoryEntry, 'cueStatus'>): boolean {
  return stored.cueStatus?.some((status, k) => RANK[status] > RANK[cueStatusIn(incoming, k)]) === true;
}

/**
 * The one rule of every write to the memory: an entry replaces the stored one
 * when it weighs more, or as much and is not older, and takes no cue below
 * the status it is stored at. So status is never downgraded, not even a
 * cue's, an import never replaces a reviewer's entry of equal or higher
 * status however new, and an undated entry never replaces one of equal weight.
 */
export function replaces(incoming: Weighed & Pick<MemoryEntry, 'cueStatus' | 'updatedAt'>, stored: Weighed & Pick<MemoryEntry, 'cueStatus' | 'updatedAt'>): boolean {
  if (lowersACue(incoming, stored)) return false;
  const weight = compareWeight(incoming, stored);
  return weight > 0 || (weight === 0 && Date.parse(incoming.updatedAt) >= Date.parse(stored.updatedAt));
}

/**
 * `replaces` for a write checked against the state it was planned on
 * (`PlannedOn`): it replaces what it saw, so whether its clock runs behind
 * the one that wrote that is of no matter; status still never goes down.
 */
export function replacesPlanned(incoming: Weighed & Pick<MemoryEntry, 'cueStatus'>, stored: Weighed & Pick<MemoryEntry, 'cueStatus'>): boolean {
  return !lowersACue(incoming, stored) && compareWeight(incoming, stored) >= 0;
}

/** Whether two answers of `exact` are one state of the unit: the same stored entry, unchanged. */
export function sameState(a: MemoryEntry | undefined, b: MemoryEntry | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return Date.parse(a.updatedAt) === Date.parse(b.updatedAt) && JSON.stringify(stateOf(a)) === JSON.stringify(stateOf(b));
}

function stateOf(e: MemoryEntry): unknown[] {
  return [e.glossaryVersion, e.provider, e.status, e.cueStatus ?? null, e.reviewer ?? null, e.byReviewer === true, e.comments ?? null, e.filledBy ?? null, e.target];
}
