import { describe, expect, it } from 'vitest';
import type { Cue } from '../../src/model/track.js';
import { defineLanguageLimit, type LanguageLimit } from '../../src/qc/define-language-limit.js';
import type { QcContext } from '../../src/qc/define-rule.js';
import { profiles } from '../../src/qc/profiles/index.js';
import { cue, track } from './helpers.js';

/** What a language limit hands each cue: the cue's id with the figure, language and `where` it was given. */
function seen(figure: LanguageLimit['figure'], language: string, profile = 'default'): string[] {
  const found: string[] = [];
  const rule = defineLanguageLimit({
    id: 'probe',
    description: 'Reports what it was given.',
    defaultSeverity: 'warning',
    figure,
    checkCue(c, limit, report) {
      found.push(`${c.id} ${limit.max} ${limit.language} ${limit.where}`);
      report(c, 'seen');
    },
  });
  const t = track(language, cue('1', 0, 1000, 'a'), cue('2', 1000, 2000, 'b'));
  const ctx: QcContext = { track: t, language, profile: profiles[profile]!, frameRate: { numerator: 24, denominator: 1 }, sourceCue: () => undefined };
  const reported: Cue[] = [];
  rule.check(ctx, (c) => reported.push(c));
  expect(reported.map((c) => c.id)).toEqual(['1', '2']);
  return found;
}

describe('defineLanguageLimit', () => {
  it("hands every cue the profile's figure for the track's language, and where it comes from", () => {
    const name = profiles['default']!.name;
    expect(seen('maxCharsPerLine', 'zh-Hans')).toEqual([`1 16 zh-Hans zh-Hans, ${name}`, `2 16 zh-Hans zh-Hans, ${name}`]);
    expect(seen('maxCharsPerLine', 'en-US')).toEqual([`1 42 en-US en-US, ${name}`, `2 42 en-US en-US, ${name}`]);
    expect(seen('readingSpeed', 'en-US')).toEqual([`1 20 en-US en-US, ${name}`, `2 20 en-US en-US, ${name}`]);
  });

  it('says whose a figure is when the profile took it from another (the festival keeps Netflix’s for Chinese, Japanese and Korean)', () => {
    expect(seen('readingSpeed', 'ja-JP', 'festival')).toEqual(['1 4 ja-JP ja-JP, Banff festival, Netflix\'s figure', '2 4 ja-JP ja-JP, Banff festival, Netflix\'s figure']);
    expect(seen('maxCharsPerLine', 'zh-Hans', 'festival')[0]).toBe('1 16 zh-Hans zh-Hans, Banff festival, Netflix\'s figure');
    expect(seen('readingSpeed', 'fr-FR', 'festival')[0]).toBe('1 20 fr-FR fr-FR, Banff festival');
  });
});
