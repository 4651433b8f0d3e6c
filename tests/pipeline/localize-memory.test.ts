import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from '../../src/formats/parse.js';
import { openMemory } from '../../src/memory/sqlite.js';
import { lineText } from '../../src/model/spans.js';
import type { RunReport } from '../../src/pipeline/report.js';
import { readXliff } from '../../src/review/xliff-read.js';
import { cli, startCli, tempDir, type RunningProcess } from '../helpers/cli.js';
import { start } from '../helpers/deepl-server.js';

const root = resolve(import.meta.dirname, '../..');

/** The sample as a user has it: config, source track, TMX and glossary in one folder. */
function sampleProject(): string {
  const dir = tempDir('subloc-sample-');
  for (const path of ['subloc.config.json', 'glossary.json', 'subtitles']) cpSync(join(root, path), join(dir, path), { recursive: true });
  return dir;
}

describe('a TMX of the config in another source language than the track', () => {
  it('says that its units were stored but no run of this track can use them, where the run drafted all of it without a word', async () => {
    // Trados writes Simplified Chinese as `ZH-CN`; the film's source is zh-Hans: every unit is stored under zh-CN and never matched.
    const dir = sampleProject();
    const tmx = join(dir, 'subtitles/tm/hotline-beijing.fr-FR.tmx');
    writeFileSync(tmx, readFileSync(tmx, 'utf8').replace(/srclang="zh-Hans"/, 'srclang="ZH-CN"').replace(/xml:lang="zh-Hans"/g, 'xml:lang="ZH-CN"'));
    const r = await cli(['localize', '--config', 'subloc.config.json', '--target', 'fr-FR'], dir);
    expect(r.code).toBe(0);
    const report = JSON.parse(readFileSync(join(dir, 'out/hotline-beijing/run.json'), 'utf8')) as RunReport;
    const fr = report.imported.find((i) => i.file === tmx)!;
    expect(fr.diagnostics).toEqual([
      {
        code: 'tmx/other-source-language',
        severity: 'warning',
        message:
          '91 units are translations from zh-CN, and the source track is in zh-Hans: they are stored in the memory, but no run of this track can use them; ' +
          'expected `<tuv xml:lang="zh-Hans">` (or pass --source zh-CN if the track is in zh-CN)',
      },
    ]);
    expect(r.stderr).toContain(`hotline-beijing.fr-FR.tmx: warning: 91 units are translations from zh-CN`);
    // The other TMX files of the config are in the track's language: nothing to say about them.
    expect(report.imported.filter((i) => i.diagnostics.length > 0)).toHaveLength(1);
  });
});

