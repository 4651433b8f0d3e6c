import { copyFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pairsApart } from '../../src/pipeline/pairs-apart.js';
import { cli, tempDir } from '../helpers/cli.js';

const root = resolve(import.meta.dirname, '../..');

describe('a memory that holds the languages under other tags', () => {
  it('says so when it holds nothing for the pair itself, and nothing when it does or the languages differ', () => {
    const pairs = [
      { source: 'zh-Hans', target: 'en-US', entries: 91 },
      { source: 'zh-Hans', target: 'fr-FR', entries: 1 },
    ];
    expect(pairsApart(pairs, { source: 'zh-CN', target: 'en-US' }).map((d) => [d.code, d.severity, d.message])).toEqual([
      [
        'memory/pair-apart',
        'warning',
        "the memory holds 91 translations for zh-Hans → en-US and none for zh-CN → en-US, this run's languages; it keeps differently named languages apart, so none of them is used. Name the languages as the memory does (`source` and `targets` in the config, or --source and --target)",
      ],
    ]);
    expect(pairsApart(pairs, { source: 'zh-CN', target: 'fr' })[0]!.message).toContain('1 translation for zh-Hans → fr-FR');
    expect(pairsApart(pairs, { source: 'ZH-hans', target: 'en-us' })).toEqual([]);
    expect(pairsApart(pairs, { source: 'zh-TW', target: 'en-US' })).toEqual([]);
    expect(pairsApart(pairs, { source: 'zh-CN', target: 'en-GB' })).toEqual([]);
  });

  it('subloc localize warns with the source named zh-CN over a memory of zh-Hans, and not when it is named as the memory names it', async () => {
    const dir = tempDir();
    const memory = join(dir, 'memory.sqlite');
    expect((await cli(['memory', 'import', join(root, 'subtitles/tm/hotline-beijing.en-US.tmx'), '--memory', memory], dir)).code).toBe(0);
    for (const tag of ['zh-CN', 'zh-Hans']) copyFileSync(join(root, 'subtitles/hotline-beijing.zh-Hans.srt'), join(dir, `film.${tag}.srt`));
    const run = (tag: string) => cli(['localize', '--input', `film.${tag}.srt`, '--target', 'en-US', '--memory', memory, '--out', 'out', '--formats', 'srt', '--provider', 'offline'], dir);

    const apart = await run('zh-CN');
    expect(apart.stderr).toContain('film.zh-CN.srt: warning: the memory holds 91 translations for zh-Hans → en-US and none for zh-CN → en-US');
    expect(apart.stderr).toContain('[memory/pair-apart]');
    const same = await run('zh-Hans');
    expect(same.code).toBe(0);
    expect(same.stderr).not.toContain('memory/pair-apart');
    expect(same.stderr).toContain('112 memory');
  });
});
