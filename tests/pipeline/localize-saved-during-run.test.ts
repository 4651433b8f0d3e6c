import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SublocError } from '../../src/errors.js';
import { openMemory } from '../../src/memory/sqlite.js';
import { localize } from '../../src/pipeline/localize.js';
import { resolveLocalizeOptions } from '../../src/pipeline/options.js';
import { openReviewSession } from '../../src/pipeline/review-session.js';
import { readXliff } from '../../src/review/xliff-read.js';
import { tempDir } from '../helpers/cli.js';
import { start, type FakeDeepL } from '../helpers/deepl-server.js';
import { assertValid } from '../helpers/schemas.js';

const root = resolve(import.meta.dirname, '../..');
const KEY = 'saved-during-run:fx';
let deepl: FakeDeepL | undefined;

afterEach(async () => {
  await deepl?.stop();
  deepl = undefined;
});

/**
 * The sample localized once into French, against a DeepL server that holds
 * every translate request once `held.holding` is set, until `release()`;
 * `reached` settles when the first such request arrives.
 */
async function heldRun(prefix: string) {
  let arrived!: () => void;
  const reached = new Promise<void>((resolve) => (arrived = resolve));
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  const held = { holding: false };
  const server = await start({
    authKey: KEY,
    hold: (_method, path) => {
      if (path !== '/v2/translate' || !held.holding) return undefined;
      arrived();
      return released;
    },
  });
  deepl = server;
  const dir = tempDir(prefix);
  const input = join(dir, 'film.zh-Hans.srt');
  writeFileSync(input, readFileSync(join(root, 'subtitles/hotline-beijing.zh-Hans.srt')));
  const env = { DEEPL_AUTH_KEY: KEY, DEEPL_SERVER_URL: server.url };
  const options = () => resolveLocalizeOptions({ input, targets: ['fr-FR'], provider: 'deepl', formats: ['srt'], out: join(dir, 'out'), memory: join(dir, 'memory.sqlite') }, dir, env);
  await localize(await options(), { env });
  return Object.assign(held, { dir, input, env, options, reached, release });
}

