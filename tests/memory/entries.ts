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
