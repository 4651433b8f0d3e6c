import { describe, expect, it } from 'vitest';
import { createMatcher } from '../../src/glossary/match.js';
import { checkGlossary } from '../../src/pipeline/check-glossary.js';
import type { Draft, Unit } from '../../src/model/unit.js';
import { bundled } from '../glossary/helpers.js';

const glossary = bundled();
const matcher = createMatcher(glossary);
const pair = { source: 'zh-Hans', target: 'en-US' };
const draft = (unitId: string, targets: (string | null)[]): Draft => ({ unitId, targets: targets as string[], origin: 'machine', provider: 'deepl', billedCharacters: 0, status: 'draft' });

describe('checkGlossary on drafts with cues left without text', () => {
  it('says nothing of a cue with no draft (DeepL refused its text): its own finding says so', () => {
    const unit: Unit = { id: '43', cueIds: ['43'], source: ['2019年，北京开始推行“接诉即办”改革。'] };
    expect(checkGlossary([unit], [draft('43', [''])], pair, { glossary, matcher })).toEqual([]);
  });

  it('checks the cues of a sentence that have a draft, and puts the finding on the first of them', () => {
    const unit: Unit = { id: '7', cueIds: ['7', '8'], source: ['北京开始推行', '“接诉即办”改革。'] };
    const found = checkGlossary([unit], [draft('7', ['', 'the quick-answer reform.'])], pair, { glossary, matcher });
    expect(found.map((d) => [d.code, d.cueId])).toEqual([['glossary/missing-term', '8']]);
  });
});
