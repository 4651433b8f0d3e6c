import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunReport } from '../../src/pipeline/report.js';
import { startCli } from '../helpers/cli.js';
import type { FakeDeepLOptions } from '../helpers/deepl-server.js';
import { allDone, billedTexts, catalogCli, cueText, startCatalog, startWorker, status, stopCatalog, until, writeFilm, type Catalog } from './catalog-fixture.js';

let catalog: Catalog | undefined;
afterEach(async () => {
  await stopCatalog(catalog);
  catalog = undefined;
});

const codePoints = (text: string) => [...text].length;

/** Every one of film 1's `cues` texts billed exactly once, and nothing else: what one pass costs, which it returns. */
function expectBilledOnce(catalog: Catalog, cues: number): number {
  const billed = billedTexts(catalog.deepl);
  expect(billed.size).toBe(cues);
  expect([...billed.values()].every((n) => n === 1)).toBe(true);
  const onePass = Array.from({ length: cues }, (_, i) => codePoints(cueText(1, i + 1))).reduce((a, b) => a + b, 0);
  expect(catalog.deepl.state.billedCharacters).toBe(onePass);
  return onePass;
}

/** A catalog whose DeepL server holds the second translate request (of three: 120 units in batches of 50) until `release`, so its worker can be killed meanwhile. */
async function startHoldingSecondRequest(): Promise<{ started: Catalog; held: () => boolean; release: () => void }> {
  let translateRequests = 0;
  let held = false;
  let release = () => {};
  const released = new Promise<void>((resolve) => (release = resolve));
  const started = await startCatalog({
    hold: (_, path) => {
      if (path !== '/v2/translate' || ++translateRequests !== 2) return undefined;
      held = true;
      return released;
    },
  });
  return { started, held: () => held, release };
}

