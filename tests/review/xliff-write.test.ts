import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diagnostic } from '../../src/model/diagnostic.js';
import { span } from '../../src/model/spans.js';
import type { Span } from '../../src/model/track.js';
import { plainOf, toTagged } from '../../src/model/tagged-text.js';
import type { ReviewCue, ReviewPackage, ReviewState } from '../../src/review/types.js';
import { readXliff } from '../../src/review/xliff-read.js';
import { writeXliff } from '../helpers/review-files.js';
import { validateText } from '../helpers/schemas.js';


function cue(id: string, unitId: string, source: string, target: string | null, state: ReviewState, extra: Partial<ReviewCue> = {}): ReviewCue {
  const start = Number(id) * 4000;
  return {
    id,
    unitId,
    start,
    end: start + 3500,
    source,
    target,
    state,
    origin: state === 'untranslated' ? 'untranslated' : state === 'machine' ? 'machine' : 'memory-exact',
    terms: [],
    findings: [],
    metrics: { durationMs: 3500, charsPerSecond: 12.3, lines: 1, maxLineWidth: 30, chars: 30, budget: 42 },
    ...extra,
  };
}

function pkg(cues: ReviewCue[]): ReviewPackage {
  return { title: 'hotline-beijing', sourceLang: 'zh-Hans', targetLang: 'en-US', frameRate: { numerator: 25, denominator: 1 }, generatedAt: '2026-11-28T12:00:00.000Z', profile: 'netflix', cues };
}

/** Every state, every kind of note, inline styling, a dialogue cue and characters XML must escape. */
const sample = pkg([
  cue('1', '1', '市民拨打<i>12345</i>，', 'Citizens call <i>12345</i>,', 'machine', {
    provider: 'deepl',
    terms: [{ source: '接诉即办', expected: 'swift response to public complaints', accepted: ['swift response to public complaints'], termId: 'jiesu' }],
    findings: [diagnostic('qc/reading-speed', 'warning', 'found 21.3 characters/s, expected at most 20 (1.3 too fast)', { cueId: '1' })],
  }),
  cue('2', '1', '接诉即办。', 'swift response to public complaints.', 'memory'),
  cue('3', '3', '- 你好！\n- 喂？', '- Hello!\n- Hello?', 'reviewed', { reviewer: 'Li Wei <li@example.org>', comment: 'Two speakers: keep the dashes & the <line> break' }),
  cue('4', '4', 'A & B <c>', 'A &amp; B &lt;c&gt; <b>bold</b> <u>under</u>', 'approved', { reviewer: 'Anna' }),
  cue('5', '5', '热线', 'hotline', 'fuzzy', { score: 0.86, suggestion: 'the hotline' }),
  cue('6', '6', '新的源文本', 'new draft', 'needs-review', { suggestion: 'the reviewed translation' }),
  cue('7', '7', '没有翻译', null, 'untranslated', {
    findings: [diagnostic('qc/untranslated', 'error', 'found no translation; expected one', { cueId: '7' })],
  }),
  cue('8', '8', '<i>交叉<b>标签</i>示例</b>', '<i>crossing <b>tags</i> here</b> <i>open', 'machine'),
]);

