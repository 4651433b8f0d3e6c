import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cli, tempDir } from '../helpers/cli.js';
import { start, type FakeDeepL } from '../helpers/deepl-server.js';

const root = resolve(import.meta.dirname, '../..');
const KEY = 'regional-test-key:fx';

const glossary = {
  version: 1,
  sourceLanguage: 'zh-Hans',
  terms: [
    {
      id: 'elevator',
      source: '电梯',
      targets: {
        'en-US': { preferred: 'elevator', forbidden: ['lift'] },
        'en-GB': { preferred: 'lift', forbidden: ['elevator'] },
      },
    },
  ],
};

describe('targets that share a DeepL language but not their glossary entries (the loopback DeepL server)', () => {
  let deepl: FakeDeepL;
  let dir: string;
  beforeEach(async () => {
    deepl = await start({ authKey: KEY });
    dir = tempDir();
    writeFileSync(join(dir, 'glossary.json'), JSON.stringify(glossary));
    writeFileSync(join(dir, 'film.zh-Hans.srt'), '1\n00:00:01,000 --> 00:00:03,000\n老楼装电梯。\n');
  });
  afterEach(() => deepl.stop());

  it('drafts en-GB with the British rendering and en-US with the American one', async () => {
    const result = await cli(
      ['localize', '--input', join(dir, 'film.zh-Hans.srt'), '--source', 'zh-Hans', '--target', 'en-US,en-GB', '--formats', 'srt', '--glossary', join(dir, 'glossary.json'), '--out', join(dir, 'out'), '--memory', join(dir, 'memory.sqlite')],
      root,
      { DEEPL_AUTH_KEY: KEY, DEEPL_SERVER_URL: deepl.url },
    );
    expect(result.code).toBe(0);
    const track = (lang: string) => readFileSync(join(dir, 'out/film', lang, `film.${lang}.srt`), 'utf8');
    expect(track('en-GB')).toContain('lift');
    expect(track('en-GB')).not.toContain('elevator');
    expect(track('en-US')).toContain('elevator');
    expect(track('en-US')).not.toContain('lift');
  });
});
