import { oneVersion } from '../helpers/versions.js';
import { describe, expect, it } from 'vitest';
import { openMemory } from '../../src/memory/sqlite.js';
import type { MemoryEntry } from '../../src/memory/store.js';
import type { Unit } from '../../src/model/unit.js';
import { draftLanguage } from '../../src/pipeline/draft-language.js';
import { offline } from '../../src/translate/offline/index.js';
import type { Translator } from '../../src/translate/translator.js';

const PAIR = { source: 'zh-Hans', target: 'fr-FR' };
const NOW = '2026-12-01T10:00:00.000Z';

function reviewed(source: string[], target: string[], status: MemoryEntry['status']): MemoryEntry {
  return { sourceLang: PAIR.source, targetLang: PAIR.target, source, target, glossaryVersion: '', provider: 'xliff', status, reviewer: 'Camille', byReviewer: true, updatedAt: NOW };
}

/** A provider whose drafts are machine drafts, counting the units it is asked for. */
function machine(): Translator & { asked: string[] } {
  const asked: string[] = [];
  return {
    id: 'machine',
    asked,
    async translate(units, req) {
      asked.push(...units.map((u) => u.id));
      const drafts = units.map((u) => ({ unitId: u.id, targets: u.source.map((s) => `MT ${s}`), origin: 'machine' as const, provider: 'deepl', billedCharacters: 12 }));
      await req.onDrafts?.(drafts, []);
      return drafts;
    },
  };
}

