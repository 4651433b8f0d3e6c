import { describe, expect, it } from 'vitest';
import { openMemory } from '../../src/memory/sqlite.js';
import type { MemoryEntry } from '../../src/memory/store.js';
import { storedEntries } from '../../src/pipeline/stored-entries.js';
import { span } from '../../src/model/spans.js';
import type { Cue, Track } from '../../src/model/track.js';
import { alignByTiming } from '../../src/review/align.js';
import { planImport, planSubtitleImport, type ImportOptions } from '../../src/review/import.js';
import type { XliffCue, XliffRead } from '../../src/review/xliff-read.js';
import { unitKey, type Unit } from '../../src/model/unit.js';
import { draftedBy } from '../../src/pipeline/drafted-by.js';
import { cueTextHash } from '../../src/review/track-versions.js';

const NOW = '2026-11-28T12:00:00.000Z';
const units: Unit[] = [
  { id: '1', cueIds: ['1', '2'], source: ['市民拨打<i>12345</i>，', '接诉即办。'] },
  { id: '3', cueIds: ['3'], source: ['- 你好！\n- 喂？'] },
  { id: '4', cueIds: ['4'], source: ['热线'] },
];
const options: ImportOptions = { title: 'hotline-beijing', language: 'en-US', sourceLang: 'zh-Hans', units, now: NOW };

function xcue(id: string, source: string, target: string | null, state: XliffCue['state'], extra: Partial<XliffCue> = {}): XliffCue {
  return { id, unitId: id, source, target, state, line: 1, ...extra };
}

function file(cues: XliffCue[], over: Partial<XliffRead> = {}): XliffRead {
  return { title: 'hotline-beijing', sourceLang: 'zh-Hans', targetLang: 'en-US', cues, diagnostics: [], ...over };
}

const reviewed = file([
  xcue('1', '市民拨打<i>12345</i>，', 'Citizens call <i>12345</i>,', 'approved'),
  xcue('2', '接诉即办。', 'swift response.', 'approved', { reviewer: 'Anna' }),
  xcue('3', '- 你好！\n- 喂？', '- Hello!\n- Hi?', 'reviewed'),
  xcue('4', '热线', 'hotline', 'machine'),
]);

describe('planImport', () => {
  it('locates a refusal for ids the track does not have: each id with its line', async () => {
    const stale = file([...reviewed.cues.slice(0, 3), xcue('2~2', 'x', 'y', 'approved', { line: 40 }), xcue('99', 'x', 'y', 'approved', { line: 52 })]);
    const refusal = planImport(stale, options).diagnostics.find((d) => d.code === 'review/unknown-cues')!;
    expect(refusal).toMatchObject({ severity: 'error', line: 40, cueId: '2~2' });
    expect(refusal.message).toBe(
      '2 trans-unit ids of the file (`2~2` at line 40, `99` at line 52) are not cues of the current source track; expected only ids of its cues (was the file made from another version of the track?); nothing was imported',
    );
  });

  it('locates a refusal for two trans-units with one id: the id and both lines', async () => {
    const twice = file([xcue('1', 'a', 'b', 'approved', { line: 10 }), xcue('2', 'c', 'd', 'approved', { line: 16 }), xcue('2', 'e', 'f', 'approved', { line: 22 })]);
    const refusal = planImport(twice, options).diagnostics.find((d) => d.code === 'review/duplicate-cues')!;
    expect(refusal).toMatchObject({ severity: 'error', line: 22, cueId: '2' });
    expect(refusal.message).toBe(
      'the trans-unit id `2` at line 22 repeats the one at line 16; expected each cue once (a file written for a source with repeated cue numbers before each cue had an id of its own: run localize again and review the new file); nothing was imported',
    );
  });

  it('imports units whose cues are all reviewed or approved, with the current source', async () => {
    const plan = planImport(reviewed, options);
    expect(plan.refused).toBe(false);
    expect(plan.entries).toEqual([
      { sourceLang: 'zh-Hans', targetLang: 'en-US', source: units[0]!.source, target: ['Citizens call <i>12345</i>,', 'swift response.'], glossaryVersion: '', provider: 'xliff', status: 'approved', reviewer: 'Anna', byReviewer: true, updatedAt: NOW },
      { sourceLang: 'zh-Hans', targetLang: 'en-US', source: units[1]!.source, target: ['- Hello!\n- Hi?'], glossaryVersion: '', provider: 'xliff', status: 'reviewed', reviewer: 'unknown', byReviewer: true, updatedAt: NOW },
    ]);
    expect(plan.skipped).toBe(1);
  });

  it('lets --reviewer win, and takes the lower status of a unit', async () => {
    const mixed = file([xcue('1', '市民拨打<i>12345</i>，', 'a', 'approved'), xcue('2', '接诉即办。', 'b', 'reviewed')]);
    expect(planImport(mixed, { ...options, reviewer: 'Li' }).entries).toEqual([expect.objectContaining({ status: 'reviewed', reviewer: 'Li' })]);
  });

  it.each([
    ['another title', file(reviewed.cues, { title: 'other-film' }), 'review/wrong-title'],
    ['another target language', file(reviewed.cues, { targetLang: 'fr-FR' }), 'review/wrong-language'],
    ['another source language', file(reviewed.cues, { sourceLang: 'ja' }), 'review/wrong-language'],
    ['a cue the track does not have', file([...reviewed.cues, xcue('99', 'x', 'y', 'approved')]), 'review/unknown-cues'],
    ['a cue twice', file([...reviewed.cues, reviewed.cues[0]!]), 'review/duplicate-cues'],
    ['an unreadable file', file([], { title: '', diagnostics: [{ code: 'xliff/not-well-formed', severity: 'error', message: 'x' }] }), 'review/unreadable'],
  ])('refuses %s and imports nothing', (_, read, code) => {
    const plan = planImport(read, options);
    expect(plan.refused).toBe(true);
    expect(plan.entries).toEqual([]);
    expect(plan.diagnostics).toContainEqual(expect.objectContaining({ code, severity: 'error' }));
  });

  it('leaves out units that are partly reviewed, incomplete or empty; one whose source changed goes in for its old text', async () => {
    const plan = planImport(
      file([
        xcue('1', '市民拨打<i>12345</i>，', 'a', 'approved'),
        xcue('2', '接诉即办。', 'b', 'machine'),
        xcue('3', '- 你好！\n- 喂？ 旧', 'old', 'approved'),
        xcue('4', '热线', null, 'approved'),
      ]),
      options,
    );
    expect(plan.entries).toEqual([expect.objectContaining({ source: ['- 你好！\n- 喂？ 旧'], target: ['old'], status: 'approved' })]);
    expect(plan.earlier.map((cues) => cues.map((c) => c.id))).toEqual([['3']]);
    expect(plan.skipped).toBe(2);
    expect(plan.diagnostics.map((d) => d.code)).toEqual(['review/unit-partly-reviewed', 'review/source-changed', 'review/empty-target']);
    const incomplete = planImport(file([xcue('1', '市民拨打<i>12345</i>，', 'a', 'approved')]), options);
    expect(incomplete.diagnostics).toEqual([expect.objectContaining({ code: 'review/unit-incomplete' })]);
  });

  it('accepts a source re-spaced or re-tagged by a CAT tool', async () => {
    const retagged = file([xcue('4', ' 热线 ', 'hotline', 'reviewed')]);
    expect(planImport(retagged, options).entries).toHaveLength(1);
  });

  it('importing the same file twice changes nothing in the memory', async () => {
    const store = openMemory(':memory:');
    const pair = { source: 'zh-Hans', target: 'en-US' };
    const first = planImport(reviewed, { ...options, stored: await storedEntries(store, units, pair) });
    expect(await store.put(first.entries)).toEqual({ written: 2, unchanged: 0, kept: 0 });
    const before = await store.entries();
    const second = planImport(reviewed, { ...options, stored: await storedEntries(store, units, pair), now: '2026-11-29T08:00:00.000Z' });
    expect(second).toMatchObject({ entries: [], unchanged: 2, refused: false });
    expect(await store.put(second.entries)).toEqual({ written: 0, unchanged: 0, kept: 0 });
    expect(await store.entries()).toEqual(before);
    // An approved unit sent back as merely reviewed leaves the approval alone.
    const lower = file(reviewed.cues.map((c) => (c.state === 'approved' ? { ...c, state: 'reviewed' as const } : c)));
    expect(planImport(lower, { ...options, stored: await storedEntries(store, units, pair) }).unchanged).toBe(2);
    await store.close();
  });
});