describe('catalog workers when things go wrong (real redis-server, loopback DeepL)', () => {
  it('kill -9 of a worker mid-job: another picks the job up, nothing is lost, nothing is billed twice', async () => {
    const { started, held, release } = await startHoldingSecondRequest();
    catalog = started;
    const config = writeFilm(catalog, 1, { cues: 120, targets: ['fr-FR'], concurrency: 1 });
    expect((await catalogCli(catalog, ['enqueue', config, '--budget', '1000000/month'])).code).toBe(0);
    const first = startWorker(catalog);
    await until(catalog, held);
    first.child.kill('SIGKILL');
    await first.done;
    release();

    const second = startWorker(catalog);
    const done = await until(catalog, allDone(1));
    expect(second.stdout + second.stderr).toContain('film-1 fr-FR done');

    // The first batch was stored before the kill: the second worker asked only for the rest, each unit once.
    const onePass = expectBilledOnce(catalog, 120);
    expect(done.tracks[0]!.billedCharacters).toBe(onePass);
    // The killed worker's request in flight billed nothing: the budget counts only what DeepL billed.
    expect(done.budget?.used).toBe(onePass);
    // The film's report says what the language cost over both attempts, as DeepL billed it: the second attempt found
    // the first one's batch in the memory, and alone would have reported it as billing nothing.
    // run.json is the film job's, which runs once its language jobs are done: waited for, not read at once.
    const reportPath = join(catalog.dir, 'film-1', 'out', 'film-1', 'run.json');
    await expect.poll(() => existsSync(reportPath), { timeout: 30_000 }).toBe(true);
    const report = JSON.parse(readFileSync(reportPath, 'utf8')) as RunReport;
    expect(report.totals.billedCharacters).toBe(onePass);
    expect(report.languages[0]!.earlierAttempts?.billedCharacters).toBeGreaterThan(0);
    const track = readFileSync(join(catalog.dir, 'film-1', 'out', 'film-1', 'fr-FR', 'film-1.fr-FR.srt'), 'utf8');
    for (const cue of [1, 50, 51, 100, 101, 120]) expect(track).toContain(cueText(1, cue).toUpperCase());
  }, 180_000);

  it('a worker whose DeepL key is refused stops and gives its job back: another worker finishes the film, no job fails', async () => {
    catalog = await startCatalog();
    const config = writeFilm(catalog, 1, { cues: 12, targets: ['fr-FR', 'de-DE', 'it-IT'], concurrency: 1 });
    expect((await catalogCli(catalog, ['enqueue', config])).code).toBe(0);
    // A machine set up with another key: only this worker has it.
    const wrong = startCli(['worker', '--lock-duration', '2000', '--concurrency', '3'], catalog.dir, { ...catalog.env, DEEPL_AUTH_KEY: 'someone-elses-key:fx' });
    catalog.workers.push(wrong);
    await wrong.done.catch(() => undefined);
    expect(wrong.child.exitCode).toBe(1);
    expect(wrong.stderr).toContain('this worker takes no more jobs');
    expect(wrong.stderr).toContain('went back to the queue for the other workers');
    expect((await status(catalog)).tracks.filter((t) => t.state === 'failed')).toEqual([]);
    startWorker(catalog);
    await until(catalog, allDone(3));
  }, 180_000);

  it('a worker that cannot reach DeepL (its DEEPL_SERVER_URL mistyped) stops and gives its job back: no attempt spent, another worker finishes', async () => {
    catalog = await startCatalog();
    const config = writeFilm(catalog, 1, { cues: 12, targets: ['fr-FR', 'de-DE'], concurrency: 1 });
    expect((await catalogCli(catalog, ['enqueue', config])).code).toBe(0);
    // Port 9 (discard) on loopback: nothing listens, every connection is refused at once.
    const cutOff = startCli(['worker', '--lock-duration', '2000'], catalog.dir, { ...catalog.env, DEEPL_SERVER_URL: 'http://127.0.0.1:9' });
    catalog.workers.push(cutOff);
    await cutOff.done.catch(() => undefined);
    expect(cutOff.child.exitCode).toBe(1);
    expect(cutOff.stderr).toContain('could not reach DeepL at http://127.0.0.1:9');
    expect(cutOff.stderr).toContain('this worker takes no more jobs');
    expect((await status(catalog)).tracks.filter((t) => t.state === 'failed')).toEqual([]);
    startWorker(catalog);
    await until(catalog, allDone(2));
    expect((await status(catalog)).tracks.filter((t) => t.state === 'failed')).toEqual([]);
  }, 180_000);

  it('a worker on another translation memory (no SUBLOC_MEMORY on its machine) stops and gives its jobs back: nothing billed into a memory of its own', async () => {
    catalog = await startCatalog();
    const config = writeFilm(catalog, 1, { cues: 12, targets: ['fr-FR', 'de-DE'], concurrency: 1 });
    expect((await catalogCli(catalog, ['enqueue', config])).code).toBe(0);
    const { SUBLOC_MEMORY: _shared, ...withoutMemory } = catalog.env;
    const elsewhere = startCli(['worker', '--lock-duration', '2000'], catalog.dir, withoutMemory);
    catalog.workers.push(elsewhere);
    await elsewhere.done.catch(() => undefined);
    expect(elsewhere.child.exitCode).toBe(1);
    expect(elsewhere.stderr).toContain(`this worker's translation memory is the SQLite file ${join(catalog.dir, 'film-1', '.subloc', 'memory.sqlite')}, but film-1 was enqueued with the SQLite file ${catalog.env['SUBLOC_MEMORY']}`);
    expect(catalog.deepl.state.billedCharacters).toBe(0);
    expect(existsSync(join(catalog.dir, 'film-1', '.subloc', 'memory.sqlite'))).toBe(false);
    expect((await status(catalog)).tracks.filter((t) => t.state === 'failed')).toEqual([]);
    startWorker(catalog);
    await until(catalog, allDone(2));
  }, 180_000);

  it('kill -9 of two workers in turn on one job (spot machines taken back): a third finishes it, nothing billed twice', async () => {
    let translateRequests = 0;
    let holding = 0;
    let release = () => {};
    const released = new Promise<void>((resolve) => (release = resolve));
    catalog = await startCatalog({
      // The first worker's second request (of three: 150 units in batches of 50) and the second worker's first wait until both are dead.
      hold: (_, path) => {
        if (path !== '/v2/translate' || ![2, 3].includes(++translateRequests)) return undefined;
        holding++;
        return released;
      },
    });
    const config = writeFilm(catalog, 1, { cues: 150, targets: ['fr-FR'], concurrency: 1 });
    expect((await catalogCli(catalog, ['enqueue', config, '--budget', '1000000/month'])).code).toBe(0);
    for (const held of [1, 2]) {
      const worker = startWorker(catalog);
      await until(catalog, () => holding === held);
      worker.child.kill('SIGKILL');
      await worker.done;
    }
    release();

    const third = startWorker(catalog);
    const done = await until(catalog, (s) => s.tracks.length === 1 && (s.tracks[0]!.state === 'done' || s.tracks[0]!.state === 'failed'));
    expect(done.tracks[0]).toMatchObject({ state: 'done' });
    expect(third.stdout + third.stderr).toContain('film-1 fr-FR done');
    const onePass = expectBilledOnce(catalog, 150);
    expect(done.budget?.used).toBe(onePass);
  }, 180_000);

  it("kill -9 of a worker mid-request under a tight budget: its job's next attempt frees what the dead one reserved, and the film is done within the budget", async () => {
    const { started, held, release } = await startHoldingSecondRequest();
    catalog = started;
    const config = writeFilm(catalog, 1, { cues: 120, targets: ['fr-FR'], concurrency: 1 });
    const onePass = Array.from({ length: 120 }, (_, i) => codePoints(cueText(1, i + 1))).reduce((a, b) => a + b, 0);
    // A budget of exactly one pass: each request reserves what DeepL bills it (its texts, not their `<c n>` markup),
    // so the whole film fits, and what the dead worker reserved must be freed for it to.
    expect((await catalogCli(catalog, ['enqueue', config, '--budget', `${onePass}/month`])).code).toBe(0);
    const first = startWorker(catalog);
    await until(catalog, held);
    first.child.kill('SIGKILL');
    await first.done;
    release();

    startWorker(catalog);
    const done = await until(catalog, (s) => s.paused || allDone(1)(s));
    expect(done.pausedReason).toBeUndefined();
    expect(done.tracks[0]!.state).toBe('done');
    expect([...billedTexts(catalog.deepl).values()].every((n) => n === 1)).toBe(true);
    expect(done.budget?.used).toBe(onePass);
  }, 180_000);

  it('the budget reached: the queue pauses with a clear status; raised and resumed, only the rest is billed', async () => {
    catalog = await startCatalog();
    const configs = [1, 2, 3].map((n) => writeFilm(catalog!, n, { cues: 4, targets: ['de-DE', 'fr-FR'] }));
    const onePass = [1, 2, 3].flatMap((n) => [1, 2, 3, 4].map((c) => codePoints(cueText(n, c)) * 2)).reduce((a, b) => a + b, 0);
    const budget = Math.floor(onePass / 2);
    expect((await catalogCli(catalog, ['enqueue', ...configs, '--budget', `${budget}/month`])).code).toBe(0);
    startWorker(catalog, '--concurrency', '2');

    const paused = await until(catalog, (s) => s.paused);
    expect(paused.pausedReason).toContain(`the DeepL budget of ${budget} characters per month is reached`);
    const shown = await catalogCli(catalog, ['status']);
    expect(shown.stdout).toContain('queue: PAUSED: the DeepL budget of');
    expect(shown.stdout).toMatch(/budget: \d+ of \d+ characters this month used, \d+ left/);
    // Paused, not failed: the jobs wait in the queue.
    await until(catalog, (s) => s.tracks.every((t) => t.state !== 'running'));
    const waiting = await status(catalog);
    expect(waiting.tracks.filter((t) => t.state === 'failed')).toEqual([]);
    expect(waiting.tracks.some((t) => t.state === 'waiting')).toBe(true);
    expect(catalog.deepl.state.billedCharacters).toBeLessThanOrEqual(budget);

    const resumed = await catalogCli(catalog, ['resume', '--budget', `${onePass * 10}/month`]);
    expect(resumed.code).toBe(0);
    const done = await until(catalog, allDone(6));
    expect(done.paused).toBe(false);
    const billed = billedTexts(catalog.deepl);
    expect(billed.size).toBe(3 * 2 * 4);
    expect([...billed.values()].every((n) => n === 1)).toBe(true);
    expect(catalog.deepl.state.billedCharacters).toBe(onePass);
    expect(done.budget?.used).toBe(onePass);
  }, 180_000);

  it("DeepL's quota (456): the queue pauses, not the jobs; resumed once the quota allows, only the rest is billed", async () => {
    catalog = await startCatalog();
    const configs = [1, 2].map((n) => writeFilm(catalog!, n, { cues: 4, targets: ['de-DE'] }));
    const onePass = [1, 2].flatMap((n) => [1, 2, 3, 4].map((c) => codePoints(cueText(n, c)))).reduce((a, b) => a + b, 0);
    // Room for one film's request, not two.
    catalog.deepl.options.characterLimit = Math.floor(onePass * 0.75);
    expect((await catalogCli(catalog, ['enqueue', ...configs])).code).toBe(0);
    startWorker(catalog);
    const paused = await until(catalog, (s) => s.paused);
    expect(paused.pausedReason).toContain('DeepL quota exceeded (456)');
    await until(catalog, (s) => s.tracks.some((t) => t.state === 'done') && s.tracks.some((t) => t.state === 'waiting'));

    catalog.deepl.options.characterLimit = onePass * 10;
    expect((await catalogCli(catalog, ['resume'])).code).toBe(0);
    await until(catalog, allDone(2));
    expect([...billedTexts(catalog.deepl).values()].every((n) => n === 1)).toBe(true);
    expect(catalog.deepl.state.billedCharacters).toBe(onePass);
  }, 180_000);

  it("DeepL 5xx past deepl-node's own retries: the job is tried again after BullMQ's backoff and done, billed once", async () => {
    // deepl-node makes 5 attempts of each request: all of the first job attempt's are refused.
    catalog = await startCatalog({ faults: [{ type: 'status', status: 503, times: 5, message: 'Service unavailable' }] });
    const config = writeFilm(catalog, 1, { cues: 3, targets: ['it-IT'] });
    expect((await catalogCli(catalog, ['enqueue', config])).code).toBe(0);
    const worker = startWorker(catalog);
    const done = await until(catalog, allDone(1));
    expect(worker.stderr).toContain(`film-1 it-IT failed, to be tried again: DeepL at ${catalog.deepl.url} still answered 503 Service Unavailable after its retries`);
    expect(catalog.deepl.state.requests.filter((r) => r.path === '/v2/translate' && r.status === 503)).toHaveLength(5);
    expect([...billedTexts(catalog.deepl).values()]).toEqual([1, 1, 1]);
    expect(done.tracks[0]!.billedCharacters).toBe(catalog.deepl.state.billedCharacters);
  }, 180_000);

  it.each([
    ['altered (a translation left out)', { misbehaviour: 'drop-translation' }, 'with 2 translations'],
    ['cut short (a 200 whose JSON ends midway)', { faults: [{ type: 'raw', status: 200, contentType: 'application/json', body: '{"translations":[{"text":"Film', times: 10 }] }, 'truncated JSON'],
  ] satisfies [string, FakeDeepLOptions, string][])("an answer %s fails its job at once, not asked again by BullMQ's retries, and what DeepL may have billed for it counts in the budget and the job", async (_, deepl, said) => {
    catalog = await startCatalog(deepl);
    const config = writeFilm(catalog, 1, { cues: 3, targets: ['it-IT'] });
    expect((await catalogCli(catalog, ['enqueue', config, '--budget', '100000/month'])).code).toBe(0);
    const worker = startWorker(catalog);
    const failed = await until(catalog, (s) => s.tracks.some((t) => t.state === 'failed'));
    const track = failed.tracks.find((t) => t.state === 'failed')!;
    expect(track.reason).toContain(said);
    const failures = () => worker.stderr.split('\n').filter((l) => l.includes('film-1 it-IT failed'));
    await until(catalog, () => failures().length > 0);
    expect(failures()).toEqual([expect.stringContaining(`film-1 it-IT failed: DeepL at ${catalog.deepl.url} answered`)]);
    expect(catalog.deepl.state.requests.filter((r) => r.path === '/v2/translate')).toHaveLength(1);
    const onePass = [1, 2, 3].map((c) => codePoints(cueText(1, c))).reduce((a, b) => a + b, 0);
    expect(track.billedCharacters).toBe(onePass);
    expect(failed.budget?.used).toBe(onePass);
  }, 180_000);
});
