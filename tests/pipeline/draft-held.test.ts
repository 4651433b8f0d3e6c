import { describe, expect, it } from 'vitest';
import type { MemoryEntry } from '../../src/memory/store.js';
import { openMemory } from '../../src/memory/sqlite.js';
import type { TaggedText } from '../../src/model/tagged-text.js';
import type { Draft, Unit } from '../../src/model/unit.js';
import { draftLanguage } from '../../src/pipeline/draft-language.js';
import type { UnitClaims } from '../../src/pipeline/unit-claims.js';
import type { Translator } from '../../src/translate/translator.js';
import { oneVersion } from '../helpers/versions.js';

const PAIR = { source: 'fr', target: 'en-US' };
const unit: Unit = { id: '2', cueIds: ['2'], source: ['nous avons parlé avec beaucoup de gens dans la ville pendant toute la journée.'] };
/** Far less than any draft of the sentence: its first draft is held. */
const budgets = new Map([['2', [10]]]);
const LONG = ['WE TALKED WITH MANY PEOPLE IN THE CITY ALL DAY LONG.'];

function heldEntry(updatedAt: string): MemoryEntry {
  return { sourceLang: PAIR.source, targetLang: PAIR.target, source: unit.source, target: LONG, glossaryVersion: 'g1', provider: 'deepl:held', status: 'draft', updatedAt };
}

/** A provider that answers each unit with a short draft, as DeepL's second request does, and says what it was given. */
function finishing(before?: () => Promise<void>): Translator & { firstDrafts: (ReadonlyMap<string, readonly TaggedText[]> | undefined)[] } {
  const firstDrafts: (ReadonlyMap<string, readonly TaggedText[]> | undefined)[] = [];
  return {
    id: 'deepl',
    firstDrafts,
    async translate(units, req) {
      firstDrafts.push(req.firstDrafts);
      await before?.();
      const drafts: Draft[] = units.map((u) => ({ unitId: u.id, targets: ['WE TALKED.'], origin: 'machine', provider: 'deepl', billedCharacters: 78 }));
      await req.onDrafts?.(drafts, []);
      return drafts;
    },
  };
}

describe('a first draft another run holds for its second request', () => {
  it('is asked here only the second time when that run stops before it, once its claim is given back', async () => {
    const memory = openMemory(':memory:');
    let polls = 0;
    // Another run holds the unit; it stores its first draft held, then stops without the second answer.
    const claims: UnitClaims = {
      pollMs: 1,
      async claim(keys) {
        if (polls++ === 0) return keys.map(() => false);
        if (polls === 2) await memory.put([heldEntry(new Date().toISOString())]);
        return keys.map(() => polls > 2);
      },
      async release() {},
    };
    const provider = finishing();
    const { drafts } = await draftLanguage({ units: [unit], pair: PAIR, memory, versions: oneVersion('g1'), translator: provider, budgets, claims, onProgress: () => {} });
    expect(provider.firstDrafts).toEqual([new Map([['2', LONG]])]);
    expect(drafts.map((d) => d.targets)).toEqual([['WE TALKED.']]);
    expect(await memory.exact(unit.source, PAIR, 'g1')).toMatchObject({ target: ['WE TALKED.'], provider: 'deepl' });
  });

  it('is replaced by the final draft even when the run that held it stored it again meanwhile', async () => {
    const memory = openMemory(':memory:');
    await memory.put([heldEntry('2026-12-01T10:00:00.000Z')]);
    // The other run's second request failed: it stores its first draft again, held, newer than what this run read.
    const provider = finishing(() => memory.put([heldEntry('2026-12-01T10:05:00.000Z')]).then(() => undefined));
    await draftLanguage({ units: [unit], pair: PAIR, memory, versions: oneVersion('g1'), translator: provider, budgets, onProgress: () => {} });
    expect(provider.firstDrafts).toEqual([new Map([['2', LONG]])]);
    expect(await memory.exact(unit.source, PAIR, 'g1')).toMatchObject({ target: ['WE TALKED.'], provider: 'deepl' });
  });
});

describe('what a language reports as kept in the memory', () => {
  it('counts a unit asked twice once: its final draft, stored over its held first one, adds only the second request', async () => {
    const memory = openMemory(':memory:');
    const billed = [...unit.source[0]!].length;
    // The first draft is held (billed once), then the shorter second one arrives (its billing is both requests').
    const twice: Translator = {
      id: 'twice',
      async translate(units, req) {
        const first: Draft = { unitId: unit.id, targets: LONG, origin: 'machine', provider: 'deepl', billedCharacters: billed };
        await req.onHeld?.([{ ...first, held: true }]);
        const final: Draft = { ...first, targets: ['WE TALKED ALL DAY.'], billedCharacters: 2 * billed };
        await req.onDrafts?.([final], []);
        return units.map(() => final);
      },
    };
    let stored = 0;
    await draftLanguage({ units: [unit], pair: PAIR, memory, versions: oneVersion('g1'), translator: twice, onProgress: () => {}, onStored: (n) => void (stored += n) });
    expect(stored).toBe(2 * billed);
    expect((await memory.exact(unit.source, PAIR, 'g1'))?.target).toEqual(['WE TALKED ALL DAY.']);
    await memory.close();
  });
});
