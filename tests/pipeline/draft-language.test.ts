import { oneVersion } from '../helpers/versions.js';
import pLimit from 'p-limit';
import { describe, expect, it } from 'vitest';
import { openMemory } from '../../src/memory/sqlite.js';
import type { MemoryStore } from '../../src/memory/store.js';
import type { Unit } from '../../src/model/unit.js';
import { draftLanguage } from '../../src/pipeline/draft-language.js';

describe("a language's memory search", () => {
  it('takes turns of the event loop on a long track, so what arrives meanwhile (a DeepL answer) is not held until it ends', async () => {
    const memory = openMemory(':memory:');
    const units: Unit[] = Array.from({ length: 250 }, (_, i) => ({ id: String(i + 1), cueIds: [String(i + 1)], source: [`第${i + 1}句话，市民打来电话。`] }));
    const order: string[] = [];
    // SQLite answers inside each call: without turns the whole search runs before this.
    setImmediate(() => order.push('arrived'));
    const drafted = await draftLanguage({ units, pair: { source: 'zh-Hans', target: 'en-US' }, memory, versions: oneVersion('g1'), translator: undefined, onProgress: () => {} });
    order.push('searched');
    expect(order).toEqual(['arrived', 'searched']);
    expect(drafted.drafts).toEqual([]);
    await memory.close();
  });

  it('searches one language after another when given a turn to search in, so the first is ready to draft first', async () => {
    const memory = openMemory(':memory:');
    const units: Unit[] = Array.from({ length: 250 }, (_, i) => ({ id: String(i + 1), cueIds: [String(i + 1)], source: [`第${i + 1}句话，市民打来电话。`] }));
    const searched: string[] = [];
    const watched: MemoryStore = Object.assign(Object.create(memory) as MemoryStore, {
      fuzzy: (source: readonly string[], pair: { target: string }, min: number) => {
        searched.push(pair.target);
        return memory.fuzzy(source, pair as never, min);
      },
    });
    const draft = (target: string, searchInTurn?: <T>(search: () => Promise<T>) => Promise<T>) =>
      draftLanguage({ units, pair: { source: 'zh-Hans', target }, memory: watched, versions: oneVersion('g1'), translator: undefined, onProgress: () => {}, ...(searchInTurn ? { searchInTurn } : {}) });
    /** Where the searched language changes: each change is one language's search giving way to another's. */
    const switches = () => searched.filter((t, i) => i > 0 && t !== searched[i - 1]).length;

    // Side by side, the searches take turns: the first language is ready only when the last nearly is.
    await Promise.all([draft('en-US'), draft('fr-FR')]);
    expect(switches()).toBeGreaterThan(1);

    searched.length = 0;
    const inTurn = pLimit(1);
    await Promise.all([draft('en-US', (s) => inTurn(s)), draft('fr-FR', (s) => inTurn(s))]);
    expect(searched).toEqual([...Array(250).fill('en-US'), ...Array(250).fill('fr-FR')]);
    await memory.close();
  });
});