describe('writeXliff', () => {
  it('writes a reviewer’s comment as a note from the reviewer, first among the cue’s notes', () => {
    const unit = /<trans-unit id="3"[^]*?<\/trans-unit>/.exec(writeXliff(sample))![0];
    expect(unit).toContain('</source>\n          <target state="signed-off"');
    expect(unit.split('<note')[1]).toBe(' from="Li Wei &lt;li@example.org&gt;" priority="1">Two speakers: keep the dashes &amp; the &lt;line&gt; break</note>\n          ');
  });

  it('writes a comment’s text as typed: an `&amp;` in it is the five characters, read back as such', () => {
    const typed = 'write it as AT&amp;T, not AT&T';
    const xliff = writeXliff({ ...sample, cues: sample.cues.map((c) => (c.id === '3' ? { ...c, comment: typed } : c)) });
    expect(xliff).toContain('priority="1">write it as AT&amp;amp;T, not AT&amp;T</note>');
  });


  it('writes XLIFF 1.2 that the OASIS strict schema accepts', () => {
    const xliff = writeXliff(sample);
    const result = validateText(xliff, 'xliff-1.2');
    expect(result).toEqual({ ok: true, out: '' });
  });

  it('is checked by a validator that does fail on a wrong state', () => {
    const result = validateText(writeXliff(sample).replace('state="signed-off"', 'state="reviewed"'), 'xliff-1.2');
    expect(result.ok).toBe(false);
    expect(result.out).toMatch(/'state'.*'reviewed'/);
  });

  it('says the title and languages where import looks for them', () => {
    const xliff = writeXliff(sample);
    expect(xliff).toContain('original="hotline-beijing.zh-Hans" source-language="zh-Hans" target-language="en-US" datatype="plaintext" tool-id="subloc" product-name="hotline-beijing"');
  });

  it('groups cues by sentence unit, and writes no target for an untranslated cue', () => {
    const xliff = writeXliff(sample);
    // Each unit's character budget is its cues': 42 each here.
    expect(xliff).toMatch(/<group id="u-1" resname="1" size-unit="char" maxwidth="84">\s*<trans-unit id="1"[^]*<trans-unit id="2"[^]*<\/group>/);
    expect(xliff).toMatch(/<trans-unit id="7"[^>]*>\s*<source>没有翻译<\/source>\s*<note/);
  });

  it.each([
    ['a machine draft as an MT suggestion that needs review', '<target state="needs-review-translation" state-qualifier="mt-suggestion">Citizens call <g id="i1" ctype="italic">12345</g>,</target>'],
    ['a memory match as an exact match', 'state-qualifier="exact-match"'],
    ['a reviewed cue as signed off in the first review phase', '<target state="signed-off" phase-name="review-1">- Hello!<x id="lb1" ctype="lb"/>- Hello?</target>'],
    ['an approved cue as approved', '<trans-unit id="4" resname="4" approved="yes" size-unit="char" maxwidth="42" xml:space="preserve">'],
    ['an approved cue as final in the second review phase', '<target state="final" phase-name="review-2">A &amp; B &lt;c&gt; <g id="b1" ctype="bold">bold</g> <g id="u1" ctype="underlined">under</g></target>'],
    ['the reviewer as the contact of the review phase', 'contact-name="Li Wei &lt;li@example.org&gt;"'],
    ['a memory match as a proposal, with its score', '<alt-trans alttranstype="proposal" origin="subloc-memory" match-quality="86"><target xml:lang="en-US">the hotline</target></alt-trans>'],
    ['the reviewed translation of a changed source as its previous version', '<alt-trans alttranstype="previous-version" origin="subloc-reviewed"><target xml:lang="en-US">the reviewed translation</target></alt-trans>'],
    ['a note of the cue’s timing', '<note from="subloc" priority="3">timing: 00:00:04,000 → 00:00:07,500 (3.500 s)</note>'],
    ['a note of its reading speed and lines', '<note from="subloc" priority="3">reading speed: 12.3 characters/s; 1 line, the longest 30 characters</note>'],
    ['a note of the glossary term it must use', '<note from="subloc" priority="2">glossary: 接诉即办 → swift response to public complaints</note>'],
    ['a note of a QC warning', '<note from="subloc" priority="2">warning: qc/reading-speed: found 21.3 characters/s, expected at most 20 (1.3 too fast)</note>'],
    ['a note of a QC error', '<note from="subloc" priority="1">error: qc/untranslated: found no translation; expected one</note>'],
  ])('writes %s', (_what, fragment) => {
    expect(writeXliff(sample)).toContain(fragment);
  });

  it('writes crossing and unpaired tags as bpt/ept and it, still valid', () => {
    const xliff = writeXliff(sample);
    expect(xliff).toContain('<bpt id="i1" rid="1" ctype="italic">&lt;i&gt;</bpt>');
    expect(xliff).toContain('<it id="i2" pos="open" ctype="italic">&lt;i&gt;</it>');
    const back = readXliff(xliff, 'review.xlf').cues.find((c) => c.id === '8')!;
    expect(back.source).toBe('<i>交叉<b>标签</i>示例</b>');
    expect(back.target).toBe('<i>crossing <b>tags</i> here</b> <i>open');
  });
});

