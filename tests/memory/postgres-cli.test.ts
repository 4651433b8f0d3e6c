import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openMemoryStore } from '../../src/memory/open.js';
import type { RunReport } from '../../src/pipeline/report.js';
import { cli, startCli, startProcess, tempDir, tsxArgs, type CliResult } from '../helpers/cli.js';
import { start, type FakeDeepL } from '../helpers/deepl-server.js';
import { startPostgres, type PostgresServer } from '../helpers/postgres-server.js';
import { fileTree } from '../helpers/file-tree.js';
import { approve } from '../helpers/xliff-approve.js';

const root = resolve(import.meta.dirname, '../..');
const KEY = 'postgres-cli-key:fx';
const SCRIPT = join(import.meta.dirname, 'memory-process.ts');

/** Every file under `dir`, as text. */
const allText = (dir: string) => Object.values(fileTree(dir, 'latin1')).join('\n');

describe('the commands on a Postgres memory', () => {
  let server: PostgresServer;
  let deepl: FakeDeepL;
  let dir: string;
  let env: Record<string, string>;
  let url: string;
  const srt = () => join(dir, 'hotline-beijing.zh-Hans.srt');
  /** Says, for output of any command, that the password is nowhere in it. */
  const noPassword = (r: CliResult) => {
    for (const text of [r.stdout, r.stderr]) {
      expect(text).not.toContain(server.password);
      expect(text).not.toContain(encodeURIComponent(server.password));
    }
    return r;
  };

  beforeAll(async () => {
    [server, deepl] = await Promise.all([startPostgres(), start({ authKey: KEY })]);
    dir = tempDir('subloc-pg-cli-');
    copyFileSync(join(root, 'subtitles/hotline-beijing.zh-Hans.srt'), srt());
    env = { DEEPL_AUTH_KEY: KEY, DEEPL_SERVER_URL: deepl.url };
    url = await server.createDatabase('film');
  }, 120_000);
  afterAll(async () => {
    await Promise.all([server?.stop(), deepl?.stop()]);
  });

  it('localizes, imports the review, delivers and exports, all on it, never showing the password', async () => {
    const out = join(dir, 'out');
    const localized = noPassword(await cli(['localize', '--input', srt(), '--target', 'fr-FR', '--formats', 'srt', '--out', out, '--memory', url, '--json'], dir, env));
    expect(localized.stderr).toBe('');
    expect(localized.code).toBe(0);
    expect((JSON.parse(localized.stdout) as RunReport).languages[0]).toMatchObject({ machine: 112, untranslated: 0 });

    const xlf = join(out, 'hotline-beijing/fr-FR/hotline-beijing.fr-FR.xlf');
    let xliff = readFileSync(xlf, 'utf8');
    for (const [id, text] of Object.entries({ '1': 'Pékin, sept heures du matin.', '4': 'Allô, ici le 12345 ?' })) xliff = approve(xliff, id, text);
    writeFileSync(join(dir, 'returned.fr-FR.xlf'), xliff);
    // SUBLOC_MEMORY names it as well as --memory does.
    const imported = noPassword(await cli(['review', 'import', 'returned.fr-FR.xlf', '--input', srt(), '--reviewer', 'Camille'], dir, { ...env, SUBLOC_MEMORY: url }));
    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain('2 units imported (2 approved');

    // A second run drafts nothing new: everything comes from the shared memory.
    deepl.reset();
    const again = noPassword(await cli(['localize', '--input', srt(), '--target', 'fr-FR', '--formats', 'srt', '--out', out, '--memory', url, '--json'], dir, env));
    expect(again.code).toBe(0);
    expect(deepl.state.texts).toBe(0);

    const delivered = noPassword(await cli(['deliver', '--input', srt(), '--language', 'fr-FR', '--formats', 'srt', '--out', join(dir, 'festival'), '--memory', url, '--allow-qc-errors', '--allow-drafts'], dir, env));
    expect(delivered.code, delivered.stderr).toBe(0);
    expect(readFileSync(join(dir, 'festival/hotline-beijing/fr-FR/hotline-beijing.fr-FR.srt'), 'utf8')).toContain('Pékin, sept heures du matin.');

    const exported = noPassword(await cli(['memory', 'export', '-o', 'memory.tmx', '--memory', url], dir));
    expect(exported.code, exported.stderr).toBe(0);
    const stats = noPassword(await cli(['memory', 'stats', '--memory', url], dir));
    // 91 machine drafts, and the 2 approved units beside theirs (a draft made without a glossary is not an import).
    expect(stats.stdout).toContain(`${url.replace(`:${encodeURIComponent(server.password)}@`, '@')}: 93 entries`);

    const copy = await server.createDatabase('copy');
    const reimported = noPassword(await cli(['memory', 'import', 'memory.tmx', '--memory', copy], dir));
    expect(reimported.stdout).toMatch(/^memory\.tmx: 93 written, 0 unchanged \(.*\), 0 kept/);
    const reimportedAgain = noPassword(await cli(['memory', 'import', 'memory.tmx', '--memory', copy], dir));
    expect(reimportedAgain.stdout).toMatch(/^memory\.tmx: 0 written, 93 unchanged \(.*\), 0 kept/);
    // Its own export is no news to the memory either: the drafts' times come back to the millisecond.
    const restored = noPassword(await cli(['memory', 'import', 'memory.tmx', '--memory', url], dir));
    expect(restored.stdout).toMatch(/^memory\.tmx: 0 written, 93 unchanged \(.*\), 0 kept/);
    const store = await openMemoryStore(copy);
    expect((await store.exact(['北京，早上七点。'], { source: 'zh-Hans', target: 'fr-FR' }, ''))?.target).toEqual(['Pékin, sept heures du matin.']);
    await store.close();

    expect(allText(out)).not.toContain(server.password);
    expect(allText(join(dir, 'festival'))).not.toContain(encodeURIComponent(server.password));
    // The record of the run folder, for deliver, names the memory by its server and database alone.
    for (const secret of [server.password, encodeURIComponent(server.password)]) expect(allText(join(dir, '.subloc/run-folders'))).not.toContain(secret);
  }, 240_000);

  it('says there is no memory yet for stats, export and deliver on a database without one, naming it without the password', async () => {
    const empty = await server.createDatabase('empty');
    const shown = empty.replace(`:${encodeURIComponent(server.password)}@`, '@');
    const stats = noPassword(await cli(['memory', 'stats', '--memory', empty], dir));
    expect(stats).toMatchObject({ code: 0, stdout: `${shown}: no translation memory yet (0 entries)\n` });
    const exported = noPassword(await cli(['memory', 'export', '--memory', empty], dir));
    expect(exported.code).toBe(1);
    expect(exported.stderr).toContain(`no translation memory in the Postgres database`);
    expect(exported.stderr).toContain(shown);
    const delivered = noPassword(await cli(['deliver', '--input', srt(), '--language', 'fr-FR', '--out', join(dir, 'none'), '--memory', empty], dir));
    expect(delivered.code).toBe(1);
    expect(delivered.stderr).toContain(shown);
  });

  it('tells a second run whom it waits for, naming the memory without the password', async () => {
    const holder = startProcess(tsxArgs(SCRIPT, 'hold', url), import.meta.dirname);
    try {
      while (!holder.stdout.includes('held') && holder.child.exitCode === null) await new Promise((r) => setTimeout(r, 20));
      const run = startCli(['localize', '--input', srt(), '--target', 'fr-FR', '--formats', 'srt', '--out', join(dir, 'out'), '--memory', url], dir, env);
      while (!run.stderr.includes('waiting for the translation memory') && run.child.exitCode === null) await new Promise((r) => setTimeout(r, 20));
      holder.child.stdin!.end();
      const result = noPassword(await run.done);
      expect(result.stderr).toContain(`waiting for the translation memory ${url.replace(`:${encodeURIComponent(server.password)}@`, '@')}: \`memory-process.ts hold\` (pid ${holder.child.pid} on this machine`);
      expect(result.code).toBe(0);
    } finally {
      if (holder.child.exitCode === null) holder.child.kill('SIGKILL');
    }
  }, 120_000);
});