// ---- edited SRT/WebVTT ----

function timed(id: string, start: number, end: number, text = ''): Cue {
  return { id, start, end, lines: text.split('|').map((t) => [span(t)]) };
}

const source = [timed('1', 1000, 3000), timed('2', 3100, 5000), timed('3', 6000, 8000), timed('4', 9000, 11000)];

function track(cues: Cue[]): Track {
  return { language: 'en-US', cues, meta: {} };
}

describe('alignByTiming', () => {
  it('matches each edited cue to the source cue it overlaps most', async () => {
    const a = alignByTiming(track([timed('a', 1200, 2900, 'one'), timed('b', 3000, 5200, 'two'), timed('c', 6300, 7600, '- Hi!|- Hello.'), timed('d', 9000, 11000, 'four')]), source);
    expect([...a.byCue.keys()]).toEqual(['1', '2', '3', '4']);
    expect(a.byCue.get('3')).toEqual([[{ text: '- Hi!' }], [{ text: '- Hello.' }]]);
    expect(a).toMatchObject({ matched: 4, offset: 0, diagnostics: [] });
  });

  it('matches a sign at the top and the line spoken beneath it each to its own cue, and a sign whose placement a tool dropped by time alone', async () => {
    const top = (c: Cue): Cue => ({ ...c, placement: { vertical: 'top' } });
    const withSign = [top(timed('1', 1000, 5000)), timed('2', 2000, 4000), timed('3', 6000, 8000)];
    const a = alignByTiming(track([top(timed('a', 1000, 5000, 'PÉKIN')), timed('b', 2000, 4000, 'Bonjour.'), timed('c', 6000, 8000, 'Merci.')]), withSign);
    expect([...a.byCue].map(([id, lines]) => [id, lines[0]![0]!.text])).toEqual([
      ['1', 'PÉKIN'],
      ['2', 'Bonjour.'],
      ['3', 'Merci.'],
    ]);
    expect(a.diagnostics).toEqual([]);
    const dropped = alignByTiming(track([timed('a', 6000, 8000, 'Merci.')]), [top(timed('3', 6000, 8000))]);
    expect([...dropped.byCue.keys()]).toEqual(['3']);
  });

  it('finds a whole-file shift and aligns after shifting back', async () => {
    const shifted = source.map((c, k) => timed(`e${k}`, c.start + 2500, c.end + 2500, `t${k}`));
    const a = alignByTiming(track(shifted), source);
    expect([...a.byCue]).toEqual(source.map((c, k) => [c.id, [[{ text: `t${k}` }]]]));
    expect(a.offset).toBe(-2500);
    expect(a.diagnostics).toEqual([expect.objectContaining({ code: 'review/timing-offset', message: expect.stringContaining('+2.500 s') })]);
  });

  it('reports edited cues that fall on no cue, and two edited cues on one cue', async () => {
    const a = alignByTiming(track([timed('a', 1000, 3000, 'x'), timed('b', 3100, 4000, 'y1'), timed('c', 4000, 5000, 'y2'), timed('d', 20000, 21000, 'z'), timed('e', 8500, 9300, 'w')]), source);
    expect(a.byCue.has('2')).toBe(false);
    expect([...a.merged]).toEqual(['2']);
    expect(a.diagnostics.map((d) => [d.code, d.cueId])).toEqual([
      ['review/unmatched-cue', 'd'],
      ['review/unmatched-cue', 'e'],
      ['review/cues-merged', '2'],
    ]);
  });
  it('reports one edited cue holding two source cues (a merge), and gives its words to neither', async () => {
    // Cues 3 and 4 merged: the edited cue overlaps cue 3 most, and holds all of cue 4 too.
    const a = alignByTiming(track([timed('a', 1000, 3000, 'x'), timed('b', 3100, 5000, 'y'), timed('c', 6000, 11000, 'three and four')]), source);
    expect([...a.byCue.keys()]).toEqual(['1', '2']);
    expect([...a.merged].sort()).toEqual(['3', '4']);
    expect(a.diagnostics).toEqual([
      expect.objectContaining({ code: 'review/cues-merged', cueId: 'c', message: expect.stringContaining('edited cue c at 00:00:06,000 holds source cues `3`, `4`') }),
    ]);
  });

  it('keeps an edited cue that only reaches into its neighbour (a longer out-time) on its own cue', async () => {
    const a = alignByTiming(track([timed('a', 1000, 3900, 'x'), timed('b', 3900, 5000, 'y')]), source);
    expect([...a.byCue.keys()]).toEqual(['1', '2']);
    expect(a.merged.size).toBe(0);
  });
});