// An editor's new cut: a cue inserted before a sentence, or a gap closed, joins cues the reviewer
// approved as sentence units of their own into one unit whose whole source the memory has never seen.
describe('cues whose sentence unit changed since they were reviewed', () => {
  it('keep the approved translation of each earlier unit they hold; only the new cue is drafted', async () => {
    const memory = openMemory(':memory:');
    await memory.put([reviewed(['这座城市有两千多万人口，', '每天超过60,000个来电。'], ['Plus de vingt millions d’habitants,', 'et 60 000 appels par jour.'], 'approved')]);
    const unit: Unit = { id: '2', cueIds: ['2', '3', '4'], source: ['（插入的字幕）', '这座城市有两千多万人口，', '每天超过60,000个来电。'] };
    const provider = machine();
    const { drafts, diagnostics } = await draftLanguage({ units: [unit], pair: PAIR, memory, versions: oneVersion('g1'), translator: provider, onProgress: () => {} });
    expect(provider.asked).toEqual(['2']);
    expect(diagnostics).toEqual([expect.objectContaining({ code: 'memory/regrouped', severity: 'info', cueId: '2', message: expect.stringMatching(/cues 2, 3, 4 now form one sentence unit .*cue 3, 4 keep their approved translation.*cue 2 is drafted/) })]);
    expect(drafts[0]).toMatchObject({
      targets: ['MT （插入的字幕）', 'Plus de vingt millions d’habitants,', 'et 60 000 appels par jour.'],
      cueStatus: ['draft', 'approved', 'approved'],
      status: 'draft',
      reviewer: 'Camille',
    });
    await memory.close();
  });

  it('keep it with nothing to fill the new cue (offline), and the memory holds the new unit for the studio and deliver', async () => {
    const memory = openMemory(':memory:');
    await memory.put([reviewed(['这座城市有两千多万人口，', '每天超过60,000个来电。'], ['Plus de vingt millions,', 'et 60 000 appels.'], 'approved')]);
    const unit: Unit = { id: '2', cueIds: ['2', '3', '4'], source: ['（插入的字幕）', '这座城市有两千多万人口，', '每天超过60,000个来电。'] };
    const { drafts } = await draftLanguage({ units: [unit], pair: PAIR, memory, versions: oneVersion('g1'), translator: offline({ memory, minFuzzy: 1.01 }), onProgress: () => {} });
    expect(drafts[0]).toMatchObject({ targets: ['', 'Plus de vingt millions,', 'et 60 000 appels.'], cueStatus: ['draft', 'approved', 'approved'] });
    expect(await memory.exact(unit.source, PAIR, 'g1')).toMatchObject({ target: ['', 'Plus de vingt millions,', 'et 60 000 appels.'], cueStatus: ['draft', 'approved', 'approved'], byReviewer: true });
    await memory.close();
  });

  it('keep a cue DeepL filled in a reviewer’s sentence DeepL’s, and the memory says which cues of the new unit the provider drafted', async () => {
    const memory = openMemory(':memory:');
    // The reviewer wrote and confirmed the first cue; a run filled the second from DeepL, still a draft.
    await memory.put([{ ...reviewed(['这座城市有两千多万人口，', '每天超过60,000个来电。'], ['Vingt millions d’habitants,', 'MT 每天超过60,000个来电。'], 'draft'), cueStatus: ['reviewed', 'draft'], filledBy: ['', 'deepl'] }]);
    const unit: Unit = { id: '2', cueIds: ['2', '3', '4'], source: ['这座城市有两千多万人口，', '每天超过60,000个来电。', '（插入的字幕）'] };
    const { drafts } = await draftLanguage({ units: [unit], pair: PAIR, memory, versions: oneVersion('g1'), translator: machine(), onProgress: () => {} });
    expect(drafts[0]).toMatchObject({ targets: ['Vingt millions d’habitants,', 'MT 每天超过60,000个来电。', 'MT （插入的字幕）'], filled: [false, false, true], draftedBy: ['', 'deepl', ''] });
    expect((await memory.exact(unit.source, PAIR, 'g1'))?.filledBy).toEqual(['', 'deepl', 'deepl']);
    await memory.close();
  });

  it('are not sent at all when earlier units cover every cue, each cue keeping its own status and comment', async () => {
    const memory = openMemory(':memory:');
    await memory.put([
      reviewed(['北京，早上七点。'], ['Pékin, sept heures.'], 'approved'),
      { ...reviewed(['这座城市有两千多万人口，'], ['Vingt millions d’habitants,'], 'reviewed'), comments: ['à vérifier'] },
    ]);
    const unit: Unit = { id: '1', cueIds: ['1', '2'], source: ['北京，早上七点。', '这座城市有两千多万人口，'] };
    const provider = machine();
    const { drafts } = await draftLanguage({ units: [unit], pair: PAIR, memory, versions: oneVersion('g1'), translator: provider, onProgress: () => {} });
    expect(provider.asked).toEqual([]);
    expect(drafts[0]).toMatchObject({ targets: ['Pékin, sept heures.', 'Vingt millions d’habitants,'], cueStatus: ['approved', 'reviewed'], status: 'reviewed', comments: ['', 'à vérifier'], origin: 'memory-exact' });
    await memory.close();
  });

  it('are not read as a reviewer’s work from a machine draft: the unit is drafted again whole', async () => {
    const memory = openMemory(':memory:');
    await memory.put([{ sourceLang: PAIR.source, targetLang: PAIR.target, source: ['北京，早上七点。'], target: ['MT old'], glossaryVersion: 'g1', provider: 'deepl', status: 'draft', updatedAt: NOW }]);
    const unit: Unit = { id: '1', cueIds: ['1', '2'], source: ['北京，早上七点。', '这座城市有两千多万人口，'] };
    const provider = machine();
    const { drafts } = await draftLanguage({ units: [unit], pair: PAIR, memory, versions: oneVersion('g1'), translator: provider, onProgress: () => {} });
    expect(provider.asked).toEqual(['1']);
    expect(drafts[0]!.targets).toEqual(['MT 北京，早上七点。', 'MT 这座城市有两千多万人口，']);
    await memory.close();
  });

  it('in a dry run are counted from the memory and nothing is written', async () => {
    const memory = openMemory(':memory:');
    await memory.put([reviewed(['北京，早上七点。'], ['Pékin, sept heures.'], 'approved')]);
    const unit: Unit = { id: '1', cueIds: ['1', '2'], source: ['北京，早上七点。', '这座城市有两千多万人口，'] };
    const { drafts } = await draftLanguage({ units: [unit], pair: PAIR, memory, versions: oneVersion('g1'), translator: undefined, onProgress: () => {} });
    expect(drafts[0]).toMatchObject({ targets: ['Pékin, sept heures.', ''], cueStatus: ['approved', 'draft'] });
    expect(await memory.entries()).toHaveLength(1);
    await memory.close();
  });
});

