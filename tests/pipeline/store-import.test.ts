import { describe, expect, it } from 'vitest';
import type { SublocError } from '../../src/errors.js';
import { openMemory } from '../../src/memory/sqlite.js';
import type { MemoryEntry } from '../../src/memory/store.js';
import { reviewedWork, storeImport, type PlannedImport } from '../../src/pipeline/stored-entries.js';
import type { ImportPlan } from '../../src/review/import.js';

const PAIR = { source: 'zh-Hans', target: 'en-US' };
const UNIT = { source: ['热线响了。'] };

function review(who: string, text: string, at: string): MemoryEntry {
  return { sourceLang: 'zh-Hans', targetLang: 'en-US', source: UNIT.source, target: [text], glossaryVersion: '', provider: 'xliff', status: 'reviewed', reviewer: who, byReviewer: true, updatedAt: at };
}

function plan(entries: MemoryEntry[], diagnostics: ImportPlan['diagnostics'] = []): ImportPlan {
  return { entries, unchanged: 0, skipped: 0, refused: false, earlier: [], superseded: [], diagnostics };
}

describe('storing a planned import', () => {
  it('stores nothing over a save that landed while it was planned, and plans again on it', async () => {
    const memory = openMemory(':memory:');
    await memory.put([review('Li', 'The hotline rings.', '2026-12-01T10:00:00.000Z')]);
    const first: PlannedImport = { plan: plan([review('Wang', 'The phone rings.', '2026-12-01T12:00:00.000Z')]), plannedOn: (await reviewedWork(memory, [UNIT], PAIR))([review('Wang', '', '2026-12-01T12:00:00.000Z')]) };
    // A studio save by Li lands after the plan read the memory, before it is stored.
    await memory.put([review('Li', 'The hotline is ringing.', '2026-12-01T11:00:00.000Z')]);
    let plannedAgain = 0;
    const again = async (): Promise<PlannedImport> => {
      plannedAgain++;
      // Planned on what is there now, the import leaves Li's newer save alone (as `review/changed-since` says it).
      return { plan: plan([], [{ severity: 'warning', code: 'review/changed-since', message: 'Li saved it since' }]), plannedOn: [] };
    };
    const stored = await storeImport(memory, 'wang.xliff', first, again);
    expect(plannedAgain).toBe(1);
    expect(stored.plan.diagnostics.map((d) => d.code)).toEqual(['review/changed-since']);
    expect((await memory.exact(UNIT.source, PAIR, ''))?.target).toEqual(['The hotline is ringing.']);
    await memory.close();
  });

  it('gives up after three plans that each found their units changed, storing nothing, and says to import again', async () => {
    const memory = openMemory(':memory:');
    let n = 0;
    const planned = async (): Promise<PlannedImport> => {
      const plannedOn = (await reviewedWork(memory, [UNIT], PAIR))([review('Wang', '', '2026-12-01T12:00:00.000Z')]);
      // Someone writes the unit every time, just after it was read.
      await memory.put([review('Li', `Save ${++n}`, `2026-12-01T11:00:0${n}.000Z`)]);
      return { plan: plan([review('Wang', 'The phone rings.', '2026-12-01T12:00:00.000Z'), { ...review('Wang', 'Other', '2026-12-01T12:00:00.000Z'), source: ['另一句。'] }]), plannedOn };
    };
    const error = await storeImport(memory, 'wang.xliff', await planned(), planned).then(
      () => expect.fail('expected a refusal'),
      (e: unknown) => e as SublocError,
    );
    expect(error).toMatchObject({ code: 'REVIEW_NOT_IMPORTED', file: 'wang.xliff' });
    expect(error.message).toContain('wang.xliff was not imported: 1 of its units changed in the memory each time it was planned (3 times');
    expect((await memory.entries()).map((e) => e.target[0])).toEqual(['Save 3']);
    await memory.close();
  });
});