describe('planSubtitleImport', () => {
  const subUnits: Unit[] = [
    { id: '1', cueIds: ['1', '2'], source: ['市民拨打', '12345。'] },
    { id: '3', cueIds: ['3'], source: ['你好'] },
    { id: '4', cueIds: ['4'], source: ['热线'] },
  ];
  const opts = { language: 'en-US', sourceLang: 'zh-Hans', units: subUnits, now: NOW, provider: 'srt' };
  const stored = new Map([
    ['你好', ['Hello']],
    ['热线', ['hotline']],
  ]);
  const lookup = (s: readonly string[]) => {
    const target = stored.get(s.join('|'));
    return target && { sourceLang: 'zh-Hans', targetLang: 'en-US', source: [...s], target, glossaryVersion: 'g', provider: 'deepl', status: 'draft' as const, updatedAt: NOW };
  };

  it('imports the changed units as reviewed, whole units only, and counts the unchanged', async () => {
    const edited = track([timed('a', 1100, 3000, 'Citizens|call'), timed('b', 3100, 5000, '12345.'), timed('c', 6000, 8000, 'Hello'), timed('d', 9000, 11000, 'the hotline')]);
    const plan = planSubtitleImport(alignByTiming(edited, source), edited.cues.length, { ...opts, stored: lookup, reviewer: 'Ann' });
    expect(plan.entries).toEqual([
      expect.objectContaining({ source: ['市民拨打', '12345。'], target: ['Citizens\ncall', '12345.'], status: 'reviewed', reviewer: 'Ann', provider: 'srt', glossaryVersion: '' }),
      expect.objectContaining({ source: ['热线'], target: ['the hotline'], status: 'reviewed' }),
    ]);
    expect(plan.unchanged).toBe(1);
  });

  it('leaves out a unit missing a cue or hit by a merge', async () => {
    const edited = track([timed('a', 1100, 3000, 'Citizens'), timed('c', 6000, 7000, 'Hi'), timed('c2', 7000, 8000, 'there'), timed('d', 9000, 11000, 'line')]);
    const plan = planSubtitleImport(alignByTiming(edited, source), edited.cues.length, opts);
    expect(plan.entries.map((e) => e.source)).toEqual([['热线']]);
    expect(plan.skipped).toBe(2);
    expect(plan.diagnostics.map((d) => d.code)).toEqual(['review/cues-merged', 'review/unit-incomplete']);
  });

  it('says which source cues no edited cue fell on (a cue deleted in the file), and leaves their translations', async () => {
    const edited = track([timed('a', 1100, 3000, 'Citizens'), timed('b', 3100, 5000, 'call'), timed('d', 9000, 11000, 'line')]);
    const plan = planSubtitleImport(alignByTiming(edited, source), edited.cues.length, { ...opts, stored: lookup });
    expect(plan.entries.map((e) => e.source)).toEqual([['市民拨打', '12345。'], ['热线']]);
    expect(plan.diagnostics).toEqual([expect.objectContaining({ code: 'review/no-edited-cue', severity: 'info', cueId: '3', message: expect.stringContaining('source cue `3`; its translation was left') })]);
  });

  it('refuses a file most of whose cues fall on no source cue', async () => {
    const edited = track([timed('a', 50000, 52000, 'x'), timed('b', 60000, 62000, 'y'), timed('c', 1000, 3000, 'z')]);
    const plan = planSubtitleImport(alignByTiming(edited, source), edited.cues.length, opts);
    expect(plan).toMatchObject({ refused: true, entries: [] });
    expect(plan.diagnostics).toContainEqual(expect.objectContaining({ code: 'review/not-aligned', severity: 'error' }));
  });
});

describe('planImport, what it says of the units it leaves out', () => {
  it('names the line, the source found and the source expected when a cue’s source changed', () => {
    const plan = planImport(file([xcue('4', '热线电话', 'hotline', 'approved', { line: 31 })]), options);
    expect(plan.diagnostics).toEqual([
      expect.objectContaining({
        code: 'review/source-changed',
        line: 31,
        cueId: '4',
        message:
          'cue 4, line 31: the file’s source "热线电话" differs from the current source track’s "热线"; its translation belongs to the old text: it is kept in the memory for that text, offered beside the new draft as a fuzzy match, and unit 4 of the current track was left as it is (run localize and review its new draft)',
      }),
    ]);
  });

  it('names the line of a reviewed cue with an empty target', () => {
    const plan = planImport(file([xcue('4', '热线', null, 'approved', { line: 12 })]), options);
    expect(plan.diagnostics).toEqual([expect.objectContaining({ code: 'review/empty-target', line: 12, cueId: '4' })]);
  });

  it('says, and does not count as imported, an edit sent back at a lower status than the memory’s approved text', async () => {
    const store = openMemory(':memory:');
    const pair = { source: 'zh-Hans', target: 'en-US' };
    await store.put([{ sourceLang: 'zh-Hans', targetLang: 'en-US', source: ['热线'], target: ['hotline'], glossaryVersion: '', provider: 'xliff', status: 'approved', reviewer: 'Anna', byReviewer: true, updatedAt: NOW }]);
    // Written after the approval: the file is judged on its status alone (an undated one would not replace another's text at all).
    const plan = planImport(file([xcue('4', '热线', 'the hotline', 'reviewed', { line: 20 })], { written: '2026-11-28T13:00:00.000Z' }), { ...options, stored: await storedEntries(store, units, pair) });
    expect(plan).toMatchObject({ entries: [], unchanged: 0, skipped: 1 });
    expect(plan.diagnostics).toEqual([
      expect.objectContaining({
        code: 'review/below-stored',
        severity: 'warning',
        line: 20,
        cueId: '4',
        message:
          'cue 4, line 20: the file’s "the hotline" is reviewed, but the memory holds it approved as "hotline"; a lower status never replaces approved work, so unit 4 was not imported (to replace the approved text, mark the cue approved, `state="final"`, and import again)',
      }),
    ]);
    await store.close();
  });
});

