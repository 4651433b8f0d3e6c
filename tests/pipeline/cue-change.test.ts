import { describe, expect, it } from 'vitest';
import { applyCueChange, cueRevision, reviewerEntry, unitRecord, type UnitRecord } from '../../src/pipeline/cue-change.js';
import type { Unit } from '../../src/model/unit.js';

const unit: Unit = { id: '4', cueIds: ['4', '5'], source: ['<i>您好，</i>', '请问？'] };
const record: UnitRecord = { source: unit.source, texts: ['<i>Hello,</i>', 'how can I help?'], states: ['approved', 'reviewed'], comments: ['', 'check'] };
/** What the cues were checked against: no glossary term, their timing. */
const basis = { glossaryVersion: 'none', rules: 'default', start: 1000, end: 3000 };
const ctx = (k: number, shown: string) => ({ cueId: unit.cueIds[k]!, language: 'en-US', shown, basis });

describe('a change to one cue of a unit', () => {
  it('keeps the other cue, its state and its revision', () => {
    const result = applyCueChange(record, 1, { text: 'what can I do?', revision: cueRevision(record, 1, basis) }, ctx(1, 'how can I help?'));
    expect(result).toEqual({ record: { source: unit.source, texts: ['<i>Hello,</i>', 'what can I do?'], states: ['approved', 'reviewed'], comments: ['', 'check'] }, changed: true });
    if ('record' in result) expect(cueRevision(result.record, 0, basis)).toBe(cueRevision(record, 0, basis));
  });

  it('keeps a comment with one kind of line end, whatever a tool pasted (NEL, separators, CR LF)', () => {
    const result = applyCueChange(record, 1, { comment: 'line one\u0085line two\r\nthree\u2028four', revision: cueRevision(record, 1, basis) }, ctx(1, 'how can I help?'));
    expect('record' in result && result.record.comments[1]).toBe('line one\nline two\nthree\nfour');
  });

  it('changes nothing when the text comes back as shown, line breaks and spaces aside', () => {
    expect(applyCueChange(record, 0, { text: ' Hello, ', revision: cueRevision(record, 0, basis) }, ctx(0, 'Hello,'))).toEqual({ record, changed: false });
  });

  it('keeps the style that covers the whole cue, and the reviewer’s line breaks, with markup typed as text', () => {
    const result = applyCueChange(record, 0, { text: 'Hi <b>there</b>\r\n  & welcome ', revision: cueRevision(record, 0, basis) }, ctx(0, 'Hello,'));
    expect('record' in result && result.record.texts[0]).toBe('<i>Hi &lt;b&gt;there&lt;/b&gt;\n&amp; welcome</i>');
  });

  it('carries styles through an edit: a second speaker’s italic line stays italic when the first line is edited', () => {
    const dialogue: UnitRecord = { source: ['在哪儿？\n东城，东四。'], texts: ['- C’est où ?\n-<i>Dongcheng, Dongsi.</i>'], states: ['reviewed'], comments: [''] };
    const shown = '- C’est où ?\n-Dongcheng, Dongsi.';
    const edit = (text: string) => {
      const result = applyCueChange(dialogue, 0, { text, revision: cueRevision(dialogue, 0, basis) }, ctx(0, shown));
      return 'record' in result ? result.record.texts[0] : result;
    };
    // The space before the question mark made a narrow no-break space.
    expect(edit('- C’est où\u202f?\n-Dongcheng, Dongsi.')).toBe('- C’est où\u202f?\n-<i>Dongcheng, Dongsi.</i>');
    // A word changed inside the italic line is italic, as what it replaced was.
    expect(edit('- C’est où ?\n-Dongcheng, quartier Dongsi.')).toBe('- C’est où ?\n-<i>Dongcheng, quartier Dongsi.</i>');
    // The fitted lines shown (a break where the memory has a space, or none in Chinese) end no match.
    const italic: UnitRecord = { source: ['胡同窄到三米'], texts: ['<i>The hutong narrows to three metres</i>'], states: ['reviewed'], comments: [''] };
    const result = applyCueChange(italic, 0, { text: 'The hutong narrows\nto barely three metres', revision: cueRevision(italic, 0, basis) }, ctx(0, 'The hutong narrows\nto three metres'));
    expect('record' in result && result.record.texts[0]).toBe('<i>The hutong narrows\nto barely three metres</i>');
  });

  it('is refused on an old revision, when it lowers a state, empties a cue or says nothing', () => {
    const stale = applyCueChange(record, 1, { text: 'x', revision: 'old' }, ctx(1, ''));
    expect(stale).toMatchObject({ refused: 'stale', message: expect.stringContaining('cue 5 (en-US) changed since revision old was shown') });
    const lower = applyCueChange(record, 0, { state: 'reviewed', revision: cueRevision(record, 0, basis) }, ctx(0, 'Hello,'));
    expect(lower).toMatchObject({ refused: 'invalid', message: expect.stringContaining('cue 4 (en-US): the cue is approved and cannot go back to reviewed') });
    expect(applyCueChange(record, 0, { text: '\n', revision: cueRevision(record, 0, basis) }, ctx(0, 'Hello,'))).toMatchObject({ refused: 'invalid' });
    expect(applyCueChange(record, 0, { revision: cueRevision(record, 0, basis) }, ctx(0, 'Hello,'))).toMatchObject({ refused: 'invalid' });
    expect(applyCueChange(record, 0, { text: 'a\u0007b', revision: cueRevision(record, 0, basis) }, ctx(0, 'Hello,'))).toMatchObject({ refused: 'invalid', message: expect.stringContaining('the control character U+0007 at character 2') });
    // A tab pasted from a table or a web page is a space.
    const tab = applyCueChange(record, 1, { text: 'how\tcan I help?', revision: cueRevision(record, 1, basis) }, ctx(1, 'how can I help?'));
    expect(tab).toEqual({ record, changed: false });
  });

  it('binds the revision to the source the cue translates, so a change made on another cut is stale', () => {
    // Two untranslated cues look alike in everything a reviewer can change: only their sources tell them apart.
    const cat = unitRecord({ id: '10', cueIds: ['10'], source: ['猫在屋顶上睡觉。'] }, undefined);
    const dog = unitRecord({ id: '10', cueIds: ['10'], source: ['狗在院子里跑步。'] }, undefined);
    expect(cueRevision(cat, 0, basis)).not.toBe(cueRevision(dog, 0, basis));
    const saved = applyCueChange(cat, 0, { text: 'A dog runs in the yard.', revision: cueRevision(dog, 0, basis) }, { cueId: '10', language: 'en-US', shown: '', basis });
    expect(saved).toMatchObject({ refused: 'stale' });
    // The same sentence said again, at the same place in its unit, is the same memory entry: the same revision.
    expect(cueRevision(unitRecord({ id: '60', cueIds: ['60'], source: ['猫在屋顶上睡觉。'] }, undefined), 0, basis)).toBe(cueRevision(cat, 0, basis));
  });

  it('binds the revision to the glossary’s rules for the unit and to the cue’s timing, so a change made on a page of an older glossary or cut is stale', () => {
    const shown = cueRevision(record, 0, basis);
    for (const now of [{ ...basis, glossaryVersion: 'alley-not-hutong' }, { ...basis, start: 1500 }, { ...basis, end: 2500 }]) {
      expect(cueRevision(record, 0, now)).not.toBe(shown);
      expect(applyCueChange(record, 0, { state: 'approved', revision: shown }, { ...ctx(0, 'Hello,'), basis: now })).toMatchObject({ refused: 'stale' });
    }
  });

  it('cannot mark an untranslated cue reviewed without a text, but can with one', () => {
    const empty = unitRecord(unit, undefined);
    expect(applyCueChange(empty, 0, { state: 'reviewed', revision: cueRevision(empty, 0, basis) }, ctx(0, ''))).toMatchObject({ refused: 'invalid', message: expect.stringContaining('no translation to mark reviewed') });
    expect(applyCueChange(empty, 0, { state: 'reviewed', text: 'Hello,', revision: cueRevision(empty, 0, basis) }, ctx(0, ''))).toMatchObject({ changed: true, record: { states: ['reviewed', 'draft'] } });
  });
});