describe('a translator’s file saved while localize drafts', () => {
  it('is not written over at the run’s end: the language is refused and the save kept as it is', async () => {
    const held = await heldRun('subloc-saved-during-');
    const { dir, input, env, options, reached, release } = held;

    // A new cut changes one line: drafting it waits on DeepL, while the translator's CAT tool saves the XLIFF.
    writeFileSync(input, readFileSync(input, 'utf8').replace('北京，早上七点。', '北京，早上六点。'));
    held.holding = true;
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

  it('takes a studio save of one cue of a sentence it drafts into its track, the other cue its machine draft, and stores them so the next run bills nothing', async () => {
    const held = await heldRun('subloc-partial-save-during-');
    const { dir, input, env, options, reached, release } = held;

    // Cues 9 and 10 become one new sentence, which the memory does not hold.
    const cut = readFileSync(input, 'utf8').replace('胡同最窄的地方\n只有三米多宽。', '猫在屋顶上睡觉，').replace('两边停满了车，\n救护车、消防车都进不来。', '狗在院子里跑步。');
    writeFileSync(input, cut);
    const studio = await openReviewSession({ localize: await options(), languages: ['fr-FR'], reviewer: 'Camille' });
    try {
      const shown = (await studio.track('fr-FR'))!;
      expect(shown.filter((c) => c.id === '9' || c.id === '10').map((c) => [c.unitId, c.origin])).toEqual([
        ['9', 'untranslated'],
        ['9', 'untranslated'],
      ]);
      held.holding = true;
      const run = localize(await options(), { env });
      await reached;
      // While DeepL drafts the sentence, the translator saves its first cue alone.
      const saved = await studio.save('fr-FR', '9', { text: 'Un chat dort sur le toit,', state: 'reviewed', revision: shown.find((c) => c.id === '9')!.revision });
      expect(saved.outcome).toBe('saved');
      release();
      const report = await run;
      expect(report.totals.billedCharacters).toBeGreaterThan(0);

      const memory = openMemory(join(dir, 'memory.sqlite'));
      const machine = (await memory.entries({ target: 'fr-FR' })).find((e) => e.provider === 'deepl' && e.source[0] === '猫在屋顶上睡觉，')!;
      const stored = await memory.exact(['猫在屋顶上睡觉，', '狗在院子里跑步。'], { source: 'zh-Hans', target: 'fr-FR' }, 'any');
      await memory.close();
      const srt = readFileSync(join(dir, 'out/film/fr-FR/film.fr-FR.srt'), 'utf8');
      expect(srt).toContain('\n9\n00:01:00,000 --> 00:01:03,083\nUn chat dort sur le toit,\n');
      expect(srt).toContain(`\n10\n00:01:03,167 --> 00:01:06,833\n${machine.target[1]}\n`);
      const xliff = readFileSync(join(dir, 'out/film/fr-FR/film.fr-FR.xlf'), 'utf8');
      expect(xliff).toMatch(/<trans-unit id="9"[^]*?<target [^>]*>Un chat dort sur le toit,<\/target>/);
      // The reviewer's cue as saved and reviewed; the other the machine's draft, still a draft.
      expect(stored).toMatchObject({ provider: 'studio', reviewer: 'Camille', byReviewer: true, target: ['Un chat dort sur le toit,', machine.target[1]], cueStatus: ['reviewed', 'draft'], status: 'draft' });

      const after = (await studio.track('fr-FR'))!;
      expect(after.filter((c) => c.id === '9' || c.id === '10').map((c) => [c.text, c.state])).toEqual([
        ['Un chat dort sur le toit,', 'reviewed'],
        [machine.target[1], 'draft'],
      ]);
      expect(after.find((c) => c.id === '10')!.origin).not.toBe('untranslated');
    } finally {
      await studio.close();
    }
    held.holding = false;
    const next = await localize(await options(), { env });
    expect(next.totals.billedCharacters).toBe(0);
  }, 60_000);

  it('keeps the machine draft of the cues a studio save of part of a sentence left empty when the run is stopped after DeepL answered it: the studio shows it, the next run bills nothing', async () => {
    const held = await heldRun('subloc-partial-save-stopped-');
    const { dir, input, env, options, reached, release } = held;
    // Cues 9 and 10 become one new sentence, which the memory does not hold.
    writeFileSync(input, readFileSync(input, 'utf8').replace('胡同最窄的地方\n只有三米多宽。', '猫在屋顶上睡觉，').replace('两边停满了车，\n救护车、消防车都进不来。', '狗在院子里跑步。'));
    const studio = await openReviewSession({ localize: await options(), languages: ['fr-FR'], reviewer: 'Camille' });
    try {
      held.holding = true;
      const stop = new AbortController();
      const run = localize(await options(), { env, stop: stop.signal }).then(
        () => undefined,
        (error: unknown) => error,
      );
      await reached;
      // While DeepL drafts the sentence, the translator types its first cue (an autosave: no state); then Ctrl-C,
      // and DeepL's answer, billed, arrives after it.
      const shown = (await studio.track('fr-FR'))!;
      expect((await studio.save('fr-FR', '9', { text: 'Un chat dort sur le toit,', revision: shown.find((c) => c.id === '9')!.revision })).outcome).toBe('saved');
      stop.abort();
      release();
      const error = await run;
      expect(error).toBeInstanceOf(SublocError);
      expect((error as Error).message).toContain('their drafts are in the memory');

      const memory = openMemory(join(dir, 'memory.sqlite'));
      const machine = (await memory.entries({ target: 'fr-FR' })).find((e) => e.provider === 'deepl' && e.source[0] === '猫在屋顶上睡觉，')!;
      expect(machine.target[1]).toBeTruthy();
      // The translator's cue as typed; the other DeepL's draft, still a draft, labelled the machine's.
      expect(await memory.exact(['猫在屋顶上睡觉，', '狗在院子里跑步。'], { source: 'zh-Hans', target: 'fr-FR' }, 'any')).toMatchObject({
        reviewer: 'Camille',
        byReviewer: true,
        target: ['Un chat dort sur le toit,', machine.target[1]],
        status: 'draft',
        filledBy: ['', 'deepl'],
      });
      await memory.close();
      const after = (await studio.track('fr-FR'))!;
      expect(after.filter((c) => c.id === '9' || c.id === '10').map((c) => [c.text, c.state, c.origin])).toEqual([
        ['Un chat dort sur le toit,', 'draft', 'memory'],
        [machine.target[1], 'draft', 'machine'],
      ]);
    } finally {
      await studio.close();
    }
    held.holding = false;
    const next = await localize(await options(), { env });
    expect(next.totals.billedCharacters).toBe(0);
    const srt = readFileSync(join(dir, 'out/film/fr-FR/film.fr-FR.srt'), 'utf8');
    expect(srt).toContain('\n9\n00:01:00,000 --> 00:01:03,083\nUn chat dort sur le toit,\n');
  }, 60_000);

  it.each([
    ['while DeepL drafts the sentence', true],
    ['before the run, which finds it in the memory', false],
  ])('labels a cue the translator saved as a draft %s as theirs, and the cue DeepL filled beside it as the machine’s, in this run, the next and the studio, until the translator rewrites it', async (_, during) => {
    const held = await heldRun('subloc-mixed-origins-');
    const { dir, input, env, options, reached, release } = held;
    // Cues 9 and 10 become one new sentence, which the memory does not hold.
    writeFileSync(input, readFileSync(input, 'utf8').replace('胡同最窄的地方\n只有三米多宽。', '猫在屋顶上睡觉，').replace('两边停满了车，\n救护车、消防车都进不来。', '狗在院子里跑步。'));
    const studio = await openReviewSession({ localize: await options(), languages: ['fr-FR'], reviewer: 'Camille' });
    // The translator writes the first cue and leaves it a draft: no state sent, the cue keeps its own.
    const save = async () => {
      const shown = (await studio.track('fr-FR'))!;
      expect((await studio.save('fr-FR', '9', { text: 'Un chat dort sur le toit,', revision: shown.find((c) => c.id === '9')!.revision })).outcome).toBe('saved');
    };
    const localized = async () => {
      if (!during) {
        await save();
        return localize(await options(), { env });
      }
      held.holding = true;
      const run = localize(await options(), { env });
      await reached;
      await save();
      release();
      return run;
    };
    const report = await localized().finally(() => studio.close());

    const folder = join(dir, 'out/film/fr-FR');
    const xliff = readFileSync(join(folder, 'film.fr-FR.xlf'), 'utf8');
    assertValid(xliff, 'xliff-1.2', 'film.fr-FR.xlf');
    const transUnit = (id: string) => new RegExp(`<trans-unit id="${id}"[^]*?</trans-unit>`).exec(xliff)?.[0] ?? '';
    // The translator's cue labelled as a studio save of a whole sentence is: from the memory, not the machine.
    expect(transUnit('9')).toContain('<target state="needs-review-translation" state-qualifier="exact-match">Un chat dort sur le toit,</target>');
    expect(transUnit('9')).toContain('exact match from the translation memory (memory), not checked yet');
    expect(transUnit('9')).not.toContain('machine draft');
    expect(transUnit('10')).toContain('state-qualifier="mt-suggestion"');
    expect(transUnit('10')).toContain('machine draft (deepl), not checked yet');
    // Read back, subloc's notes are none of the translator's comments.
    const read = readXliff(xliff, 'film.fr-FR.xlf').cues;
    expect(read.filter((c) => c.id === '9' || c.id === '10').map((c) => [c.state, c.comment])).toEqual([
      ['memory', undefined],
      ['machine', undefined],
    ]);

    const sheet = readFileSync(join(folder, 'film.fr-FR.review.html'), 'utf8');
    const row = (id: string) => new RegExp(`<tr [^>]*data-cue-id="${id}"[^]*?</tr>`).exec(sheet)?.[0] ?? '';
    expect(row('9')).toContain('data-state="memory"');
    expect(row('9')).toContain('<span class="provider">by Camille</span>');
    expect(row('10')).toContain('data-state="machine"');
    expect(row('10')).toContain('<span class="provider">from deepl</span>');

    const language = report.languages[0]!;
    expect([language.origins['9'], language.origins['10']]).toEqual(['memory-exact', 'machine']);
    const json = JSON.parse(readFileSync(join(dir, 'out/film/run.json'), 'utf8')) as typeof report;
    expect(json.languages[0]!.origins).toEqual(language.origins);

    // The memory keeps which cue DeepL filled: the next run and the studio label each cue by who wrote it, nothing billed.
    const memory = openMemory(join(dir, 'memory.sqlite'));
    expect(await memory.exact(['猫在屋顶上睡觉，', '狗在院子里跑步。'], { source: 'zh-Hans', target: 'fr-FR' }, 'any')).toMatchObject({ reviewer: 'Camille', filledBy: ['', 'deepl'] });
    await memory.close();
    held.holding = false;
    const next = await localize(await options(), { env });
    expect(next.totals.billedCharacters).toBe(0);
    const again = readFileSync(join(folder, 'film.fr-FR.xlf'), 'utf8');
    assertValid(again, 'xliff-1.2', 'film.fr-FR.xlf');
    const nextUnit = (id: string) => new RegExp(`<trans-unit id="${id}"[^]*?</trans-unit>`).exec(again)?.[0] ?? '';
    expect(nextUnit('9')).toContain('exact match from the translation memory (memory), not checked yet');
    expect(nextUnit('10')).toContain('state-qualifier="mt-suggestion"');
    expect(nextUnit('10')).toContain('machine draft (deepl), from the memory, not checked yet');
    const nextRow = (id: string) => new RegExp(`<tr [^>]*data-cue-id="${id}"[^]*?</tr>`).exec(readFileSync(join(folder, 'film.fr-FR.review.html'), 'utf8'))?.[0] ?? '';
    expect(nextRow('9')).toContain('<span class="provider">by Camille</span>');
    expect(nextRow('10')).toContain('<span class="provider">from deepl (memory)</span>');
    expect([next.languages[0]!.origins['9'], next.languages[0]!.origins['10']]).toEqual(['memory-exact', 'memory-exact']);

    // In the studio too; the translator's rewrite of DeepL's cue makes it theirs.
    const later = await openReviewSession({ localize: await options(), languages: ['fr-FR'], reviewer: 'Camille' });
    try {
      const shown = (await later.track('fr-FR'))!;
      expect(shown.filter((c) => c.id === '9' || c.id === '10').map((c) => c.origin)).toEqual(['memory', 'machine']);
      const ten = shown.find((c) => c.id === '10')!;
      expect((await later.save('fr-FR', '10', { text: 'un chien court dans la cour.', revision: ten.revision })).outcome).toBe('saved');
      expect((await later.track('fr-FR'))!.find((c) => c.id === '10')!.origin).toBe('memory');
    } finally {
      await later.close();
    }
    await localize(await options(), { env });
    const rewritten = readFileSync(join(folder, 'film.fr-FR.xlf'), 'utf8');
    expect(new RegExp(`<trans-unit id="10"[^]*?</trans-unit>`).exec(rewritten)?.[0]).toContain('exact match from the translation memory (memory), not checked yet');
  }, 60_000);
});