// An editor's new version of the cut, after the file went to the translator: every later cue number shifts.
const A = '北京，早上七点。';
const B = '这座城市有两千多万人口，';
const C = '每天超过六万个来电。';
const D = '热线';
/** The file the translator got: cue 1, the sentence of cues 2 and 3 (its second cue at `third`), and, with `withFourth`, cue 4. */
function cutFile(third: XliffCue['state'], withFourth: boolean) {
  return file([
    xcue('1', A, 'Beijing, 7 a.m.', 'approved', { line: 10 }),
    xcue('2', B, 'A city of twenty million,', 'approved', { unitId: '2', line: 20 }),
    xcue('3', C, 'sixty thousand calls a day.', third, { unitId: '2', line: 30 }),
    ...(withFourth ? [xcue('4', D, 'the hotline', 'reviewed', { line: 40 })] : []),
  ]);
}

describe('planImport of a file written before the source track was renumbered', () => {
  const sent = cutFile('approved', true);

  it('imports each unit by its source text when a cue was inserted, and says the cues were found under other numbers', () => {
    const now: Unit[] = [
      { id: '1', cueIds: ['1'], source: [A] },
      { id: '2', cueIds: ['2'], source: ['（新的字幕）'] },
      { id: '3', cueIds: ['3', '4'], source: [B, C] },
      { id: '5', cueIds: ['5'], source: [D] },
    ];
    const plan = planImport(sent, { ...options, units: now });
    expect(plan.refused).toBe(false);
    expect(plan.entries.map((e) => [e.source, e.target, e.status])).toEqual([
      [[A], ['Beijing, 7 a.m.'], 'approved'],
      [[B, C], ['A city of twenty million,', 'sixty thousand calls a day.'], 'approved'],
      [[D], ['the hotline'], 'reviewed'],
    ]);
    const message =
      '2 units were found in the file under other cue numbers, their source text unchanged (cue 3 is trans-unit 2 at line 20, cue 5 is trans-unit 4 at line 40): the source track was renumbered since the file was written; they were imported by their source text';
    expect(plan.diagnostics).toEqual([expect.objectContaining({ code: 'review/renumbered', severity: 'info', cueId: '3', line: 20, message })]);
  });

  it('imports the others when a cue was deleted, and names the trans-unit of the deleted cue and the rest of its sentence with their lines', () => {
    const now: Unit[] = [
      { id: '1', cueIds: ['1'], source: [A] },
      { id: '2', cueIds: ['2'], source: [C] },
      { id: '3', cueIds: ['3'], source: [D] },
    ];
    const plan = planImport(sent, { ...options, units: now });
    expect(plan.refused).toBe(false);
    // C was translated with B as one sentence: what is left of it is drafted again; the approved sentence is kept for its own text.
    expect(plan.entries.map((e) => [e.source, e.target])).toEqual([
      [[A], ['Beijing, 7 a.m.']],
      [[B, C], ['A city of twenty million,', 'sixty thousand calls a day.']],
      [[D], ['the hotline']],
    ]);
    expect(plan.earlier.map((cues) => cues.map((c) => c.id))).toEqual([['2', '3']]);
    expect(plan.diagnostics).toContainEqual(expect.objectContaining({ code: 'review/sentence-changed', cueId: '2', line: 30, message: expect.stringContaining("the sentence's confirmed translation is kept in the memory for its old text") }));
    expect(plan.diagnostics.map((d) => d.code)).not.toContain('review/not-in-source');
  });

  it('follows two cues whose numbers were swapped, and never puts a translation on the cue that took the other’s number', () => {
    const now: Unit[] = [
      { id: '1', cueIds: ['1'], source: [D] },
      { id: '4', cueIds: ['4'], source: [A] },
    ];
    const plan = planImport(file([xcue('1', A, 'Beijing, 7 a.m.', 'approved'), xcue('4', D, 'the hotline', 'approved')]), { ...options, units: now });
    expect(plan.entries.map((e) => [e.source, e.target])).toEqual([
      [[D], ['the hotline']],
      [[A], ['Beijing, 7 a.m.']],
    ]);
  });
});

describe('planImport of a file older than a studio save of the same cue', () => {
  const pair = { source: 'zh-Hans', target: 'en-US' };
  const saved = { sourceLang: 'zh-Hans', targetLang: 'en-US', source: ['热线'], target: ['the hotline, approved in the studio'], glossaryVersion: '', provider: 'studio', status: 'approved' as const, reviewer: 'Anna', byReviewer: true as const, updatedAt: '2026-11-28T12:00:00.000Z' };

  it('does not put the file’s text over what a reviewer saved in the studio after the file was written, and says so', async () => {
    const store = openMemory(':memory:');
    await store.put([saved]);
    const old = file([xcue('4', '热线', 'hotline', 'approved', { line: 33 })], { written: '2026-11-27T09:00:00.000Z' });
    const plan = planImport(old, { ...options, now: '2026-11-29T08:00:00.000Z', stored: await storedEntries(store, units, pair) });
    expect(plan).toMatchObject({ entries: [], skipped: 1 });
    expect(plan.diagnostics).toEqual([
      expect.objectContaining({
        code: 'review/changed-since',
        severity: 'warning',
        line: 33,
        cueId: '4',
        message:
          'cue 4, line 33: Anna saved "the hotline, approved in the studio" (approved) in the review studio at 2026-11-28T12:00:00.000Z, after this file was written (2026-11-27T09:00:00.000Z); the file’s "hotline" would replace it, so unit 4 was not imported (review the cue in the studio, or run localize and review the new file)',
      }),
    ]);
    await store.close();
  });

  it('imports the file’s text when the studio save is older than the file', async () => {
    const store = openMemory(':memory:');
    await store.put([saved]);
    const newer = file([xcue('4', '热线', 'hotline', 'approved')], { written: '2026-11-28T13:00:00.000Z' });
    const plan = planImport(newer, { ...options, now: '2026-11-29T08:00:00.000Z', stored: await storedEntries(store, units, pair) });
    expect(plan.entries.map((e) => e.target)).toEqual([['hotline']]);
    await store.close();
  });

  it('does not put an older file over another reviewer’s import made after it was written; the same reviewer’s next import goes in', async () => {
    const store = openMemory(':memory:');
    await store.put([{ ...saved, target: ['the hotline, as Carol approved it'], provider: 'xliff', reviewer: 'Carol' }]);
    const old = file([xcue('4', '热线', 'hotline', 'approved', { line: 12 })], { written: '2026-11-27T09:00:00.000Z' });
    const stored = await storedEntries(store, units, pair);
    const byAlice = planImport(old, { ...options, reviewer: 'Alice', now: '2026-11-29T08:00:00.000Z', stored });
    expect(byAlice).toMatchObject({ entries: [], skipped: 1 });
    expect(byAlice.diagnostics).toEqual([
      expect.objectContaining({
        code: 'review/changed-since',
        line: 12,
        message:
          'cue 4, line 12: Carol saved "the hotline, as Carol approved it" (approved) into the memory at 2026-11-28T12:00:00.000Z, after this file was written (2026-11-27T09:00:00.000Z); the file’s "hotline" would replace it, so unit 4 was not imported (run localize and review the new file)',
      }),
    ]);
    const byCarol = planImport(old, { ...options, reviewer: 'Carol', now: '2026-11-29T08:00:00.000Z', stored });
    expect(byCarol.entries.map((e) => e.target)).toEqual([['hotline']]);
    await store.close();
  });
});