describe('a TMX of the config that cannot be read', () => {
  it.each([
    ['cut short', (tmx: string) => tmx.slice(0, -40)],
    ['not text (a ZIP)', () => 'PK\u0003\u0004\u0000\u0000binary'],
  ])('%s stops the run before anything is drafted or billed, exit 1, naming the file', async (_, damage) => {
    const dir = sampleProject();
    const tmx = join(dir, 'subtitles/tm/hotline-beijing.fr-FR.tmx');
    writeFileSync(tmx, damage(readFileSync(tmx, 'utf8')));
    const r = await cli(['localize', '--config', 'subloc.config.json', '--target', 'fr-FR', '--provider', 'pseudo'], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${tmx}: the memory to import could not be read (see the errors above); nothing was drafted or billed`);
    expect(r.stderr).not.toContain('internal error');
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });
});

describe('re-importing the config’s TMX keeps a reviewer’s signed-off edits', () => {
  const TMX = 'subtitles/tm/hotline-beijing.fr-FR.tmx';
  const SOURCE = ['北京，早上七点。'];
  const EDIT = 'Pékin, sept heures : la ville s’éveille.';

  it.each([
    ['undated, as many CAT tools export it', (tmx: string) => tmx.replace(/ (creation|change)date="[^"]*"/g, '')],
    ['dated before the review', (tmx: string) => tmx.replace(/date="\d{8}T\d{6}Z"/g, 'date="20200101T000000Z"')],
    ['dated after the review', (tmx: string) => tmx.replace(/date="\d{8}T\d{6}Z"/g, 'date="20991231T000000Z"')],
  ])('with a TMX %s', async (_, redate) => {
    const dir = sampleProject();
    writeFileSync(join(dir, TMX), redate(readFileSync(join(dir, TMX), 'utf8')));
    const localize = async () => {
      const r = await cli(['localize', '--config', 'subloc.config.json', '--target', 'fr-FR', '--json'], dir);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      return JSON.parse(r.stdout) as RunReport;
    };
    const xlf = join(dir, 'out/hotline-beijing/fr-FR/hotline-beijing.fr-FR.xlf');
    const imports = (report: RunReport) => report.imported.find((i) => i.file.endsWith('fr-FR.tmx'))!;
    const first = imports(await localize());

    // The TMX's reviewed translation of cue 1 is in the review file; the reviewer rewrites it and signs it off.
    const xliff = readFileSync(xlf, 'utf8');
    const unit = /(<trans-unit id="1"[^>]*>[\s\S]*?)<target[^>]*>[\s\S]*?<\/target>/;
    expect(xliff).toMatch(unit);
    writeFileSync(join(dir, 'returned.fr-FR.xlf'), xliff.replace(unit, `$1<target state="signed-off">${EDIT}</target>`));
    const imported = await cli(['review', 'import', 'returned.fr-FR.xlf', '--reviewer', 'Camille'], dir);
    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain('1 unit imported (0 approved, 1 reviewed)');

    const again = await localize();
    // Every run imports the TMX again: only the unit the reviewer changed since differs from what it holds.
    expect(imports(again)).toMatchObject({ written: 0, unchanged: first.written - 1, kept: 1 });
    const memory = openMemory(join(dir, '.subloc/memory.sqlite'));
    expect(await memory.exact(SOURCE, { source: 'zh-Hans', target: 'fr-FR' }, '')).toMatchObject({ target: [EDIT], status: 'reviewed', reviewer: 'Camille', byReviewer: true });
    await memory.close();
    const track = parse(readFileSync(join(dir, 'out/hotline-beijing/fr-FR/hotline-beijing.fr-FR.srt'))).track;
    expect(track.cues[0]?.lines.map(lineText).join(' ')).toBe(EDIT);
    const cue = readXliff(readFileSync(xlf, 'utf8'), 'fr-FR.xlf').cues.find((c) => c.id === '1');
    expect(cue).toMatchObject({ target: EDIT, state: 'reviewed' });
  });
});

describe('two localize runs on one memory at once', () => {
  const KEY = 'two-runs-key:fx';
  const sample = join(root, 'subtitles/hotline-beijing.zh-Hans.srt');
  const source = parse(readFileSync(sample)).track;
  const running: RunningProcess[] = [];
  afterEach(async () => {
    for (const p of running.splice(0)) if (p.child.exitCode === null) p.child.kill('SIGKILL');
  });

  it('bill one pass in total, the second waiting for the first and taking its drafts from the memory', async () => {
    const deepl = await start({ authKey: KEY });
    try {
      const dir = tempDir('subloc-two-runs-');
      const memoryFile = join(dir, 'memory.sqlite');
      // This test holds the memory first, so that both runs are sure to start while another run drafts.
      const holder = openMemory(memoryFile);
      await holder.lockRuns({ purpose: 'the test' });
      const env = { DEEPL_AUTH_KEY: KEY, DEEPL_SERVER_URL: deepl.url };
      const runs = ['a', 'b'].map((name) => {
        const run = startCli(['localize', '--input', sample, '--target', 'fr-FR,ja-JP', '--formats', 'srt', '--out', join(dir, name), '--memory', memoryFile, '--json', '--no-condense'], dir, env);
        running.push(run);
        return run;
      });
      const waiting = (run: RunningProcess) => run.stderr.includes('waiting for the translation memory');
      await until(() => runs.every((r) => waiting(r) || r.child.exitCode !== null));
      await holder.close();
      const results = await Promise.all(runs.map((r) => r.done));

      expect(results.map((r) => r.code)).toEqual([0, 0]);
      const reports = results.map((r) => JSON.parse(r.stdout) as RunReport);
      const billed = reports.map((r) => r.totals.billedCharacters).sort((a, b) => a - b);
      expect(billed).toEqual([0, deepl.state.billedCharacters]);
      expect(deepl.state.billedCharacters).toBeGreaterThan(0);
      // Every unit was sent once per language.
      expect(deepl.state.texts).toBe(2 * reports[0]!.units);
      for (const r of results) {
        // Said once, naming the memory and the run that holds it.
        expect(r.stderr.split('\n')).toEqual([expect.stringMatching(/^subloc localize: waiting for the translation memory .* is drafting into it; this run goes on when that one ends and translates only what it leaves \(Ctrl-C stops waiting\)$/), '']);
        expect(r.stderr).toContain(`memory ${memoryFile}: \`the test\` (pid ${process.pid} on this machine, since 20`);
      }
      for (const name of ['a', 'b']) {
        for (const language of ['fr-FR', 'ja-JP']) {
          const track = parse(readFileSync(join(dir, name, 'hotline-beijing', language, `hotline-beijing.${language}.srt`))).track;
          expect(track.cues.map((c) => c.id)).toEqual(source.cues.map((c) => c.id));
          expect(track.cues.every((c) => c.lines.map(lineText).join('').trim() !== '')).toBe(true);
        }
      }
    } finally {
      await deepl.stop();
    }
  }, 120_000);

  it('stops waiting on Ctrl-C, with nothing but the waiting line said', async () => {
    const dir = tempDir('subloc-two-runs-');
    const memoryFile = join(dir, 'memory.sqlite');
    const holder = openMemory(memoryFile);
    await holder.lockRuns({ purpose: 'the test' });
    try {
      const run = startCli(['localize', '--input', sample, '--target', 'fr-FR', '--provider', 'pseudo', '--out', join(dir, 'out'), '--memory', memoryFile], dir);
      running.push(run);
      await until(() => run.stderr.includes('(Ctrl-C stops waiting)') || run.child.exitCode !== null);
      run.child.kill('SIGINT');
      const result = await run.done;
      expect(run.child.signalCode).toBe('SIGINT');
      expect(result.stderr.split('\n')).toHaveLength(2);
      expect(await holder.entries()).toEqual([]);
    } finally {
      await holder.close();
    }
  }, 120_000);
});

/** Resolves once `ready()` holds, looking again as output arrives; the test's timeout bounds it. */
async function until(ready: () => boolean): Promise<void> {
  while (!ready()) await new Promise((r) => setTimeout(r, 20));
}
