import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SublocError } from '../../src/errors.js';
import { localize, type LocalizeEvent } from '../../src/pipeline/localize.js';
import { resolveLocalizeOptions } from '../../src/pipeline/options.js';
import { tempDir } from '../helpers/cli.js';
import { start, type FakeDeepL, type FakeDeepLOptions } from '../helpers/deepl-server.js';

const root = resolve(import.meta.dirname, '../..');
const sample = join(root, 'subtitles/hotline-beijing.zh-Hans.srt');
const KEY = 'sync-test-key-77:fx';
const isSync = (path: string) => path === '/v2/glossary-language-pairs' || path.startsWith('/v3/glossaries');
let deepl: FakeDeepL | undefined;

afterEach(async () => {
  await deepl?.stop();
  deepl = undefined;
});

/** The sample into en-US and fr-FR with DeepL, in `dir`. */
function optionsIn(dir: string, env: Record<string, string>, tmx?: string, input = sample) {
  return resolveLocalizeOptions(
    {
      input,
      targets: ['en-US', 'fr-FR'],
      provider: 'deepl',
      formats: ['srt'],
      out: join(dir, 'out'),
      memory: join(dir, 'memory.sqlite'),
      glossary: join(root, 'glossary.json'),
      ...(tmx === undefined ? {} : { tmx: [tmx] }),
    },
    dir,
    env,
  );
}

async function run(server: FakeDeepLOptions, onEvent: (event: LocalizeEvent) => void, key = KEY, tmx?: string) {
  deepl = await start({ authKey: KEY, ...server });
  const dir = tempDir();
  const env = { DEEPL_AUTH_KEY: key, DEEPL_SERVER_URL: deepl.url };
  const options = await optionsIn(dir, env, tmx);
  return { dir, result: localize(options, { env, onEvent }) };
}

describe('localize: the glossary sync off the critical path', () => {
  it('starts drafting (the memory search) while the glossary sync is still waiting on DeepL, and still sends every request with the glossary', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    // Without the change the first language starts only after the sync: the fallback lets that run finish and fail the assertion.
    // Long enough that a loaded machine (a whole suite beside other work) reaches the first language first.
    const fallback = setTimeout(release, 15_000);
    let syncAnsweredAtStart: number | undefined;
    const { result } = await run({ hold: (_, path) => (isSync(path) ? held : undefined) }, (event) => {
      if (event.type !== 'language-start' || syncAnsweredAtStart !== undefined) return;
      syncAnsweredAtStart = deepl!.state.requests.filter((r) => isSync(r.path) && r.status !== 0).length;
      release();
    });
    const report = await result;
    clearTimeout(fallback);
    expect(syncAnsweredAtStart).toBe(0);
    expect(report.languages.map((l) => l.untranslated)).toEqual([0, 0]);
    const translations = deepl!.state.requests.filter((r) => r.path === '/v2/translate');
    expect(translations.length).toBeGreaterThan(0);
    expect(translations.every((r) => r.params?.get('glossary_id')?.length === 1)).toBe(true);
    const lastSync = deepl!.state.requests.findLastIndex((r) => isSync(r.path));
    expect(deepl!.state.requests.findIndex((r) => r.path === '/v2/translate')).toBeGreaterThan(lastSync);
  });

  it('a failed sync fails the run as before, with nothing written and no unhandled rejection', async () => {
    const { dir, result } = await run({}, () => {}, 'not-the-key:fx');
    const error = await result.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(SublocError);
    expect((error as SublocError).code).toBe('DEEPL_AUTH');
    expect(deepl!.state.requests.some((r) => r.path === '/v2/translate')).toBe(false);
    expect(existsSync(join(dir, 'out/hotline-beijing/en-US'))).toBe(false);
  });

  it('asks DeepL nothing when the run fails on its own inputs (a memory to import that is not there)', async () => {
    const { result } = await run({}, () => {}, KEY, join(tempDir(), 'missing.tmx'));
    await expect(result).rejects.toThrow(/missing\.tmx/);
    // A sync begun before the failure would still be on its way to the server: give it the time to arrive.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(deepl!.state.requests).toEqual([]);
  });
  it("makes the glossary at once on a title's first DeepL run, and on the next run into the same folder only looks for it", async () => {
    deepl = await start({ authKey: KEY, latencyMs: 30 });
    const dir = tempDir();
    const input = join(dir, 'film.zh-Hans.srt');
    writeFileSync(input, readFileSync(sample));
    const env = { DEEPL_AUTH_KEY: KEY, DEEPL_SERVER_URL: deepl.url };
    const options = await optionsIn(dir, env, undefined, input);
    await localize(options, { env });
    const sync = () => deepl!.state.requests.filter((r) => isSync(r.path));
    const create = sync().filter((r) => r.method === 'POST');
    const list = sync().find((r) => r.method === 'GET' && r.path === '/v3/glossaries')!;
    expect(create).toHaveLength(1);
    // Sent before the list came back: one round trip before the first request, not two.
    expect(create[0]!.at).toBeLessThan(list.answered);
    deepl.reset();
    // A new cut changes one line: that line is drafted again.
    writeFileSync(input, readFileSync(sample, 'utf8').replace('北京，早上七点。', '北京，早上六点。'));
    await localize(await optionsIn(dir, env, undefined, input), { env });
    expect(sync().map((r) => `${r.method} ${r.path}`).sort()).toEqual(['GET /v2/glossary-language-pairs', 'GET /v3/glossaries']);
    expect(deepl.state.requests.filter((r) => r.path === '/v2/translate').length).toBeGreaterThan(0);
  });

  it('asks DeepL nothing, the glossary sync included, when the memory holds every draft: the run goes on with DeepL out of reach', async () => {
    deepl = await start({ authKey: KEY });
    const dir = tempDir();
    const env = { DEEPL_AUTH_KEY: KEY, DEEPL_SERVER_URL: deepl.url };
    await localize(await optionsIn(dir, env), { env });
    deepl.reset();
    const again = await localize(await optionsIn(dir, env), { env });
    expect(deepl.state.requests).toEqual([]);
    expect(again.languages.map((l) => [l.untranslated, l.billedCharacters])).toEqual([
      [0, 0],
      [0, 0],
    ]);
    // The key still set, the network gone (a translator on a train): nothing to send, nothing fails.
    const url = deepl.url;
    await deepl.stop();
    deepl = undefined;
    const offline = { DEEPL_AUTH_KEY: KEY, DEEPL_SERVER_URL: url };
    const report = await localize(await optionsIn(dir, offline), { env: offline });
    expect(report.languages.map((l) => l.untranslated)).toEqual([0, 0]);
  });
});