describe('planImport of a file whose units the new cut joined to a new cue', () => {
  it('imports each unit of the file found whole inside a unit of the current track into that unit, cue by cue, and says so', () => {
    const sent = cutFile('reviewed', false);
    const now: Unit[] = [
      { id: '1', cueIds: ['1'], source: [A] },
      { id: '2', cueIds: ['2', '3', '4'], source: ['（新的字幕）', B, C] },
    ];
    const plan = planImport(sent, { ...options, units: now });
    expect(plan.refused).toBe(false);
    expect(plan.entries.map((e) => [e.source, e.target, e.status, e.cueStatus])).toEqual([
      [[A], ['Beijing, 7 a.m.'], 'approved', undefined],
      [['（新的字幕）', B, C], ['', 'A city of twenty million,', 'sixty thousand calls a day.'], 'draft', ['draft', 'approved', 'reviewed']],
    ]);
    expect(plan.diagnostics).toEqual([
      expect.objectContaining({
        code: 'review/regrouped',
        severity: 'info',
        cueId: '3',
        line: 20,
        message: 'cues 3, 4 (trans-units 2, 3 at line 20) now form one sentence unit with cue 2 "（新的字幕）", which is not in the file: they were imported into the new unit, and the next localize drafts the rest',
      }),
    ]);
  });

  it('keeps a cue of the new unit the file does not hold as the machine’s draft the memory has for it, beside the cues it imports', () => {
    const now: Unit[] = [
      { id: '1', cueIds: ['1'], source: [A] },
      { id: '2', cueIds: ['2', '3', '4'], source: ['（新的字幕）', B, C] },
    ];
    // The run on the new cut drafted the unit with DeepL: its new cue is that draft still.
    const drafted: MemoryEntry = { sourceLang: 'zh-Hans', targetLang: 'en-US', source: now[1]!.source, target: ['MT new cue', 'MT B', 'MT C'], glossaryVersion: 'g1', provider: 'deepl', status: 'draft', updatedAt: '2026-11-27T08:00:00.000Z' };
    const stored = (source: readonly string[]) => (unitKey(source) === unitKey(drafted.source) ? drafted : undefined);
    const plan = planImport(cutFile('reviewed', false), { ...options, units: now, stored, machineCues: draftedBy });
    expect(plan.entries.find((e) => e.source.length === 3)).toMatchObject({
      target: ['MT new cue', 'A city of twenty million,', 'sixty thousand calls a day.'],
      cueStatus: ['draft', 'approved', 'reviewed'],
      filledBy: ['deepl', '', ''],
    });
  });

  it('imports each cue of a sentence split by a cue put between them that ends it early (喂？): the first cue into the new unit with it, the other as its own unit', () => {
    // The file's unit 2 was cues 2 and 3; the editor put 喂？ between them: the units are now [2, 喂？] and [4].
    const now: Unit[] = [
      { id: '1', cueIds: ['1'], source: [A] },
      { id: '2', cueIds: ['2', '3'], source: [B, '喂？'] },
      { id: '4', cueIds: ['4'], source: [C] },
      { id: '5', cueIds: ['5'], source: [D] },
    ];
    const plan = planImport(cutFile('approved', true), { ...options, units: now });
    expect(plan.entries.map((e) => [e.source, e.target, e.status, e.cueStatus])).toEqual([
      [[A], ['Beijing, 7 a.m.'], 'approved', undefined],
      [[B, '喂？'], ['A city of twenty million,', ''], 'draft', ['approved', 'draft']],
      [[C], ['sixty thousand calls a day.'], 'approved', undefined],
      [[D], ['the hotline'], 'reviewed', undefined],
    ]);
    expect(plan.skipped).toBe(0);
    // The new cue 3 is named with its words: the file's trans-unit 3 is another cue (cue 4 now).
    expect(plan.diagnostics).toContainEqual(
      expect.objectContaining({
        code: 'review/regrouped',
        cueId: '2',
        line: 20,
        message: 'cue 2 (trans-unit 2 at line 20) now forms one sentence unit with cue 3 "喂？", which is not in the file: it was imported into the new unit, and the next localize drafts the rest',
      }),
    );
    expect(plan.diagnostics.map((d) => d.code)).not.toContain('review/unit-incomplete');
  });

  it('takes no part of a sentence whose other cues did not go on into the units beside it: the sentence is kept for its old text, never dropped', () => {
    const now: Unit[] = [
      { id: '1', cueIds: ['1'], source: [A] },
      { id: '2', cueIds: ['2', '3'], source: [B, '喂？'] },
      { id: '4', cueIds: ['4'], source: [D] },
      { id: '5', cueIds: ['5'], source: [C] },
    ];
    const plan = planImport(cutFile('approved', true), { ...options, units: now });
    expect(plan.entries.map((e) => e.source)).not.toContainEqual([B, '喂？']);
    expect(plan.diagnostics).toContainEqual(expect.objectContaining({ code: 'review/unit-incomplete', message: expect.stringContaining('the cue 3 "喂？" of the current source track is not in the file') }));
    expect(plan.entries.map((e) => [e.source, e.target, e.status])).toContainEqual([[B, C], ['A city of twenty million,', 'sixty thousand calls a day.'], 'approved']);
    expect(plan.earlier.map((cues) => cues.map((c) => c.id))).toEqual([['2', '3']]);
    expect(plan.diagnostics).toContainEqual(expect.objectContaining({ code: 'review/sentence-changed', cueId: '2', line: 20, message: expect.stringContaining('(trans-units 2, 3) was cut apart by the new cut') }));
  });

  it('puts them over what the memory holds for the new unit, keeping its other cues', async () => {
    const store = openMemory(':memory:');
    const pair = { source: 'zh-Hans', target: 'en-US' };
    const now: Unit[] = [{ id: '2', cueIds: ['2', '3'], source: ['（新的字幕）', B] }];
    await store.put([{ sourceLang: 'zh-Hans', targetLang: 'en-US', source: now[0]!.source, target: ['(new) MT', 'old text'], glossaryVersion: 'g', provider: 'deepl', status: 'draft', updatedAt: NOW }]);
    const sent = file([xcue('2', B, 'A city of twenty million,', 'approved', { unitId: '2', line: 20 })]);
    const plan = planImport(sent, { ...options, units: now, stored: await storedEntries(store, now, pair) });
    expect(plan.entries).toEqual([expect.objectContaining({ source: now[0]!.source, target: ['(new) MT', 'A city of twenty million,'], status: 'draft', cueStatus: ['draft', 'approved'], byReviewer: true })]);
    await store.close();
  });

  it('does not put an older file’s cue over another reviewer’s newer text of the new unit', async () => {
    const store = openMemory(':memory:');
    const pair = { source: 'zh-Hans', target: 'en-US' };
    const now: Unit[] = [{ id: '2', cueIds: ['2', '3'], source: ['（新的字幕）', B] }];
    await store.put([{ sourceLang: 'zh-Hans', targetLang: 'en-US', source: now[0]!.source, target: ['(new), as Bob has it', 'Bob’s newer line,'], glossaryVersion: '', provider: 'xliff', status: 'reviewed', reviewer: 'Bob', byReviewer: true, updatedAt: NOW }]);
    const sent = file([xcue('2', B, 'A city of twenty million,', 'approved', { unitId: '2', line: 20 })], { written: '2026-11-27T09:00:00.000Z' });
    const plan = planImport(sent, { ...options, reviewer: 'Alice', units: now, stored: await storedEntries(store, now, pair) });
    expect(plan.entries).toEqual([]);
    expect(plan.diagnostics).toContainEqual(expect.objectContaining({ code: 'review/changed-since', cueId: '3', line: 20 }));
    await store.close();
  });
});

