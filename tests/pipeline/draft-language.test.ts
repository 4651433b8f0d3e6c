import { oneVersion } from '../helpers/versions.js';
import pLimit from 'p-limit';
import { describe, expect, it } from 'vitest';
import { openMemory } from '../../src/memory/sqlite.js';
import type { MemoryEntry, MemoryStore } from '../../src/memory/store.js';
import type { Unit } from '../../src/model/unit.js';
import { draftLanguage } from '../../src/pipeline/draft-language.js';
import type { UnitClaims } from '../../src/pipeline/unit-claims.js';
import type { Translator } from '../../src/translate/translator.js';

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

describe('a sentence reworded after a reviewer confirmed its translation, once its new wording has a machine draft', () => {
  const PAIR = { source: 'zh-Hans', target: 'fr-FR' };
  const CONFIRMED = 'Au plus étroit, la ruelle fait trois mètres.';
  const entry = (source: string, target: string, more: Partial<MemoryEntry> = {}): MemoryEntry => ({
    sourceLang: PAIR.source,
    targetLang: PAIR.target,
    source: [source],
    target: [target],
    glossaryVersion: 'g1',
    provider: 'deepl',
    status: 'draft',
    updatedAt: '2026-12-01T10:00:00.000Z',
    ...more,
  });
  const approved = (source: string, target: string) => entry(source, target, { glossaryVersion: '', provider: 'xliff', status: 'approved', reviewer: 'Camille', byReviewer: true });
  /** A provider the memory should make unnecessary. */
  const unused: Translator = {
    id: 'deepl',
    translate: () => Promise.reject(new Error('asked for a unit the memory holds')),
  };

  it('offers the confirmed translation beside the draft, searching the memory only beside the drafts nobody confirmed', async () => {
    const memory = openMemory(':memory:');
    await memory.put([
      approved('胡同最窄的地方只有三米多宽。', CONFIRMED),
      entry('这条胡同最窄处只有三米多宽。', '[FR] LA RUELLE'),
      approved('北京，早上七点。', 'Pékin, sept heures du matin.'),
      entry('两边停满了车，', '[FR] DES VOITURES'),
    ]);
    const units: Unit[] = ['北京，早上七点。', '这条胡同最窄处只有三米多宽。', '两边停满了车，'].map((text, i) => ({ id: String(i + 1), cueIds: [String(i + 1)], source: [text] }));
    const searched: string[] = [];
    const watched: MemoryStore = Object.assign(Object.create(memory) as MemoryStore, {
      fuzzy: (source: readonly string[], pair: typeof PAIR, min: number, except?: ReadonlySet<string>) => {
        searched.push(source[0]!);
        return memory.fuzzy(source, pair, min, except);
      },
    });
    const { drafts, suggestions } = await draftLanguage({ units, pair: PAIR, memory: watched, versions: oneVersion('g1'), translator: unused, onProgress: () => {} });
    expect(drafts.map((d) => [d.targets, d.origin])).toEqual([
      [['Pékin, sept heures du matin.'], 'memory-exact'],
      [['[FR] LA RUELLE'], 'memory-exact'],
      [['[FR] DES VOITURES'], 'memory-exact'],
    ]);
    expect([...suggestions]).toEqual([['2', { targets: [CONFIRMED], score: expect.any(Number), status: 'approved', previous: true }]]);
    expect(searched).toEqual(['这条胡同最窄处只有三米多宽。', '两边停满了车，']);
    await memory.close();
  });

  it('keeps it beside the draft another run made meanwhile, which this run takes from the memory', async () => {
    const memory = openMemory(':memory:');
    await memory.put([approved('胡同最窄的地方只有三米多宽。', CONFIRMED)]);
    const unit: Unit = { id: '9', cueIds: ['9'], source: ['这条胡同最窄处只有三米多宽。'] };
    // Another run holds the unit, and stores its draft while this one waits.
    const claims: UnitClaims = {
      pollMs: 1,
      async claim(keys) {
        await memory.put([entry(unit.source[0]!, '[FR] LA RUELLE')]);
        return keys.map(() => false);
      },
      async release() {},
    };
    const { drafts, suggestions } = await draftLanguage({ units: [unit], pair: PAIR, memory, versions: oneVersion('g1'), translator: unused, claims, onProgress: () => {} });
    expect(drafts).toMatchObject([{ unitId: '9', targets: ['[FR] LA RUELLE'], origin: 'memory-exact' }]);
    expect(suggestions.get('9')).toMatchObject({ targets: [CONFIRMED], status: 'approved', previous: true });
    await memory.close();
  });
});
