import type { MemoryEntry } from '../../src/memory/store.js';

/** A memory entry with test defaults: zh-Hans → en-US, one cue, a machine draft. */
export function entry(overrides: Partial<MemoryEntry> = {}): MemoryEntry {
  const source = overrides.source ?? ['您好，这里是12345。'];
  return {
    sourceLang: 'zh-Hans',
    targetLang: 'en-US',
    source,
    target: source.map((s) => `EN ${s}`),
    glossaryVersion: 'g1',
    provider: 'deepl',
    status: 'draft',
    updatedAt: '2026-11-01T10:00:00.000Z',
    ...overrides,
  };
}

export const PAIR = { source: 'zh-Hans', target: 'en-US' };

const STATUSES = ['draft', 'reviewed', 'approved'] as const;
/** The units every writer of the many-writers tests writes. */
export const CONTESTED = Array.from({ length: 40 }, (_, i) => `第${i}句`);

/**
 * Writer `w`'s entries for `CONTESTED`: its own status, reviewer flag and
 * time for each unit, so writers conflict. Times differ between writers
 * 0–10 for each unit, so exactly one entry of a unit outranks all the others.
 */
export function writerBatch(w: number): MemoryEntry[] {
  return CONTESTED.map((zh, u) => {
    const status = STATUSES[(w + u) % 3]!;
    return entry({
      source: [zh],
      target: [`writer ${w}`],
      status,
      ...((w + 2 * u) % 4 === 0 && status !== 'draft' ? { byReviewer: true as const, reviewer: `reviewer ${w}` } : {}),
      updatedAt: new Date(Date.UTC(2026, 10, 1 + ((w * 7 + u * 3) % 11))).toISOString(),
    });
  });
}

/** The unit the reviewers of the planned-change tests all change, and reviewer `who`'s change to it, made at `at`. */
export const PLANNED_UNIT = ['两位审校同时修改的句子'];
export function reviewerChange(who: string, at = '2026-11-05T10:00:00.000Z'): MemoryEntry {
  return entry({ source: PLANNED_UNIT, target: [`${who}'s version`], glossaryVersion: '', provider: 'studio', status: 'reviewed', byReviewer: true, reviewer: who, updatedAt: at });
}
