import { describe, expect, it } from 'vitest';
import { openMemory } from '../../src/memory/sqlite.js';
import type { Unit } from '../../src/model/unit.js';
import { draftLanguage } from '../../src/pipeline/draft-language.js';

describe("a language's memory search", () => {
  it('takes turns of the event loop on a long track, so what arrives meanwhile (a DeepL answer) is not held until it ends', async () => {
    const memory = openMemory(':memory:');
    const units: Unit[] = Array.from({ length: 250 }, (_, i) => ({ id: String(i + 1), cueIds: [String(i + 1)], source: [`第${i + 1}句话，市民打来电话。`] }));
    const order: string[] = [];
    // SQLite answers inside each call: without turns the whole search runs before this.
    setImmediate(() => order.push('arrived'));
    const drafted = await draftLanguage({ units, pair: { source: 'zh-Hans', target: 'en-US' }, memory, glossaryVersion: 'g1', translator: undefined, onProgress: () => {} });
    order.push('searched');
    expect(order).toEqual(['arrived', 'searched']);
    expect(drafted.drafts).toEqual([]);
    await memory.close();
  });
});