describe('a change to a cue of a machine’s draft', () => {
  const drafted = unitRecord(unit, { sourceLang: 'zh-Hans', targetLang: 'en-US', source: unit.source, target: ['MT hello,', 'MT help?'], glossaryVersion: 'g1', provider: 'deepl', status: 'draft', updatedAt: '2026-12-06T08:00:00.000Z' });
  const pair = { source: 'zh-Hans', target: 'en-US' };
  const saved = (k: number, change: { text?: string; state?: 'reviewed'; comment?: string }) => {
    const result = applyCueChange(drafted, k, { ...change, revision: cueRevision(drafted, k, basis) }, ctx(k, drafted.texts[k]!));
    if (!('record' in result)) throw new Error('refused');
    return reviewerEntry(unit, result.record, { pair, reviewer: 'Lin', now: '2026-12-06T09:00:00.000Z' });
  };

  it('makes the cue the reviewer rewrote or confirmed theirs, the other cue still the machine’s', () => {
    expect(drafted.drafters).toEqual(['deepl', 'deepl']);
    expect(saved(0, { text: 'Hello,' })).toMatchObject({ provider: 'studio', target: ['Hello,', 'MT help?'], filledBy: ['', 'deepl'] });
    expect(saved(1, { state: 'reviewed' })).toMatchObject({ cueStatus: ['draft', 'reviewed'], filledBy: ['deepl', ''] });
  });

  it('leaves a cue the reviewer only commented on the machine’s', () => {
    expect(saved(1, { comment: 'check the tone' })).toMatchObject({ comments: ['', 'check the tone'], filledBy: ['deepl', 'deepl'] });
  });
});

describe('the entry a reviewer’s record becomes', () => {
  it('has the lowest cue state as the unit’s, each cue’s own, and matches under any glossary', () => {
    expect(reviewerEntry(unit, record, { pair: { source: 'zh-Hans', target: 'en-US' }, reviewer: 'Lin', now: '2026-12-06T09:00:00.000Z' })).toEqual({
      sourceLang: 'zh-Hans',
      targetLang: 'en-US',
      source: unit.source,
      target: record.texts,
      glossaryVersion: '',
      provider: 'studio',
      status: 'reviewed',
      cueStatus: ['approved', 'reviewed'],
      reviewer: 'Lin',
      byReviewer: true,
      comments: ['', 'check'],
      updatedAt: '2026-12-06T09:00:00.000Z',
    });
  });
});
