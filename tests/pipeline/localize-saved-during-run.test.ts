import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SublocError } from '../../src/errors.js';
import { localize } from '../../src/pipeline/localize.js';
import { resolveLocalizeOptions } from '../../src/pipeline/options.js';
import { tempDir } from '../helpers/cli.js';
import { start, type FakeDeepL } from '../helpers/deepl-server.js';

const root = resolve(import.meta.dirname, '../..');
const KEY = 'saved-during-run:fx';
let deepl: FakeDeepL | undefined;

afterEach(async () => {
  await deepl?.stop();
  deepl = undefined;
});

describe('a translator’s file saved while localize drafts', () => {
  it('is not written over at the run’s end: the language is refused and the save kept as it is', async () => {
    let holding = false;
    let arrived!: () => void;
    const reached = new Promise<void>((resolve) => (arrived = resolve));
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    deepl = await start({
      authKey: KEY,
      hold: (_method, path) => {
        if (path !== '/v2/translate' || !holding) return undefined;
        arrived();
        return released;
      },
    });
    const dir = tempDir('subloc-saved-during-');
    const input = join(dir, 'film.zh-Hans.srt');
    writeFileSync(input, readFileSync(join(root, 'subtitles/hotline-beijing.zh-Hans.srt')));
    const env = { DEEPL_AUTH_KEY: KEY, DEEPL_SERVER_URL: deepl.url };
    const options = () => resolveLocalizeOptions({ input, targets: ['fr-FR'], provider: 'deepl', formats: ['srt'], out: join(dir, 'out'), memory: join(dir, 'memory.sqlite') }, dir, env);
    await localize(await options(), { env });

    // A new cut changes one line: drafting it waits on DeepL, while the translator's CAT tool saves the XLIFF.
    writeFileSync(input, readFileSync(input, 'utf8').replace('北京，早上七点。', '北京，早上六点。'));
    holding = true;
    const run = localize(await options(), { env }).then(
      () => undefined,
      (error: unknown) => error,
    );
    await reached;
    const xliff = join(dir, 'out/film/fr-FR/film.fr-FR.xlf');
    const saved = readFileSync(xliff, 'utf8').replace('</target>', ' (relu)</target>');
    expect(saved).not.toBe(readFileSync(xliff, 'utf8'));
    writeFileSync(xliff, saved);
    release();
    const error = await run;
    expect(error).toBeInstanceOf(SublocError);
    expect(error).toMatchObject({ code: 'REVIEW_NOT_IMPORTED', message: expect.stringContaining('was saved while this run drafted') });
    expect(readFileSync(xliff, 'utf8')).toBe(saved);
  }, 60_000);
});
