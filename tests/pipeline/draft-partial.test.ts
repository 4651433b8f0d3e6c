import { oneVersion } from '../helpers/versions.js';
import { describe, expect, it } from 'vitest';
import { openMemory } from '../../src/memory/sqlite.js';
import type { Unit } from '../../src/model/unit.js';
import { reviewerEntry } from '../../src/pipeline/cue-change.js';
import { draftLanguage } from '../../src/pipeline/draft-language.js';
import { offline } from '../../src/translate/offline/index.js';
import type { Translator } from '../../src/translate/translator.js';

const PAIR = { source: 'zh-Hans', target: 'fr-FR' };
const unit: Unit = { id: '7', cueIds: ['7', '8'], source: ['市民打来电话，', '说电梯坏了。'] };

/** What the review studio stores when a reviewer writes the first cue of a unit and leaves the second empty. */
const studioEntry = reviewerEntry(
  unit,
  { texts: ['Une habitante appelle :', ''], states: ['reviewed', 'draft'], comments: ['vérifier le genre', ''] },
  { pair: PAIR, reviewer: 'Camille', now: '2026-12-01T10:00:00.000Z' },
);

/** A provider whose drafts are machine drafts (stored in the memory, as DeepL's are). */
const machine: Translator = {
  id: 'machine',
  async translate(units, req) {
    const drafts = units.map((u) => ({ unitId: u.id, targets: u.source.map((s) => `MT ${s}`), origin: 'machine' as const, provider: 'deepl', billedCharacters: 12 }));
    await req.onDrafts?.(drafts, []);
    return drafts;
  },
};

/** Counts what reaches the provider. */
function counting(translator: Translator): Translator & { asked: string[] } {
  const asked: string[] = [];
  return { id: translator.id, asked, translate: (units, req) => (asked.push(...units.map((u) => u.id)), translator.translate(units, req)) };
}

describe('a unit a reviewer translated only in part', () => {
  it('is drafted again for its empty cues, keeps every cue the reviewer wrote, and is stored whole so the next run bills nothing', async () => {
    const memory = openMemory(':memory:');
    await memory.put([studioEntry]);
    const provider = counting(machine);
    const first = await draftLanguage({ units: [unit], pair: PAIR, memory, versions: oneVersion('g1'), translator: provider, onProgress: () => {} });
    expect(provider.asked).toEqual(['7']);
    const [draft] = first.drafts;
    expect(draft!.targets![0]).toBe('Une habitante appelle :');
    expect(draft!.targets![1]).toBe('MT 说电梯坏了。');
    expect(draft).toMatchObject({ cueStatus: ['reviewed', 'draft'], status: 'draft', comments: ['vérifier le genre', ''], reviewer: 'Camille' });

    const stored = await memory.exact(unit.source, PAIR, 'g1');
    expect(stored).toMatchObject({ target: ['Une habitante appelle :', draft!.targets![1]], cueStatus: ['reviewed', 'draft'], reviewer: 'Camille', byReviewer: true, comments: ['vérifier le genre', ''] });

    const again = counting(machine);
    const second = await draftLanguage({ units: [unit], pair: PAIR, memory, versions: oneVersion('g1'), translator: again, onProgress: () => {} });
    expect(again.asked).toEqual([]);
    expect(second.drafts[0]!.targets).toEqual(draft!.targets);
    await memory.close();
  });

  it.each([
    ['still leaves the second cue empty: the fill goes on top of the new save', ['Une autre habitante appelle :', ''], ['Une autre habitante appelle :', 'MT 说电梯坏了。']],
    ['fills both cues: it stays as saved', ['Une autre habitante appelle :', 'et dit que l’ascenseur est en panne.'], ['Une autre habitante appelle :', 'et dit que l’ascenseur est en panne.']],
  ])('never stores its completion over a save made while its cues were drafted (a save that %s)', async (_, saved, expected) => {
    const memory = openMemory(':memory:');
    await memory.put([studioEntry]);
    const studioSave = reviewerEntry(unit, { texts: saved, states: ['reviewed', saved[1] === '' ? 'draft' : 'reviewed'], comments: ['', ''] }, { pair: PAIR, reviewer: 'Lucie', now: '2026-12-01T11:00:00.000Z' });
    const meanwhile: Translator = {
      id: 'machine',
      async translate(units, req) {
        // The studio saves the unit while DeepL drafts it.
        await memory.put([studioSave], [{ glossaryVersion: 'g1', entry: await memory.exact(unit.source, PAIR, 'g1') }]);
        return machine.translate(units, req);
      },
    };
    const { drafts } = await draftLanguage({ units: [unit], pair: PAIR, memory, versions: oneVersion('g1'), translator: meanwhile, onProgress: () => {} });
    expect((await memory.exact(unit.source, PAIR, 'g1'))?.target).toEqual(expected);
    expect((await memory.exact(unit.source, PAIR, 'g1'))?.reviewer).toBe('Lucie');
    expect(drafts[0]!.targets).toEqual(expected);
    await memory.close();
  });

  it('keeps what the reviewer wrote when nothing can fill the rest (offline, no match)', async () => {
    const memory = openMemory(':memory:');
    await memory.put([studioEntry]);
    const { drafts } = await draftLanguage({ units: [unit], pair: PAIR, memory, versions: oneVersion('g1'), translator: offline({ memory, minFuzzy: 1.01 }), onProgress: () => {} });
    expect(drafts[0]).toMatchObject({ targets: ['Une habitante appelle :', ''], cueStatus: ['reviewed', 'draft'], reviewer: 'Camille' });
    expect(await memory.entries()).toEqual([studioEntry]);
    await memory.close();
  });
});

