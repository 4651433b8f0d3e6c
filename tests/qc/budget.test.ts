import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from '../../src/formats/parse.js';
import { characterBudget } from '../../src/qc/budget.js';
import { defaultProfile } from '../../src/qc/profiles/default.js';
import { festivalProfile } from '../../src/qc/profiles/festival.js';
import { cli, tempDir } from '../helpers/cli.js';

describe('characterBudget', () => {
  it.each([
    [2000, 'en-US', 40], // 20 characters/s
    [2000, 'fr-FR', 34], // 17
    [2000, 'zh-Hans', 18], // 9
    [3000, 'ja-JP', 12], // 4
    [10_000, 'en-US', 84], // 2 lines × 42: the lines cap what reading speed would allow
    [10_000, 'ja-JP', 26], // 2 lines × 13
    [0, 'en-US', 0],
  ])('%d ms of %s: %d characters (Netflix)', (ms, language, budget) => {
    expect(characterBudget(ms, defaultProfile, language)).toBe(budget);
  });

  it('takes the profile\'s figures: the festival profile reads 20 characters/s, 40 a line', () => {
    expect(characterBudget(2500, festivalProfile, 'fr-FR')).toBe(50);
    expect(characterBudget(10_000, festivalProfile, 'fr-FR')).toBe(80);
  });
});

describe('the budget where a translator works (localize on the sample)', () => {
  const root = resolve(import.meta.dirname, '../..');
  const source = parse(readFileSync(join(root, 'subtitles/hotline-beijing.zh-Hans.srt'))).track;
  let out: string;
  beforeAll(async () => {
    out = join(tempDir(), 'out');
    const run = await cli(['localize', '--config', join(root, 'subloc.config.json'), '--target', 'de-DE', '--out', out, '--memory', join(out, '..', 'm.sqlite')], root);
    expect(run.code).toBe(0);
  });
  const file = (name: string) => readFileSync(join(out, 'hotline-beijing/de-DE', name), 'utf8');

  it('XLIFF: maxwidth in characters on every trans-unit and, summed, on its sentence group', () => {
    const xliff = file('hotline-beijing.de-DE.xlf');
    for (const cue of source.cues) {
      const budget = characterBudget(cue.end - cue.start, defaultProfile, 'de-DE');
      expect(xliff).toMatch(new RegExp(`<trans-unit id="${cue.id}" resname="${cue.id}"(?: approved="yes")? size-unit="char" maxwidth="${budget}"`));
    }
    const groups = [...xliff.matchAll(/<group id="u-([^"]+)" resname="[^"]+" size-unit="char" maxwidth="(\d+)">([^]*?)<\/group>/g)];
    expect(groups.length).toBeGreaterThan(0);
    for (const [, , max, body] of groups) {
      const sum = [...body!.matchAll(/<trans-unit [^>]*maxwidth="(\d+)"/g)].reduce((n, m) => n + Number(m[1]), 0);
      expect(Number(max)).toBe(sum);
    }
  });

  it('qc.json: used and budget for every cue; the HTML sheet shows used / budget', () => {
    const qc = JSON.parse(file('qc.json')) as { budgets: { cueId: string; used: number | null; budget: number }[] };
    expect(qc.budgets.map((b) => b.cueId)).toEqual(source.cues.map((c) => c.id));
    expect(qc.budgets.every((b) => b.used !== null && b.used > 0 && b.budget > 0)).toBe(true);
    const over = qc.budgets.filter((b) => b.used! > b.budget).length;
    const html = file('hotline-beijing.de-DE.review.html');
    expect([...html.matchAll(/>Budget<\/dt><dd[^>]*>[\d.]+ \/ \d+<\/dd>/g)]).toHaveLength(source.cues.length);
    expect([...html.matchAll(/Budget<\/dt><dd class="over">/g)]).toHaveLength(over);
  });
});
