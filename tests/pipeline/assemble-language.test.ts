import { describe, expect, it } from 'vitest';
import { createMatcher } from '../../src/glossary/match.js';
import { lineText } from '../../src/model/spans.js';
import { fromTagged } from '../../src/model/tagged-text.js';
import type { Draft } from '../../src/model/unit.js';
import { assembleLanguage, languageFitter } from '../../src/pipeline/assemble-language.js';
import { profiles } from '../../src/qc/profiles/index.js';
import { segment } from '../../src/translate/segment.js';
import { bundled } from '../glossary/helpers.js';
import { cue, track } from '../qc/helpers.js';

const profile = profiles['default']!;
const source = track(
  'zh-Hans',
  cue('1', 0, 2000, '北京，早上七点，热线已经响了很多次。'),
  cue('2', 3000, 5000, '接线员一个接一个地回答市民的问题。'),
  cue('3', 6000, 8000, '热线响了。'),
);
const units = segment(source);
const draft = (i: number, target: string): Draft => ({ unitId: units[i]!.id, targets: [target], origin: 'machine', provider: 'deepl', billedCharacters: 1 });
const long = 'In Beijing at seven in the morning, the hotline has already rung many times.';
const drafts = [draft(0, long), draft(1, 'The operators answer the questions of the citizens one after another.'), draft(2, 'The hotline rings.')];
const input = { source, units, drafts, target: 'en-US', profile };

describe('fitting a language ahead, as its drafts arrive', () => {
  it('assembles the same track whether its cues were fitted ahead or not', () => {
    const fitter = languageFitter(input);
    fitter.ahead(drafts.slice(0, 2));
    expect(assembleLanguage(input, fitter)).toEqual(assembleLanguage(input));
    expect(assembleLanguage(input).track.cues[0]!.lines.length).toBe(2);
  });

  it('keeps a cue fitted ahead and gives it back for the same text', () => {
    const fitter = languageFitter(input);
    fitter.ahead(drafts);
    const unit = units[0]!;
    expect(fitter.fit(fromTagged(long), unit, '1', long)).toBe(fitter.fit(fromTagged(long), unit, '1', long));
  });

  it('fits a cue anew when its text changed after it was fitted ahead (a unit completed from the memory later)', () => {
    const fitter = languageFitter(input);
    fitter.ahead(drafts);
    const changed = [draft(0, 'Beijing, 7 a.m.'), ...drafts.slice(1)];
    const assembled = assembleLanguage({ ...input, drafts: changed }, fitter);
    expect(assembled.track.cues[0]!.lines).toEqual([[{ text: 'Beijing, 7 a.m.' }]]);
  });
});

describe('glossary renderings kept whole across a line break', () => {
  it('keeps the rendering of a term inside a longer one whole, where the translation renders only that one', () => {
    // The sample's it-IT cue 36 as deliver wrote it: `Quattro bozze del comitato / dei residenti,` (居委会 inside 居委会主任).
    const glossary = bundled();
    const source = track('zh-Hans', cue('1', 0, 3000, '居委会主任把方案改了四稿，'));
    const units = segment(source);
    const drafts: Draft[] = [{ unitId: units[0]!.id, targets: ['Quattro bozze del comitato dei residenti,'], origin: 'memory-exact', provider: 'memory', billedCharacters: 0 }];
    const assembled = assembleLanguage({ source, units, drafts, target: 'it-IT', profile: profiles['festival']!, glossary: { glossary, matcher: createMatcher(glossary) } });
    expect(assembled.track.cues[0]!.lines.map(lineText)).toEqual(['Quattro bozze', 'del comitato dei residenti,']);
  });
});