describe('planImport of a unit whose cues the reviewer decided one by one', () => {
  const mixed = file([xcue('1', '市民拨打<i>12345</i>，', 'Citizens call <i>12345</i>,', 'approved'), xcue('2', '接诉即办。', 'swift response.', 'reviewed')]);

  it('keeps each cue’s own state: an approved cue beside a reviewed one stays approved', () => {
    expect(planImport(mixed, options).entries).toEqual([expect.objectContaining({ status: 'reviewed', cueStatus: ['approved', 'reviewed'] })]);
  });

  it('imports the approval of one cue of a unit the memory holds reviewed with the same text', async () => {
    const store = openMemory(':memory:');
    const pair = { source: 'zh-Hans', target: 'en-US' };
    await store.put([{ sourceLang: 'zh-Hans', targetLang: 'en-US', source: units[0]!.source, target: ['Citizens call <i>12345</i>,', 'swift response.'], glossaryVersion: '', provider: 'xliff', status: 'reviewed', reviewer: 'Anna', byReviewer: true, updatedAt: NOW }]);
    const plan = planImport(mixed, { ...options, now: '2026-11-29T08:00:00.000Z', stored: await storedEntries(store, units, pair) });
    expect(plan).toMatchObject({ unchanged: 0, entries: [expect.objectContaining({ cueStatus: ['approved', 'reviewed'] })] });
    await store.close();
  });

  it('never takes one approved cue down with its unit: the file’s other text for it at a lower state is said, not imported', async () => {
    const store = openMemory(':memory:');
    const pair = { source: 'zh-Hans', target: 'en-US' };
    // As the studio stores a unit whose first cue a reviewer approved, the second still a machine draft.
    await store.put([{ sourceLang: 'zh-Hans', targetLang: 'en-US', source: units[0]!.source, target: ['Citizens call 12345,', 'MT'], glossaryVersion: '', provider: 'studio', status: 'draft', cueStatus: ['approved', 'draft'], reviewer: 'Anna', byReviewer: true, updatedAt: NOW }]);
    const both = file([xcue('1', '市民拨打<i>12345</i>，', 'People call 12345,', 'reviewed', { line: 7 }), xcue('2', '接诉即办。', 'swift response.', 'reviewed')], { written: '2026-11-28T13:00:00.000Z' });
    const plan = planImport(both, { ...options, now: '2026-11-29T08:00:00.000Z', stored: await storedEntries(store, units, pair) });
    expect(plan).toMatchObject({ entries: [], skipped: 1 });
    expect(plan.diagnostics).toEqual([expect.objectContaining({ code: 'review/below-stored', cueId: '1', line: 7 })]);
    await store.close();
  });
});

describe('planImport of a file whose sentence lost a cue since', () => {
  const C = '市民拨打<i>12345</i>，';
  const B = '接诉即办。';

  it('does not import the translation of what is left of the sentence, and names the cue gone', () => {
    // The file's unit 1 was cues 1 and 2; the editor deleted cue 2, so cue 1 is a unit of its own.
    const sent = file([
      xcue('1', C, 'Citizens call 12345', 'approved', { unitId: '1', line: 5 }),
      xcue('2', '旧的一句。', 'and get an answer.', 'approved', { unitId: '1', line: 9 }),
      xcue('3', B, 'Swift response.', 'approved', { unitId: '3', line: 13 }),
    ]);
    const now: Unit[] = [
      { id: '1', cueIds: ['1'], source: [C] },
      { id: '2', cueIds: ['2'], source: [B] },
    ];
    const plan = planImport(sent, { ...options, units: now });
    expect(plan.entries.map((e) => [e.source, e.target])).toEqual([
      [[C, '旧的一句。'], ['Citizens call 12345', 'and get an answer.']],
      [[B], ['Swift response.']],
    ]);
    expect(plan.diagnostics).toContainEqual(
      expect.objectContaining({
        code: 'review/sentence-changed',
        cueId: '1',
        line: 5,
        message:
          `cue 1, line 5: its sentence unit in the file (trans-units 1, 2) holds trans-unit 2 at line 9, whose source "旧的一句。" is in no cue of the current source track; its translation was made for the whole sentence, so unit 1 was not imported; the sentence's confirmed translation is kept in the memory for its old text, offered beside the new draft (run localize, review the new draft, and import again)`,
      }),
    );
  });

  it('imports the cues of a sentence the new timing cut into two units, every cue still in the track', () => {
    const sent = file([xcue('1', C, 'Citizens call 12345', 'approved', { unitId: '1' }), xcue('2', B, 'and get an answer.', 'approved', { unitId: '1' })]);
    const now: Unit[] = [
      { id: '1', cueIds: ['1'], source: [C] },
      { id: '2', cueIds: ['2'], source: [B] },
    ];
    expect(planImport(sent, { ...options, units: now }).entries.map((e) => e.target)).toEqual([['Citizens call 12345'], ['and get an answer.']]);
  });
});