describe('what a batch of drafts costs, once stored', () => {
  it('counts only the drafts the memory keeps: one missing a cue is not stored, and the next run bills it again', async () => {
    const memory = openMemory(':memory:');
    const gapped: Translator = {
      id: 'machine',
      async translate(units, req) {
        const drafts = units.map((u, i) => ({ unitId: u.id, targets: u.source.map((s, k) => (i === 1 && k === 1 ? '' : `MT ${s}`)), origin: 'machine' as const, provider: 'deepl', billedCharacters: 10 }));
        await req.onDrafts?.(drafts, []);
        return drafts;
      },
    };
    const units: Unit[] = [
      { id: '1', cueIds: ['1'], source: ['北京，早上七点。'] },
      { id: '2', cueIds: ['2', '3'], source: ['这座城市有两千多万人口，', '每天有六万个电话。'] },
    ];
    const stored: number[] = [];
    await draftLanguage({ units, pair: PAIR, memory, versions: oneVersion('g1'), translator: gapped, onProgress: () => {}, onStored: (n) => stored.push(n) });
    expect(stored).toEqual([10]);
    expect(await memory.entries()).toHaveLength(1);
    await memory.close();
  });
});

describe('the earlier translation offered for a unit whose source changed', () => {
  it('counts as a reviewer’s work when any of its cues was reviewed or approved, so the new draft needs review', async () => {
    const memory = openMemory(':memory:');
    await memory.put([{ ...reviewed(['北京，早上七点。', '这座城市有两千多万人口，'], ['Pékin, sept heures.', ''], 'draft'), cueStatus: ['approved', 'draft'] }]);
    const unit: Unit = { id: '1', cueIds: ['1', '2'], source: ['北京，早上八点。', '这座城市有两千多万人口，'] };
    const { suggestions } = await draftLanguage({ units: [unit], pair: PAIR, memory, versions: oneVersion('g1'), translator: machine(), onProgress: () => {} });
    expect(suggestions.get('1')).toMatchObject({ targets: ['Pékin, sept heures.', ''], status: 'approved', previous: true });
    await memory.close();
  });

  it('is no earlier version when it is another sentence of the track, or a sentence only shaped like it', async () => {
    const memory = openMemory(':memory:');
    await memory.put([reviewed(['您好，这里是12345。'], ['Hello, this is 12345.'], 'reviewed'), reviewed(['北京，早上七点。'], ['Beijing, 7 a.m.'], 'reviewed')]);
    const units: Unit[] = [
      { id: '3', cueIds: ['3'], source: ['您好，这里是12345。'] },
      { id: '4', cueIds: ['4'], source: ['您好，这里是12345，请问有什么可以帮您？'] },
      // Another film on the same memory.
      { id: '9', cueIds: ['9'], source: ['上海，晚上九点。'] },
    ];
    const { suggestions } = await draftLanguage({ units, pair: PAIR, memory, versions: oneVersion('g1'), translator: machine(), onProgress: () => {} });
    expect(suggestions.get('4')).toMatchObject({ targets: ['Hello, this is 12345.'], previous: false });
    expect(suggestions.get('9')).toMatchObject({ targets: ['Beijing, 7 a.m.'], previous: false });
    await memory.close();
  });

  it('is the sentence\'s own earlier version even when another sentence of the track is nearer', async () => {
    const memory = openMemory(':memory:');
    await memory.put([reviewed(['北京，早上七点。'], ['Beijing, 7 a.m.'], 'reviewed'), reviewed(['北京，今天早上八点。'], ['Beijing, 8 this morning.'], 'approved')]);
    const units: Unit[] = [
      { id: '1', cueIds: ['1'], source: ['北京，早上七点。'] },
      { id: '2', cueIds: ['2'], source: ['北京，早上八点。'] },
    ];
    const { suggestions } = await draftLanguage({ units, pair: PAIR, memory, versions: oneVersion('g1'), translator: machine(), onProgress: () => {} });
    expect(suggestions.get('2')).toMatchObject({ targets: ['Beijing, 8 this morning.'], status: 'approved', previous: true });
    await memory.close();
  });
});