// ---- round trip ----

const words = fc.constantFrom('这座城市', '胡同', '12345', 'hotline', 'Ça va', '&', '<', '>', 'a&b', '<x>', ' ', '“引号”', '𠀋', '&amp;', '"', "'", ']]>');
const styledSpan = fc.record({ text: words, italic: fc.boolean(), bold: fc.boolean(), underline: fc.boolean() }).map(({ text, ...flags }) =>
  span(text, { ...(flags.italic ? { italic: true } : {}), ...(flags.bold ? { bold: true } : {}), ...(flags.underline ? { underline: true } : {}) }),
);
const line = fc.tuple(fc.boolean(), fc.array(styledSpan, { minLength: 1, maxLength: 4 })).map(([dialogue, spans]): Span[] => (dialogue ? [span('- '), ...spans] : spans));
const fromModel = fc.tuple(fc.array(line, { minLength: 1, maxLength: 3 }), fc.constantFrom('zh-Hans', 'en-US')).map(([lines, lang]) => toTagged(lines, lang));
/** Any sequence of tokens, unbalanced, crossing and nested tags included (a provider's target may be any of these). */
const fromTokens = fc.array(fc.constantFrom('<i>', '</i>', '<b>', '</b>', '<u>', '</u>', '\n', '&amp;', '&lt;', '&gt;', 'word', '中文', ' ', '\t'), { maxLength: 12 }).map((t) => t.join(''));
const tagged = fc.oneof(fromModel, fromTokens);
const state = fc.constantFrom<ReviewState>('untranslated', 'machine', 'memory', 'fuzzy', 'needs-review', 'reviewed', 'approved');
const ident = fc.stringMatching(/^[A-Za-z0-9_.:-]{1,8}$/);

describe('writeXliff → readXliff', () => {
  // A target without words (blank, or tags alone) reads back as no translation, so targets here have words.
  it('gives back every cue, its unit, text and state (tags, dialogue, CJK, &<>)', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.record({ id: ident, source: tagged, target: tagged.filter((t) => plainOf(t).trim() !== ''), state, unit: fc.boolean() }), { selector: (c) => c.id, minLength: 1, maxLength: 6 }), (drafts) => {
        let unitId = drafts[0]!.id;
        const cues = drafts.map((d, k) => {
          if (k === 0 || !d.unit) unitId = d.id;
          return cue(String(k + 1), unitId, d.source, d.state === 'untranslated' ? null : d.target, d.state, { id: d.id, reviewer: 'R' });
        });
        const back = readXliff(writeXliff(pkg(cues)), 'x.xlf');
        expect(back.diagnostics).toEqual([]);
        expect({ title: back.title, sourceLang: back.sourceLang, targetLang: back.targetLang }).toEqual({ title: 'hotline-beijing', sourceLang: 'zh-Hans', targetLang: 'en-US' });
        expect(back.cues.map((c) => ({ id: c.id, unitId: c.unitId, source: c.source, target: c.target, state: c.state }))).toEqual(
          cues.map((c) => ({ id: c.id, unitId: c.unitId, source: c.source, target: c.target, state: c.state })),
        );
        for (const c of back.cues) if (c.state === 'reviewed' || c.state === 'approved') expect(c.reviewer).toBe('R');
      }),
      { numRuns: 300 },
    );
  });

  it('stays schema-valid for arbitrary text', () => {
    const samples = fc.sample(fc.tuple(tagged, tagged, fc.string({ maxLength: 12 })), { numRuns: 8, seed: 42 });
    const cues = samples.map(([s, t, title], k) => cue(String(k + 1), String(k + 1), s, t, 'machine', { provider: title, reviewer: title }));
    const result = validateText(writeXliff({ ...pkg(cues), title: 'a "title" & <more>' }), 'xliff-1.2');
    expect(result).toEqual({ ok: true, out: '' });
  });
});
