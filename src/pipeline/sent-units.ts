import { randomUUID } from 'node:crypto';
import type { InFlightUnit, InFlightUnits, LockSession } from '../memory/store.js';

/**
 * How much longer than its request may wait for the answer a record lasts:
 * the answer is read, checked and stored in the turns after it arrives,
 * behind whatever else the run does meanwhile (other languages' fitting, a
 * memory slow to commit). Far more than that takes; it only delays a run
 * waiting for units whose run ended before it could store them.
 */
const STORED_WITHIN_MS = 60_000;

/**
 * One run's records of the units it has on their way to the provider, and
 * its view of other runs' (see MemoryStore.inFlight): keys are unit claim
 * keys (unitClaimKey), the memory's exact match of a machine draft.
 */
export interface SentUnits {
  /** For each key, another run's record of it that has not run out, or undefined. */
  others(keys: readonly string[]): Promise<(InFlightUnit | undefined)[]>;
  /** Records `keys` as sent for as long as their answer may take and its storing after. */
  record(keys: readonly string[], answeredWithinMs: number): Promise<void>;
  /** Clears this run's records of `keys`; when the memory cannot, they run out by themselves. */
  clear(keys: readonly string[]): Promise<void>;
  /** How long a run waits before it looks again for units another run has on their way, in ms. */
  readonly pollMs: number;
}

export interface SentUnitsOptions {
  /** What the run does, shown to a run that waits for its units. */
  purpose: string;
  /**
   * Who the run is among the runs on the memory: a catalog job's, as its
   * unit claims, so its attempt run again (after its worker died) does not
   * wait out the records of the requests that died with it. @default a new id
   */
  owner?: string | undefined;
  /** The session of the run lock the run holds (a server memory's): a record is refused once it has ended. */
  session?: LockSession | undefined;
}

export function sentUnits(records: InFlightUnits, options: SentUnitsOptions): SentUnits {
  const holder = { id: options.owner ?? randomUUID(), purpose: options.purpose, session: options.session };
  return {
    pollMs: 1000,
    others: (keys) => records.others(keys, holder.id),
    record: (keys, answeredWithinMs) => records.record(keys, holder, answeredWithinMs + STORED_WITHIN_MS),
    clear: (keys) => records.clear(keys, holder.id).catch(() => undefined),
  };
}