// A short cue closes many sentences: one that ends another sentence of the memory (another film on a shared memory) is no re-cut of it.
describe('a cue shared with another sentence unit of the memory, and nothing else', () => {
  const other = reviewed(['他笑着说', '谢谢。'], ['Il a dit en riant :', 'merci.'], 'approved');

  it('does not lend that sentence its approved translation where it stands in a unit with other cues', async () => {
    const memory = openMemory(':memory:');
    await memory.put([other]);
    const unit: Unit = { id: '5', cueIds: ['5', '6'], source: ['谢谢。', '再见。'] };
    const provider = machine();
    const { drafts, diagnostics } = await draftLanguage({ units: [unit], pair: PAIR, memory, versions: oneVersion('g1'), translator: provider, onProgress: () => {} });
    expect(provider.asked).toEqual(['5']);
    expect(drafts[0]).toMatchObject({ targets: ['MT 谢谢。', 'MT 再见。'] });
    expect(diagnostics).toEqual([]);
    await memory.close();
  });

  it('offers it for a unit of that one cue only as a draft to confirm, never as approved', async () => {
    const memory = openMemory(':memory:');
    await memory.put([other]);
    const unit: Unit = { id: '7', cueIds: ['7'], source: ['谢谢。'] };
    const provider = machine();
    const { drafts } = await draftLanguage({ units: [unit], pair: PAIR, memory, versions: oneVersion('g1'), translator: provider, onProgress: () => {} });
    expect(provider.asked).toEqual([]);
    expect(drafts[0]).toMatchObject({ targets: ['merci.'] });
    expect(drafts[0]?.cueStatus ?? [drafts[0]?.status]).toEqual(['draft']);
    await memory.close();
  });

  it('lends nothing over the unit’s own exact entry, however much newer that sentence is', async () => {
    const memory = openMemory(':memory:');
    const own: MemoryEntry = { sourceLang: PAIR.source, targetLang: PAIR.target, source: ['谢谢。'], target: ['Merci bien.'], glossaryVersion: 'g1', provider: 'deepl', status: 'draft', updatedAt: '2026-01-01T00:00:00.000Z' };
    await memory.put([own, other]);
    const unit: Unit = { id: '7', cueIds: ['7'], source: ['谢谢。'] };
    const { drafts, diagnostics } = await draftLanguage({ units: [unit], pair: PAIR, memory, versions: oneVersion('g1'), translator: machine(), onProgress: () => {} });
    expect(drafts[0]).toMatchObject({ targets: ['Merci bien.'] });
    expect(diagnostics).toEqual([]);
    await memory.close();
  });

  it('keeps the approved state of a unit split in two where the gap opened, each half beside the other', async () => {
    const memory = openMemory(':memory:');
    await memory.put([reviewed(['这座城市有两千多万人口，', '每天超过60,000个来电', '打进市民服务热线。'], ['Vingt millions d’habitants,', '60 000 appels par jour', 'au numéro des citoyens.'], 'approved')]);
    const units: Unit[] = [
      { id: '2', cueIds: ['2', '3'], source: ['这座城市有两千多万人口，', '每天超过60,000个来电'] },
      { id: '4', cueIds: ['4'], source: ['打进市民服务热线。'] },
    ];
    const provider = machine();
    const { drafts } = await draftLanguage({ units, pair: PAIR, memory, versions: oneVersion('g1'), translator: provider, onProgress: () => {} });
    expect(provider.asked).toEqual([]);
    expect(drafts.map((d) => [d.targets, d.cueStatus ?? d.status])).toEqual([
      [['Vingt millions d’habitants,', '60 000 appels par jour'], 'approved'],
      [['au numéro des citoyens.'], 'approved'],
    ]);
    await memory.close();
  });
});

describe('a draft a weak match lent', () => {
  it('is nobody’s decision, and not stored as the unit’s: the next film does not take it as a reviewer’s sentence', async () => {
    const memory = openMemory(':memory:');
    await memory.put([reviewed(['他笑着说', '谢谢。'], ['Il a dit en riant :', 'merci.'], 'approved')]);
    const { drafts: lent } = await draftLanguage({ units: [{ id: '7', cueIds: ['7'], source: ['谢谢。'] }], pair: PAIR, memory, versions: oneVersion('g1'), translator: machine(), onProgress: () => {} });
    expect(lent[0]).toMatchObject({ targets: ['merci.'], status: 'draft' });
    expect(lent[0]?.reviewer).toBeUndefined();
    // Stored, it would be the unit's exact entry, and hide a reviewer's later work on the sentence (see below).
    expect(await memory.exact(['谢谢。'], PAIR, 'g1')).toBeUndefined();
    const provider = machine();
    const { drafts } = await draftLanguage({ units: [{ id: '3', cueIds: ['3', '4'], source: ['好的，', '谢谢。'] }], pair: PAIR, memory, versions: oneVersion('g1'), translator: provider, onProgress: () => {} });
    expect(provider.asked).toEqual(['3']);
    expect(drafts[0]?.targets).toEqual(['MT 好的，', 'MT 谢谢。']);
    await memory.close();
  });
});

