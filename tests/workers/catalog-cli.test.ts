import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cli, tempDir } from '../helpers/cli.js';
import { startRedis } from '../helpers/redis-server.js';
import { allDone, catalogCli, startCatalog, startWorker, status, stopCatalog, until, writeFilm, type Catalog } from './catalog-fixture.js';

let catalog: Catalog | undefined;
afterEach(async () => {
  await stopCatalog(catalog);
  catalog = undefined;
});

describe('subloc catalog and subloc worker refuse what they cannot do, saying why', () => {
  it('a Redis nobody listens on: exit 1, the URL (never its password) and what to do', async () => {
    const result = await cli(['catalog', 'status', '--redis', 'redis://user:s3cret@127.0.0.1:1'], tempDir());
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('cannot reach Redis at redis://[redacted]@127.0.0.1:1 (connect ECONNREFUSED 127.0.0.1:1)');
    expect(result.stderr).toContain('start one, or pass --redis <url> or set SUBLOC_REDIS');
    expect(result.stderr).not.toContain('s3cret');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('a Redis password holding `@`, or given as a `password` parameter, is never shown either, whole or in part', async () => {
    const at = await cli(['catalog', 'status', '--redis', 'redis://user:s3c@ret@127.0.0.1:1'], tempDir());
    expect(at.code).toBe(1);
    expect(at.stderr).toContain('cannot reach Redis at redis://[redacted]@127.0.0.1:1 (connect ECONNREFUSED 127.0.0.1:1)');
    expect(at.stderr).not.toMatch(/s3c|ret@/);
    const param = await cli(['worker', '--redis', 'redis://127.0.0.1:1/0?password=s3cret&family=4'], tempDir());
    expect(param.code).toBe(1);
    expect(param.stderr).toContain('cannot reach Redis at redis://127.0.0.1:1/0?password=[redacted]&family=4');
    expect(param.stderr).not.toContain('s3cret');
    // A `/` nobody percent-encoded ends the authority as URLs read it: the message masks up to the last `@` all the same.
    const slash = await cli(['catalog', 'status', '--redis', 'redis://user:s3c/ret@127.0.0.1:1'], tempDir());
    expect(slash.code).toBe(2);
    expect(slash.stderr).toContain('`redis://[redacted]@127.0.0.1:1` is not a Redis URL subloc can read (Invalid URL)');
    expect(slash.stderr).not.toMatch(/s3c|ret@/);
    const notUrl = await cli(['catalog', 'status', '--redis', 'redis:/user:s3cret@127.0.0.1:1'], tempDir());
    expect(notUrl.code).toBe(2);
    expect(notUrl.stderr).toContain('is not a Redis URL');
    expect(notUrl.stderr).not.toContain('s3cret');
  });

  it('a database the Redis server does not have: exit 1 saying so, not database 0 read in its place', async () => {
    catalog = await startCatalog();
    const result = await cli(['catalog', 'status', '--redis', `${catalog.redis.url}/99`], tempDir());
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('has no database 99');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('a budget or rate that is not one: exit 2 before Redis is asked', async () => {
    const budget = await cli(['catalog', 'resume', '--budget', '500000/week', '--redis', 'redis://127.0.0.1:1'], tempDir());
    expect(budget.code).toBe(2);
    expect(budget.stderr).toContain('--budget `500000/week` is not a character budget; expected characters per month or per day, e.g. 500000/month, or none to lift the budget');
    const rate = await cli(['catalog', 'enqueue', 'x.json', '--rate', '0'], tempDir());
    expect(rate.code).toBe(2);
    expect(rate.stderr).toContain('--rate `0` is not a request rate');
    for (const typed of ['0x10', '1e3', 'Infinity']) {
      const r = await cli(['catalog', 'enqueue', 'x.json', '--rate', typed], tempDir());
      expect(r.code, typed).toBe(2);
      expect(r.stderr, typed).toContain(`--rate \`${typed}\` is not a request rate`);
    }
  });

  it('lifts a rate or a budget set before with `none`, and keeps the one not named', async () => {
    catalog = await startCatalog();
    expect((await catalogCli(catalog, ['resume', '--rate', '5', '--budget', '500000/month'])).code).toBe(0);
    expect(await status(catalog)).toMatchObject({ rate: 5, budget: { characters: 500000, period: 'month' } });
    expect((await catalogCli(catalog, ['resume', '--budget', 'none'])).code).toBe(0);
    const rateOnly = await status(catalog);
    expect(rateOnly.rate).toBe(5);
    expect(rateOnly.budget).toBeUndefined();
    expect((await catalogCli(catalog, ['resume', '--rate', 'NONE', '--budget', '20000/day'])).code).toBe(0);
    const budgetOnly = await status(catalog);
    expect(budgetOnly.rate).toBeUndefined();
    expect(budgetOnly.budget).toMatchObject({ characters: 20000, period: 'day' });
  }, 60_000);

  it('a wrong config among several: exit 1 naming the file, and no film of the command is enqueued', async () => {
    catalog = await startCatalog();
    const good = writeFilm(catalog, 1, { cues: 2, targets: ['de-DE'] });
    const bad = join(catalog.dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ title: 'bad', input: 'missing.en.srt', targts: ['de-DE'] }));
    const result = await catalogCli(catalog, ['enqueue', good, bad, '--budget', '10/day', '--rate', '0.01']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${bad}:1:41: unknown field \`targts\``);
    const after = await status(catalog);
    expect(after.tracks).toEqual([]);
    // Nor are the limits the failed command named set: they would have paused or slowed every worker.
    expect(after.budget).toBeUndefined();
    expect(after.rate).toBeUndefined();
  }, 60_000);

  it('a film whose glossary or source localize would refuse: exit 1 naming the file, nothing enqueued, no limit set', async () => {
    catalog = await startCatalog();
    const zipped = writeFilm(catalog, 1, { cues: 2, targets: ['de-DE'] });
    const source = join(dirname(zipped), JSON.parse(readFileSync(zipped, 'utf8')).input as string);
    // A ZIP archive where the subtitles should be.
    writeFileSync(source, Buffer.from('504b030414000000080000000000', 'hex'));
    const zip = await catalogCli(catalog, ['enqueue', zipped, '--rate', '0.01']);
    expect(zip.code).toBe(1);
    expect(zip.stderr).toContain(source);
    const glossed = writeFilm(catalog, 2, { cues: 2, targets: ['de-DE'] });
    const glossary = join(catalog.dir, 'glossary.json');
    writeFileSync(glossary, JSON.stringify({ version: 2, terms: [] }));
    writeFileSync(glossed, JSON.stringify({ ...JSON.parse(readFileSync(glossed, 'utf8')), glossary }));
    const bad = await catalogCli(catalog, ['enqueue', glossed, '--budget', '10/day']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain(glossary);
    const after = await status(catalog);
    expect(after.tracks).toEqual([]);
    expect(after.budget).toBeUndefined();
    expect(after.rate).toBeUndefined();
  }, 60_000);

  it('a worker whose Redis goes away says so once and keeps running, without a stack trace, and says when it is back', async () => {
    catalog = await startCatalog();
    const worker = startWorker(catalog);
    while (!worker.stderr.includes('waiting for jobs on')) {
      if (worker.child.exitCode !== null) throw new Error(worker.stderr);
      await new Promise((r) => setTimeout(r, 100));
    }
    await catalog.redis.stop();
    while (!worker.stderr.includes(`the queue at ${catalog.redis.url} failed (`)) {
      if (worker.child.exitCode !== null) throw new Error(`the worker exited:\n${worker.stderr}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    // A reconnection attempt or two later (every 2 s at most): still running, still said once.
    await new Promise((r) => setTimeout(r, 4500));
    expect(worker.child.exitCode).toBe(null);
    expect(worker.stderr.split('the queue at').length - 1).toBe(1);
    expect(worker.stderr).not.toMatch(/\n\s+at /);
    catalog.redis = await startRedis({ port: catalog.redis.port });
    while (!worker.stderr.includes(`the queue at ${catalog.redis.url} answers again`)) {
      if (worker.child.exitCode !== null) throw new Error(`the worker exited:\n${worker.stderr}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }, 60_000);

  it("a film whose run.json cannot be written: status says so and why; enqueued again once fixed, run.json is written", async () => {
    catalog = await startCatalog();
    const config = writeFilm(catalog, 1, { cues: 2, targets: ['de-DE'] });
    const report = join(catalog.dir, 'film-1', 'out', 'film-1', 'run.json');
    // A folder where run.json goes: the language's tracks are written, the film's report is not.
    mkdirSync(report, { recursive: true });
    expect((await catalogCli(catalog, ['enqueue', config])).code).toBe(0);
    const worker = startWorker(catalog);
    await until(catalog, allDone(1));
    const failed = await until(catalog, (s) => s.failedFilms.length === 1);
    expect(failed.failedFilms[0]).toMatchObject({ title: 'film-1', state: 'failed', reason: expect.stringContaining(report) });
    const shown = await catalogCli(catalog, ['status']);
    expect(shown.stdout).toContain(`film-1: run.json not written: ${failed.failedFilms[0]!.reason}`);
    expect(shown.stdout).not.toMatch(/\n\s+at /);
    expect(worker.stderr).toContain('subloc worker: film-1 failed: ');

    rmSync(report, { recursive: true });
    const again = await catalogCli(catalog, ['enqueue', config]);
    expect(again.stderr).toContain('film-1: unchanged since it was enqueued; its run.json is written again');
    await until(catalog, (s) => s.failedFilms.length === 0 && existsSync(report));
  }, 60_000);
});