describe('planImport of a file whose untouched cues a reviewer replaced in the memory since', () => {
  const pair = { source: 'zh-Hans', target: 'en-US' };
  const written = '2026-11-27T09:00:00.000Z';
  // What the file's run wrote, recorded just after the file's date.
  const versions = {
    pruned: false,
    versions: [{ at: '2026-11-27T09:00:01.000Z', cues: Object.fromEntries([['市民拨打<i>12345</i>，', 'Citizens call <i>12345</i>,'], ['接诉即办。', 'swift response.']].map(([s, t]) => [cueTextHash(s!), [cueTextHash(t!)]])) }],
  };
  const taken = { sourceLang: 'zh-Hans', targetLang: 'en-US', source: ['市民拨打<i>12345</i>，', '接诉即办。'], target: ['Citizens dial <i>12345</i>,', 'and get an answer.'], glossaryVersion: '', provider: 'srt', status: 'reviewed' as const, reviewer: 'Li', byReviewer: true as const, updatedAt: '2026-11-28T10:00:00.000Z' };

  async function plan(cues: XliffCue[], stored: MemoryEntry) {
    const store = openMemory(':memory:');
    await store.put([stored]);
    const planned = planImport(file(cues, { written }), { ...options, reviewer: 'Li', versions, stored: await storedEntries(store, units, pair) });
    await store.close();
    return planned;
  }

  it('keeps the newer text at its own status where the file holds what its run wrote, even marked approved, and says so', async () => {
    const cues = [xcue('1', '市民拨打<i>12345</i>，', 'Citizens call <i>12345</i>,', 'approved'), xcue('2', '接诉即办。', 'swift response.', 'approved')];
    const planned = await plan(cues, taken);
    expect(planned).toMatchObject({ entries: [], unchanged: 1, skipped: 0, superseded: cues });
    expect(planned.diagnostics).toEqual([expect.objectContaining({ code: 'review/older-text', cueId: '1' })]);
  });

  it('takes the cue edited in the file and keeps the newer text of the cue left as written, beside it', async () => {
    const cues = [xcue('1', '市民拨打<i>12345</i>，', 'People call <i>12345</i>,', 'approved'), xcue('2', '接诉即办。', 'swift response.', 'approved')];
    const planned = await plan(cues, taken);
    expect(planned.entries.map((e) => [e.target, e.status, e.cueStatus])).toEqual([[['People call <i>12345</i>,', 'and get an answer.'], 'reviewed', ['approved', 'reviewed']]]);
    expect(planned.superseded).toEqual([cues[1]]);
  });

  it('takes an edit of one cue beside another reviewer’s studio save of the other cue of its sentence; refuses it where both changed the cue', async () => {
    const dana = { ...taken, provider: 'studio', reviewer: 'dana', target: ['Citizens call <i>12345</i>,', 'and get an answer.'] };
    const edited = [xcue('1', '市民拨打<i>12345</i>，', 'People call <i>12345</i>,', 'reviewed'), xcue('2', '接诉即办。', 'swift response.', 'reviewed')];
    const beside = await plan(edited, dana);
    expect(beside.entries.map((e) => e.target)).toEqual([['People call <i>12345</i>,', 'and get an answer.']]);
    expect(beside.diagnostics).toEqual([]);
    const both = await plan(edited, { ...dana, target: ['Citizens phone <i>12345</i>,', 'and get an answer.'] });
    expect(both).toMatchObject({ entries: [], skipped: 1 });
    expect(both.diagnostics).toEqual([expect.objectContaining({ code: 'review/changed-since', cueId: '1' })]);
  });

  it('takes an approval of the text as written over a newer machine draft: no reviewer replaced it', async () => {
    const { byReviewer: _, ...draft } = taken;
    const cues = [xcue('1', '市民拨打<i>12345</i>，', 'Citizens call <i>12345</i>,', 'approved'), xcue('2', '接诉即办。', 'swift response.', 'approved')];
    const planned = await plan(cues, { ...draft, provider: 'deepl', status: 'draft' });
    expect(planned.entries.map((e) => [e.target, e.status])).toEqual([[['Citizens call <i>12345</i>,', 'swift response.'], 'approved']]);
    expect(planned.superseded).toEqual([]);
  });
});

describe('planImport of a sentence said twice', () => {
  const twice: Unit[] = [
    { id: '1', cueIds: ['1'], source: ['北京，早上七点。'] },
    { id: '2', cueIds: ['2'], source: ['热线'] },
    { id: '8', cueIds: ['8'], source: ['北京，早上七点。'] },
  ];
  const plan = (first: string, second: string) =>
    planImport(file([xcue('1', '北京，早上七点。', first, 'reviewed'), xcue('2', '热线', 'hotline', 'reviewed'), xcue('8', '北京，早上七点。', second, 'reviewed')]), { ...options, units: twice });

  it('takes neither of two translations of one source text, naming the cues, where the memory would keep only the one stored last', () => {
    const planned = plan('Beijing, 7 a.m.', 'Seven in the morning, Beijing.');
    expect(planned.entries.map((e) => e.target)).toEqual([['hotline']]);
    expect(planned.skipped).toBe(2);
    expect(planned.diagnostics).toEqual([expect.objectContaining({ code: 'review/repeats-differ', severity: 'warning', cueId: '1', message: expect.stringContaining('cues `1`, `8` say the same source text') })]);
  });

  it('takes a sentence translated alike twice once', () => {
    const planned = plan('Beijing, 7 a.m.', 'Beijing, 7 a.m.');
    expect(planned.entries.map((e) => e.target)).toEqual([['Beijing, 7 a.m.'], ['hotline']]);
    expect(planned).toMatchObject({ unchanged: 1, skipped: 0, diagnostics: [] });
  });
});