describe('an approved sentence that lost a cue, where an earlier cut left an exact entry for the cue still there', () => {
  const cue2 = '这座城市有两千多万人口，';
  const sentence = { ...reviewed([cue2, '每天超过60,000个来电。'], ['T2 Vingt millions d’habitants,', 'T3 et 60 000 appels.'], 'approved'), updatedAt: '2026-12-05T10:00:00.000Z' };
  const unit: Unit = { id: '2', cueIds: ['2'], source: [cue2] };
  const draft = (exact: MemoryEntry) => {
    const memory = openMemory(':memory:');
    return memory.put([exact, sentence]).then(() => draftLanguage({ units: [unit], pair: PAIR, memory, versions: oneVersion('g1'), translator: machine(), onProgress: () => {} }));
  };

  it('takes the approved sentence’s words over an older reviewed entry, as a draft to review with the sentence beside it', async () => {
    const { drafts, suggestions, diagnostics } = await draft({ ...reviewed([cue2], ['Une ville de vingt millions.'], 'reviewed'), updatedAt: '2026-11-28T10:00:00.000Z' });
    expect(drafts[0]).toMatchObject({ targets: ['T2 Vingt millions d’habitants,'], status: 'draft' });
    expect(suggestions.get('2')).toMatchObject({ targets: ['T2 Vingt millions d’habitants, T3 et 60 000 appels.'], status: 'approved', previous: true });
    expect(diagnostics.map((d) => d.code)).toEqual(['memory/regrouped']);
  });

  it('keeps an older machine draft of the cue, the approved sentence beside it', async () => {
    const { drafts, suggestions, diagnostics } = await draft({ sourceLang: PAIR.source, targetLang: PAIR.target, source: [cue2], target: ['MT ville'], glossaryVersion: 'g1', provider: 'deepl', status: 'draft', updatedAt: '2026-11-28T10:00:00.000Z' });
    expect(drafts[0]).toMatchObject({ targets: ['MT ville'] });
    expect(suggestions.get('2')).toMatchObject({ targets: ['T2 Vingt millions d’habitants, T3 et 60 000 appels.'], previous: true });
    expect(diagnostics).toEqual([]);
  });

  it('keeps a reviewer’s entry for the cue alone made after the sentence was approved', async () => {
    const { drafts } = await draft({ ...reviewed([cue2], ['Une ville de vingt millions.'], 'reviewed'), updatedAt: '2026-12-06T10:00:00.000Z' });
    expect(drafts[0]).toMatchObject({ targets: ['Une ville de vingt millions.'], status: 'reviewed' });
  });
});

describe('a reviewed sentence unit a new cut split where a cue was put in, or beside a unit the memory knows', () => {
  const sentence = reviewed(['这座城市有两千多万人口，', '每天超过60,000个来电。'], ['Vingt millions d’habitants,', 'et 60 000 appels par jour.'], 'approved');

  it('keeps both approved cues when the cue put in ends the sentence early (喂？), drafting only that cue', async () => {
    const memory = openMemory(':memory:');
    await memory.put([sentence]);
    const units: Unit[] = [
      { id: '2', cueIds: ['2', '2b'], source: ['这座城市有两千多万人口，', '喂？'] },
      { id: '3', cueIds: ['3'], source: ['每天超过60,000个来电。'] },
    ];
    const provider = machine();
    const { drafts } = await draftLanguage({ units, pair: PAIR, memory, versions: oneVersion('g1'), translator: provider, onProgress: () => {} });
    expect(provider.asked).toEqual(['2']);
    expect(drafts.map((d) => [d.unitId, d.targets, d.cueStatus ?? d.status])).toEqual([
      ['3', ['et 60 000 appels par jour.'], 'approved'],
      ['2', ['Vingt millions d’habitants,', 'MT 喂？'], ['approved', 'draft']],
    ]);
    await memory.close();
  });

  it('keeps the approved cue of a split whose other half the memory already holds (a trailer TMX)', async () => {
    const memory = openMemory(':memory:');
    const { byReviewer: _reviewer, ...trailer } = reviewed(['每天超过60,000个来电。'], ['60 000 appels par jour.'], 'reviewed');
    await memory.put([sentence, { ...trailer, provider: 'tmx' }]);
    const units: Unit[] = [
      { id: '2', cueIds: ['2'], source: ['这座城市有两千多万人口，'] },
      { id: '3', cueIds: ['3'], source: ['每天超过60,000个来电。'] },
    ];
    const provider = machine();
    const { drafts } = await draftLanguage({ units, pair: PAIR, memory, versions: oneVersion('g1'), translator: provider, onProgress: () => {} });
    expect(provider.asked).toEqual([]);
    expect(drafts.find((d) => d.unitId === '2')).toMatchObject({ targets: ['Vingt millions d’habitants,'] });
    expect(drafts.find((d) => d.unitId === '2')?.cueStatus ?? drafts.find((d) => d.unitId === '2')?.status).toEqual('approved');
    await memory.close();
  });
});

