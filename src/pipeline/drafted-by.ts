import { cueStatusIn, highestStatus } from '../memory/precedence.js';
import type { MemoryEntry } from '../memory/store.js';
import { PROVIDER_IDS } from '../translate/providers.js';
import { madeBy } from './held-drafts.js';

const MACHINE_PROVIDERS: ReadonlySet<string> = new Set(PROVIDER_IDS);

/** A provider's draft nobody touched: an earlier run stored it, no reviewer saved or confirmed any of it since. */
export function isMachineDraft(entry: MemoryEntry): boolean {
  return entry.byReviewer !== true && highestStatus(entry.cueStatus ?? [entry.status]) === 'draft' && MACHINE_PROVIDERS.has(madeBy(entry));
}

/**
 * The machine provider whose draft each cue of an entry is (`''`: a
 * person's, or an import's): every cue of a provider's own draft, else the
 * cues a run filled in a reviewer's unit (`filledBy`) that are drafts still.
 */
export function draftedBy(entry: MemoryEntry): string[] {
  if (isMachineDraft(entry)) return entry.target.map(() => madeBy(entry));
  return entry.target.map((_, k) => (cueStatusIn(entry, k) === 'draft' ? (entry.filledBy?.[k] ?? '') : ''));
}
