import { describe, expect, it } from 'vitest';
import { createMatcher } from '../../src/glossary/index.js';
import type { Draft } from '../../src/model/unit.js';
import { assembleLanguage } from '../../src/pipeline/assemble-language.js';
import { checkLanguage } from '../../src/pipeline/check-language.js';
import { profiles } from '../../src/qc/profiles/index.js';
import { segment } from '../../src/translate/segment.js';
import { UNPLACED_CODE } from '../../src/translate/translator.js';
import { glossaryOf } from '../glossary/helpers.js';
import { cue, track } from '../qc/helpers.js';

const g = glossaryOf([{ id: 'hotline-number', source: '12345', doNotTranslate: true, sources: ['S1'] }]);
const glossary = { glossary: g, matcher: createMatcher(g) };
const profile = profiles['default']!;

describe('checking one language', () => {
  it('puts QC, glossary and unplaced-cue findings on their cues, in cue order, and keeps the glossary and unplaced ones apart for the report', () => {
    const source = track('zh-Hans', cue('1', 0, 2000, '北京，早上七点。'), cue('2', 3000, 5000, '这里是12345。'), cue('3', 6000, 8000, '热线响了。'));
    const units = segment(source);
    const draft = (i: number, target: string | null): Draft => ({ unitId: units[i]!.id, targets: target === null ? null : [target], origin: 'machine', provider: 'deepl', billedCharacters: 1 });
    const drafts = [draft(0, 'Beijing, 7 a.m.'), draft(1, 'This is 12 345.'), draft(2, null)];
    const unplaced = { code: UNPLACED_CODE, severity: 'warning' as const, message: 'could not be put on this cue', cueId: '3' };
    const assembled = assembleLanguage({ source, units, drafts, target: 'en-US', profile, glossary });

    const check = checkLanguage({ source, units, drafts, draftDiagnostics: [unplaced], assembled, profile, glossary });

    expect(check.violations.map((d) => [d.cueId, d.code])).toEqual([['2', 'glossary/dnt-changed']]);
    expect(check.unplaced).toEqual([unplaced]);
    expect(check.findings.map((d) => [d.cueId, d.code])).toEqual([
      ['2', 'glossary/dnt-changed'],
      ['3', 'qc/untranslated'],
      ['3', UNPLACED_CODE],
    ]);
  });
});