describe('an exact entry beside what regrouping builds from reviewed work', () => {
  const at = (day: number) => `2026-12-0${day}T10:00:00.000Z`;
  const dated = (entry: MemoryEntry, day: number): MemoryEntry => ({ ...entry, updatedAt: at(day) });
  // The editor opens a gap between the two cues: two units, each with its neighbour the other half of the sentence.
  const split: Unit[] = [
    { id: '2', cueIds: ['2'], source: ['这座城市有两千多万人口，'] },
    { id: '3', cueIds: ['3'], source: ['每天超过60,000个来电。'] },
  ];

  it('gives way to the reviewer’s newer approved sentence: a gap opened, closed and approved, opened again ships the newer wording', async () => {
    const memory = openMemory(':memory:');
    await memory.put([
      // Day 1 (gap): the run stored cue 2 regrouped from an old reviewed sentence; the reviewer approved cue 3.
      dated(reviewed(['这座城市有两千多万人口，'], ['Ville de vingt millions,'], 'reviewed'), 1),
      dated(reviewed(['每天超过60,000个来电。'], ['DAY1-3'], 'approved'), 1),
      // Day 2 (gap closed): the sentence approved whole.
      dated(reviewed(['这座城市有两千多万人口，', '每天超过60,000个来电。'], ['DAY2-2', 'DAY2-3'], 'approved'), 2),
    ]);
    const { drafts, diagnostics } = await draftLanguage({ units: split, pair: PAIR, memory, versions: oneVersion('g1'), translator: machine(), onProgress: () => {} });
    expect(drafts.map((d) => [d.targets, d.status])).toEqual([
      [['DAY2-2'], 'approved'],
      [['DAY2-3'], 'approved'],
    ]);
    expect(diagnostics).toEqual([
      expect.objectContaining({ code: 'memory/regrouped', cueId: '2', message: expect.stringContaining('cue 2 takes its approved translation, made when it was cut into other sentence units: a higher status than the reviewed one') }),
      expect.objectContaining({ code: 'memory/regrouped', cueId: '3', message: expect.stringContaining('cue 3 takes its approved translation, made when it was cut into other sentence units: newer than, or above, the approved one') }),
    ]);
    // Stored as the units are now: the studio and the next run find the newer wording, and say nothing more.
    expect(await memory.exact(split[1]!.source, PAIR, 'g1')).toMatchObject({ target: ['DAY2-3'], status: 'approved' });
    const again = await draftLanguage({ units: split, pair: PAIR, memory, versions: oneVersion('g1'), translator: machine(), onProgress: () => {} });
    expect(again.drafts.map((d) => d.targets)).toEqual([['DAY2-2'], ['DAY2-3']]);
    expect(again.diagnostics).toEqual([]);
    await memory.close();
  });

  it('keeps the exact entry where it is newer at the same status (a studio save after the cut), or higher', async () => {
    const memory = openMemory(':memory:');
    await memory.put([
      dated(reviewed(['这座城市有两千多万人口，', '每天超过60,000个来电。'], ['OLD-2', 'OLD-3'], 'reviewed'), 1),
      dated(reviewed(['这座城市有两千多万人口，'], ['SAVED-2'], 'reviewed'), 2),
      dated(reviewed(['每天超过60,000个来电。'], ['APPROVED-3'], 'approved'), 1),
    ]);
    const { drafts, diagnostics } = await draftLanguage({ units: split, pair: PAIR, memory, versions: oneVersion('g1'), translator: machine(), onProgress: () => {} });
    expect(drafts.map((d) => d.targets)).toEqual([['SAVED-2'], ['APPROVED-3']]);
    expect(diagnostics).toEqual([]);
    await memory.close();
  });
});