describe('planImport of a file a tool left without its date, or dated anew', () => {
  const pair = { source: 'zh-Hans', target: 'en-US' };
  it('replaces no other reviewer’s newer text when it cannot be dated, and says so', async () => {
    const store = openMemory(':memory:');
    await store.put([{ sourceLang: 'zh-Hans', targetLang: 'en-US', source: ['热线'], target: ['the hotline, as Bob has it'], glossaryVersion: '', provider: 'xliff', status: 'reviewed', reviewer: 'Bob', byReviewer: true, updatedAt: NOW }]);
    const plan = planImport(file([xcue('4', '热线', 'hotline by Alice', 'reviewed', { line: 9 })]), { ...options, reviewer: 'Alice', stored: await storedEntries(store, units, pair) });
    expect(plan).toMatchObject({ entries: [], skipped: 1 });
    expect(plan.diagnostics).toEqual([expect.objectContaining({ code: 'review/changed-since', cueId: '4', message: expect.stringContaining('and this file cannot be dated') })]);
    await store.close();
  });

  it('is dated by its cues left as a run wrote them when its date was set anew by the tool: a newer save stays', async () => {
    const store = openMemory(':memory:');
    const written = '2026-11-27T09:00:00.000Z';
    const versions = {
      pruned: false,
      versions: [{ at: written, cues: { [cueTextHash('热线')]: [cueTextHash('hotline')], [cueTextHash('- 你好！\n- 喂？')]: [cueTextHash('- Hello!\n- Hi?')] } }],
    };
    await store.put([{ sourceLang: 'zh-Hans', targetLang: 'en-US', source: ['热线'], target: ['the hotline, as Bob has it'], glossaryVersion: '', provider: 'xliff', status: 'reviewed', reviewer: 'Bob', byReviewer: true, updatedAt: NOW }]);
    // Cue 3 as the run wrote it dates the file; the tool stamped it with its own export time, after Bob's save.
    const cues = [xcue('3', '- 你好！\n- 喂？', '- Hello!\n- Hi?', 'reviewed'), xcue('4', '热线', 'hotline by Alice', 'reviewed', { line: 9 })];
    const plan = planImport(file(cues, { written: '2026-11-30T10:00:00.000Z' }), { ...options, reviewer: 'Alice', versions, stored: await storedEntries(store, units, pair) });
    expect(plan.entries.map((e) => e.target)).not.toContainEqual(['hotline by Alice']);
    expect(plan.diagnostics).toContainEqual(expect.objectContaining({ code: 'review/changed-since', cueId: '4', message: expect.stringContaining(`after this file was written (${written})`) }));
    await store.close();
  });
});

describe('planImport of an edit nobody confirmed', () => {
  it('names the cue, its line and its state, where it was only counted as not imported', async () => {
    const store = openMemory(':memory:');
    const pair = { source: 'zh-Hans', target: 'en-US' };
    await store.put([{ sourceLang: 'zh-Hans', targetLang: 'en-US', source: ['热线'], target: ['hotline'], glossaryVersion: '', provider: 'deepl', status: 'draft', updatedAt: NOW }]);
    const plan = planImport(file([xcue('4', '热线', 'the hotline, edited', 'machine', { line: 41 })]), { ...options, stored: await storedEntries(store, units, pair) });
    expect(plan).toMatchObject({ entries: [], skipped: 1 });
    expect(plan.diagnostics).toEqual([expect.objectContaining({ code: 'review/unconfirmed-edit', cueId: '4', line: 41, message: expect.stringContaining('edited but not confirmed') })]);
    // An untouched draft is no edit: nothing is said of it.
    const untouched = planImport(file([xcue('4', '热线', 'hotline', 'machine')]), { ...options, stored: await storedEntries(store, units, pair) });
    expect(untouched.diagnostics).toEqual([]);
    await store.close();
  });

  it('names the edited cue and its line in a sentence another cue of which is confirmed, not the confirmed cue', async () => {
    const store = openMemory(':memory:');
    const pair = { source: 'zh-Hans', target: 'en-US' };
    await store.put([{ sourceLang: 'zh-Hans', targetLang: 'en-US', source: units[0]!.source, target: ['Citizens call <i>12345</i>,', 'swift response.'], glossaryVersion: '', provider: 'xliff', status: 'reviewed', reviewer: 'Anna', byReviewer: true, updatedAt: NOW }]);
    const cues = [
      xcue('1', '市民拨打<i>12345</i>，', 'Citizens call <i>12345</i>,', 'reviewed', { unitId: '1', line: 13 }),
      xcue('2', '接诉即办。', 'and are answered at once.', 'needs-review', { unitId: '1', line: 19 }),
    ];
    const plan = planImport(file(cues), { ...options, stored: await storedEntries(store, units, pair) });
    expect(plan).toMatchObject({ entries: [], skipped: 1 });
    expect(plan.diagnostics).toEqual([expect.objectContaining({ code: 'review/unconfirmed-edit', severity: 'warning', cueId: '2', line: 19, message: expect.stringContaining('cue 2, line 19: its translation was edited but not confirmed') })]);
    await store.close();
  });

  it('names the cue of a partly confirmed sentence left to confirm, and its line, where it named the sentence', async () => {
    const cues = [
      xcue('1', '市民拨打<i>12345</i>，', 'Citizens call <i>12345</i>,', 'reviewed', { unitId: '1', line: 13 }),
      xcue('2', '接诉即办。', null, 'untranslated', { unitId: '1', line: 19 }),
    ];
    const plan = planImport(file(cues), options);
    expect(plan).toMatchObject({ entries: [], skipped: 1 });
    expect(plan.diagnostics).toEqual([expect.objectContaining({ code: 'review/unit-partly-reviewed', cueId: '2', line: 19 })]);
    expect(plan.diagnostics[0]!.message).toBe(
      'unit 1: 1 of 2 cues are reviewed or approved, not cue 2 (line 19, empty); a unit is imported when all its cues are: translate and confirm it in the CAT tool (expected state translated, signed-off or final), save, and import again; not imported',
    );
  });
});