describe('a unit a reviewer translated only in part, its empty cues asked alone', () => {
  it('stores the shorter second draft of a cue held over its budget, not the first', async () => {
    const memory = openMemory(':memory:');
    await memory.put([studioEntry]);
    // The empty cue's first draft is held over its budget, then the shorter one arrives.
    const twice: Translator = {
      id: 'twice',
      async translate(units, req) {
        const first = { unitId: unit.id, targets: ['MT the lift in the building is broken again, she says.'], origin: 'machine' as const, provider: 'deepl', billedCharacters: 6 };
        await req.onHeld?.([{ ...first, held: true }]);
        const final = { ...first, targets: ['MT the lift is broken.'], billedCharacters: 12 };
        await req.onDrafts?.([final], []);
        return units.map(() => final);
      },
    };
    const { drafts } = await draftLanguage({ units: [unit], pair: PAIR, memory, versions: oneVersion('g1'), translator: twice, onProgress: () => {} });
    expect(drafts[0]?.targets).toEqual(['Une habitante appelle :', 'MT the lift is broken.']);
    expect((await memory.exact(unit.source, PAIR, 'g1'))?.target).toEqual(['Une habitante appelle :', 'MT the lift is broken.']);
    await memory.close();
  });

  it('stores a unit whose text the empty cue repeats, so the next run asks for nothing', async () => {
    const memory = openMemory(':memory:');
    await memory.put([studioEntry]);
    const alone: Unit = { id: '20', cueIds: ['20'], source: ['说电梯坏了。'] };
    const first = counting(machine);
    await draftLanguage({ units: [unit, alone], pair: PAIR, memory, versions: oneVersion('g1'), translator: first, onProgress: () => {} });
    expect(first.asked).toHaveLength(1);
    expect((await memory.exact(alone.source, PAIR, 'g1'))?.target).toEqual(['MT 说电梯坏了。']);
    const again = counting(machine);
    await draftLanguage({ units: [unit, alone], pair: PAIR, memory, versions: oneVersion('g1'), translator: again, onProgress: () => {} });
    expect(again.asked).toEqual([]);
    await memory.close();
  });
});