describe('localize: a glossary deleted mid-run', () => {
  const OTHER = 'subloc hotline-beijing 0ther.5e7';
  /**
   * When the `nth` translate request arrives (and every one after with `always`), does what a run of an edited
   * glossary.json does: makes its own version of the title's glossary and deletes this run's.
   */
  function otherRunTidies(nth: number, always = false) {
    let seen = 0;
    return (_: string, path: string) => {
      if (path !== '/v2/translate') return undefined;
      seen++;
      if (seen !== nth && !(always && seen > nth)) return undefined;
      for (const [id, g] of deepl!.state.glossaries) if (g.name !== OTHER) deepl!.state.glossaries.delete(id);
      deepl!.state.glossaries.set('other-run', { id: 'other-run', name: OTHER, creationTime: new Date().toISOString(), dictionaries: [] });
      return undefined;
    };
  }

  it('is made again once, the failed request and every later one sent with the new glossary, another version left alone, and the run says so', async () => {
    const { result } = await run({ hold: otherRunTidies(3), latencyMs: 5 }, () => {});
    const report = await result;
    expect(report.languages.map((l) => l.untranslated)).toEqual([0, 0]);
    const translate = deepl!.state.requests.filter((r) => r.path === '/v2/translate');
    const refused = translate.filter((r) => r.status !== 200);
    expect(refused.length).toBeGreaterThan(0);
    expect(refused.every((r) => r.status === 404)).toBe(true);
    const [remade] = [...deepl!.state.glossaries.values()].filter((g) => g.name !== OTHER);
    expect(deepl!.state.glossaries.size).toBe(2);
    // Every request after the ones that found the glossary gone named the one made again, and DeepL answered each.
    const lastRefused = translate.lastIndexOf(refused.at(-1)!);
    const after = translate.slice(lastRefused + 1);
    expect(after.length).toBeGreaterThan(0);
    expect(after.every((r) => r.status === 200 && r.params?.get('glossary_id')?.[0] === remade!.id)).toBe(true);
    // Made again once for both languages, by the run's content name.
    expect(deepl!.state.requests.filter((r) => r.method === 'POST' && r.path === '/v3/glossaries')).toHaveLength(2);
    const said = report.languages.flatMap((l) => l.diagnostics).filter((d) => d.code === 'deepl/glossary-remade');
    expect(said.length).toBeGreaterThan(0);
    expect(said.length).toBeLessThanOrEqual(2);
    expect(JSON.stringify(said)).not.toContain(KEY);
  });

  it('fails the run, not loops, when the glossary made again is gone again', async () => {
    const { result } = await run({ hold: otherRunTidies(3, true), latencyMs: 5 }, () => {});
    const error = await result.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(SublocError);
    expect((error as SublocError).code).toBe('DEEPL_FAILED');
    const creates = deepl!.state.requests.filter((r) => r.method === 'POST' && r.path === '/v3/glossaries');
    expect(creates.length).toBeLessThanOrEqual(3);
  });

  it('a 400 that is not about the glossary fails the run as before, after asking whether the glossary is still there', async () => {
    const { result } = await run({ faults: [{ type: 'status', status: 400, message: 'Value for target_lang not supported', times: 1000 }] }, () => {});
    await expect(result).rejects.toMatchObject({ code: 'DEEPL_FAILED' });
    const asked = deepl!.state.requests.filter((r) => r.method === 'GET' && /^\/v3\/glossaries\/[^/]+$/.test(r.path));
    expect(asked).toHaveLength(1);
    expect(deepl!.state.requests.filter((r) => r.method === 'POST' && r.path === '/v3/glossaries')).toHaveLength(1);
  });
});
