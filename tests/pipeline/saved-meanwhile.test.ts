import { describe, expect, it } from 'vitest';
import { openMemory } from '../../src/memory/sqlite.js';
import type { MemoryEntry, MemoryStore } from '../../src/memory/store.js';
import type { Unit } from '../../src/model/unit.js';
import { reviewerEntry } from '../../src/pipeline/cue-change.js';
import { draftLanguage } from '../../src/pipeline/draft-language.js';
import type { UnitClaims } from '../../src/pipeline/unit-claims.js';
import type { Translator } from '../../src/translate/translator.js';
import { oneVersion } from '../helpers/versions.js';

const PAIR = { source: 'zh-Hans', target: 'fr-FR' };
const UNITS: Unit[] = [
  { id: '1', cueIds: ['1'], source: ['北京，早上七点。'] },
  { id: '2', cueIds: ['2'], source: ['这座城市有两千多万人口。'] },
];

function entry(source: string, target: string, extra: Partial<MemoryEntry>): MemoryEntry {
  return { sourceLang: PAIR.source, targetLang: PAIR.target, source: [source], target: [target], glossaryVersion: 'g1', provider: 'deepl', status: 'draft', updatedAt: '2026-12-01T10:00:00.000Z', ...extra };
}

/** A reviewer's approvals in the studio, saved while the provider drafts. */
const approved = (source: string, target: string) => entry(source, target, { glossaryVersion: '', provider: 'studio', status: 'approved', reviewer: 'Camille', byReviewer: true, updatedAt: '2026-12-01T11:00:00.000Z' });

/** A provider whose drafts are `MT <source>`, each billed `billed`, and during whose request the studio saves `saved`. */
function savingMeanwhile(memory: MemoryStore, saved: readonly MemoryEntry[], billed: number): Translator {
  return {
    id: 'machine',
    async translate(units, req) {
      await memory.put(saved);
      const drafts = units.map((u) => ({ unitId: u.id, targets: u.source.map((s) => `MT ${s}`), origin: 'machine' as const, provider: 'deepl', billedCharacters: billed }));
      await req.onDrafts?.(drafts, []);
      return drafts;
    },
  };
}

describe('a unit a reviewer saved while the provider drafted', () => {
  it('is in the drafts as the reviewer saved it: a unit the memory had a machine draft for, and one the provider was asked for', async () => {
    const memory = openMemory(':memory:');
    await memory.put([entry(UNITS[0]!.source[0]!, 'MT Pékin', {})]);
    const provider = savingMeanwhile(memory, [approved(UNITS[0]!.source[0]!, 'Pékin, sept heures.'), approved(UNITS[1]!.source[0]!, 'Vingt millions d’habitants.')], 12);
    const { drafts } = await draftLanguage({ units: UNITS, pair: PAIR, memory, versions: oneVersion('g1'), translator: provider, onProgress: () => {} });
    expect(drafts.map((d) => [d.unitId, d.targets, d.status, d.origin])).toEqual([
      ['1', ['Pékin, sept heures.'], 'approved', 'memory-exact'],
      ['2', ['Vingt millions d’habitants.'], 'approved', 'memory-exact'],
    ]);
    // The machine draft asked before the save is not stored over it.
    expect((await memory.exact(UNITS[1]!.source, PAIR, 'g1'))?.target).toEqual(['Vingt millions d’habitants.']);
    await memory.close();
  });

  it('lays a reviewer’s save of some cues of a unit over the provider’s draft of it, every time the sentence is said, and stores the unit whole', async () => {
    const memory = openMemory(':memory:');
    const sentence: Unit = { id: '7', cueIds: ['7', '8'], source: ['市民打来电话，', '说电梯坏了。'] };
    const again: Unit = { id: '30', cueIds: ['30', '31'], source: sentence.source };
    // The studio saves the second cue approved, the first left empty, while the provider drafts the sentence.
    const save = reviewerEntry(sentence, { texts: ['', 'que l’ascenseur est en panne.'], states: ['draft', 'approved'], comments: ['', 'vu'] }, { pair: PAIR, reviewer: 'Camille', now: '2026-12-01T11:00:00.000Z' });
    const provider = savingMeanwhile(memory, [save], 13);
    const { drafts } = await draftLanguage({ units: [sentence, again], pair: PAIR, memory, versions: oneVersion('g1'), translator: provider, onProgress: () => {} });
    for (const d of drafts) expect(d).toMatchObject({ targets: ['MT 市民打来电话，', 'que l’ascenseur est en panne.'], cueStatus: ['draft', 'approved'], status: 'draft', comments: ['', 'vu'], reviewer: 'Camille' });
    expect(drafts.map((d) => d.unitId)).toEqual(['7', '30']);
    expect(await memory.exact(sentence.source, PAIR, 'g1')).toMatchObject({ provider: 'studio', byReviewer: true, target: ['MT 市民打来电话，', 'que l’ascenseur est en panne.'], cueStatus: ['draft', 'approved'] });
    await memory.close();
  });

  it.each([
    ['alone', undefined],
    ['beside other runs (catalog claims)', { pollMs: 1, claim: async (keys: readonly string[]) => keys.map(() => true), release: async () => {} } satisfies UnitClaims],
  ])('when the run is %s, labels the cue the provider filled beside the reviewer’s as this run’s machine draft, the reviewer’s as the memory’s', async (_, claims) => {
    const memory = openMemory(':memory:');
    const sentence: Unit = { id: '7', cueIds: ['7', '8'], source: ['市民打来电话，', '说电梯坏了。'] };
    const save = reviewerEntry(sentence, { texts: ['', 'que l’ascenseur est en panne.'], states: ['draft', 'draft'], comments: ['', ''] }, { pair: PAIR, reviewer: 'Camille', now: '2026-12-01T11:00:00.000Z' });
    const provider = savingMeanwhile(memory, [save], 13);
    const { drafts } = await draftLanguage({ units: [sentence], pair: PAIR, memory, versions: oneVersion('g1'), translator: provider, onProgress: () => {}, ...(claims === undefined ? {} : { claims }) });
    expect(drafts).toMatchObject([{ targets: ['MT 市民打来电话，', 'que l’ascenseur est en panne.'], origin: 'machine', provider: 'deepl', filled: [true, false] }]);
    expect(await memory.exact(sentence.source, PAIR, 'g1')).toMatchObject({ byReviewer: true, filledBy: ['deepl', ''] });
    await memory.close();
  });
});
