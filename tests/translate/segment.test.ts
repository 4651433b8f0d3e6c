import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from '../../src/formats/parse.js';
import type { Cue, Track } from '../../src/model/track.js';
import { assembleTrack } from '../../src/translate/assemble.js';
import { UNTRANSLATED_MARK } from '../../src/model/untranslated.js';
import { segment } from '../../src/translate/segment.js';
import type { Draft } from '../../src/model/unit.js';

function cue(id: number, start: number, end: number, ...lines: string[]): Cue {
  return { id: String(id), start, end, lines: lines.map((text) => [{ text }]) };
}

const track = (cues: Cue[]): Track => ({ language: 'zh-Hans', cues, meta: {} });

describe('segment', () => {
  it('joins cues of one sentence, and stops at punctuation, gaps, dialogue and the cap', () => {
    const units = segment(
      track([
        cue(1, 0, 1000, '晚上下班回来，'),
        cue(2, 1100, 2000, '在胡同里转三圈。'),
        cue(3, 2100, 3000, '去年一年，'),
        cue(4, 5000, 6000, '这一片的居民打了电话。'),
        cue(5, 6100, 7000, '一'),
        cue(6, 7100, 8000, '二'),
        cue(7, 8100, 9000, '三'),
        cue(8, 9100, 10000, '四。'),
        cue(9, 10100, 11000, '您在'),
        cue(10, 11100, 12000, '-您在哪个区？', '-东城区'),
        cue(11, 12100, 13000, '好的。'),
      ]),
    );
    expect(units.map((u) => u.cueIds)).toEqual([['1', '2'], ['3'], ['4'], ['5', '6', '7'], ['8'], ['9'], ['10'], ['11']]);
  });

  it('never joins a sign to the words spoken beneath it: cues in another row of the screen are another sentence', () => {
    const sign: Cue = { ...cue(1, 1000, 5000, '北京市东城区'), placement: { vertical: 'top' } };
    const units = segment(track([sign, cue(2, 2000, 4000, '您好，'), cue(3, 4100, 6000, '这里是热线。')]));
    expect(units.map((u) => u.cueIds)).toEqual([['1'], ['2', '3']]);
  });

  it('covers every cue of the sample exactly once, in order', () => {
    const sample = parse(readFileSync(resolve(import.meta.dirname, '../../subtitles/hotline-beijing.zh-Hans.srt')), { language: 'zh-Hans' }).track;
    const units = segment(sample);
    expect(units.flatMap((u) => u.cueIds)).toEqual(sample.cues.map((c) => c.id));
    expect(units.some((u) => u.cueIds.length > 1)).toBe(true);
  });
});

describe('assembleTrack', () => {
  const source = track([cue(1, 0, 1000, '晚上下班回来，'), cue(2, 1100, 2000, '在胡同里转三圈。'), cue(3, 2100, 3000, '好的。')]);
  const units = segment(source);

  it('gives each cue its own part of the draft, broken into lines for the target', () => {
    const drafts: Draft[] = [
      { unitId: '1', targets: ['Coming home from work at night,', 'I circle the hutong three times and never find a parking space.'], origin: 'machine', provider: 'deepl', billedCharacters: 15 },
    ];
    const { track: out, untranslated, origins } = assembleTrack(source, units, drafts, 'en-US');
    expect(out.cues.map((c) => [c.start, c.end])).toEqual(source.cues.map((c) => [c.start, c.end]));
    expect(out.cues[0]!.lines).toEqual([[{ text: 'Coming home from work at night,' }]]);
    expect(out.cues[1]!.lines).toEqual([[{ text: 'I circle the hutong three times' }], [{ text: 'and never find a parking space.' }]]);
    expect(untranslated).toEqual(['3']);
    expect(out.cues[2]!.lines[0]![0]!.text).toBe(`${UNTRANSLATED_MARK} `);
    expect([...origins.keys()]).toEqual(['1', '2']);
  });

  it('never spreads a draft with the wrong number of targets over the cues', () => {
    const drafts: Draft[] = [{ unitId: '1', targets: ['Everything in one'], origin: 'machine', provider: 'deepl', billedCharacters: 1 }];
    expect(assembleTrack(source, units, drafts, 'en-US').untranslated).toEqual(['1', '2', '3']);
  });
});
