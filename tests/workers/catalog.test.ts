import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunReport } from '../../src/pipeline/report.js';
import { KEYS } from '../../src/workers/keys.js';
import { allDone, billedTexts, catalogCli, cueText, startCatalog, startWorker, status, stopCatalog, until, writeFilm, type Catalog } from './catalog-fixture.js';

let catalog: Catalog | undefined;
afterEach(async () => {
  await stopCatalog(catalog);
  catalog = undefined;
});

const TARGETS = ['de-DE', 'fr-FR', 'es-ES'];

/**
 * The gate holds the rate on Redis's clock when it lets a request go; the
 * server sees it arrive after the worker has sent it, later by what a busy
 * two-core machine adds (a process's first request most): up to this much,
 * over a whole run. A single request can arrive a second late when a process
 * waits for a core, so the rate in any one second is read from the gate's own
 * grants, on Redis's clock.
 */
const TRANSPORT_SLACK_MS = 300;

/** The times the gate let a request go, on Redis's clock: each grant is a ZADD of its time into the rate's window, seen through MONITOR. */
async function watchGrants(catalog: Catalog): Promise<{ times: number[]; stop: () => void }> {
  const monitor = await catalog.client.monitor();
  const times: number[] = [];
  monitor.on('monitor', (_time: string, args: string[]) => {
    if (args[0]?.toUpperCase() === 'ZADD' && args[1] === KEYS.requests) times.push(Number(args[2]));
  });
  return { times, stop: () => monitor.disconnect() };
}

describe('a catalog on BullMQ workers (real redis-server, loopback DeepL)', () => {
  it('2 workers x 6 films x 3 languages: the global rate is never exceeded, every track is written once, the total billed is one pass; a changed film bills only what changed', async () => {
    catalog = await startCatalog();
    const configs = Array.from({ length: 6 }, (_, i) => writeFilm(catalog!, i + 1, { cues: 4, targets: TARGETS }));
    const rate = 2;
    const grants = await watchGrants(catalog);
    const enqueued = await catalogCli(catalog, ['enqueue', ...configs, '--rate', String(rate)]);
    expect(enqueued.code).toBe(0);
    expect(enqueued.stderr).toContain('film-6: queued in 3 language(s) (de-DE, fr-FR, es-ES)');
    const workers = [startWorker(catalog), startWorker(catalog, '--concurrency', '2')];
    const done = await until(catalog, allDone(18));
    // The films' own jobs write run.json after their languages.
    for (let n = 1; n <= 6; n++) await until(catalog, () => existsSync(join(catalog!.dir, `film-${n}`, 'out', `film-${n}`, 'run.json')));

    const times = catalog.deepl.state.requests.filter((r) => r.path === '/v2/translate').map((r) => r.at).sort((a, b) => a - b);
    expect(times.length).toBeGreaterThanOrEqual(18);
    grants.stop();
    // Every request went through the gate (glossary requests take a turn too), and it let no `rate + 1` go within one second, whichever worker asked.
    expect(grants.times.length).toBeGreaterThanOrEqual(times.length);
    const granted = [...grants.times].sort((a, b) => a - b);
    for (let i = 0; i + rate < granted.length; i++) expect(granted[i + rate]! - granted[i]!).toBeGreaterThanOrEqual(1000);
    // And over the whole run, no faster than the rate: the limiter spaces the sends; arrivals may shift by the same slack.
    expect(((times.length - rate) * 1000) / (times.at(-1)! - times[0]! + TRANSPORT_SLACK_MS)).toBeLessThanOrEqual(rate);

    const billed = billedTexts(catalog.deepl);
    expect([...billed.values()].every((n) => n === 1)).toBe(true);
    expect(billed.size).toBe(6 * 3 * 4);
    expect(done.tracks.reduce((n, t) => n + t.billedCharacters, 0)).toBe(catalog.deepl.state.billedCharacters);

    const outputs = workers.map((w) => w.stdout + w.stderr).join('\n');
    for (let n = 1; n <= 6; n++) {
      for (const target of TARGETS) {
        // Written once: one worker said it was done, once.
        expect(outputs.split('\n').filter((l) => l.includes(`film-${n} ${target} done`))).toHaveLength(1);
        const track = readFileSync(join(catalog.dir, `film-${n}`, 'out', `film-${n}`, target, `film-${n}.${target}.srt`), 'utf8');
        expect(track).toContain(cueText(n, 4).toUpperCase());
      }
      const report = JSON.parse(readFileSync(join(catalog.dir, `film-${n}`, 'out', `film-${n}`, 'run.json'), 'utf8')) as { languages: { language: string }[] };
      expect(report.languages.map((l) => l.language)).toEqual(TARGETS);
    }

    // Enqueued again unchanged: nothing added, nothing billed.
    const again = await catalogCli(catalog, ['enqueue', ...configs]);
    expect(again.stdout + again.stderr).toContain('film-1: unchanged since it was enqueued; nothing added');
    expect((await status(catalog)).tracks).toHaveLength(18);

    // One cue of film 1 changed: new jobs for it, and only that cue is billed, once per language.
    const source = join(catalog.dir, 'film-1', 'film-1.en.srt');
    writeFileSync(source, readFileSync(source, 'utf8').replace(cueText(1, 2), 'Film 1 now says something else.'));
    const before = billedTexts(catalog.deepl);
    const changed = await catalogCli(catalog, ['enqueue', configs[0]!]);
    expect(changed.stderr).toContain('film-1: queued in 3 language(s)');
    const redone = await until(catalog, (s) => s.tracks.filter((t) => t.title === 'film-1').every((t) => t.state === 'done' && !done.tracks.some((d) => d.jobId === t.jobId)));
    expect(redone.tracks).toHaveLength(18);
    const after = billedTexts(catalog.deepl);
    const added = [...after.keys()].filter((k) => !before.has(k));
    expect(added).toHaveLength(3);
    expect(added.every((k) => k.includes('Film 1 now says something else.'))).toBe(true);
    expect([...after.values()].every((n) => n === 1)).toBe(true);
  }, 180_000);

  it('two films of one title (episodes named alike in two folders) are two films in the status: one failing is not hidden by the other', async () => {
    catalog = await startCatalog();
    const first = writeFilm(catalog, 1, { cues: 4, targets: ['fr-FR'], title: 'episode01' });
    const second = writeFilm(catalog, 2, { cues: 4, targets: ['fr-FR'], title: 'episode01' });
    expect((await catalogCli(catalog, ['enqueue', first, second])).code).toBe(0);
    // The first film's source is gone before any worker reads it.
    rmSync(join(catalog.dir, 'film-1', 'film-1.en.srt'));
    startWorker(catalog);
    const settled = await until(catalog, (s) => s.tracks.length === 2 && s.tracks.every((t) => t.state === 'done' || t.state === 'failed'));
    expect(settled.tracks.map((t) => [t.config, t.state])).toEqual([
      [first, 'failed'],
      [second, 'done'],
    ]);
    const shown = await catalogCli(catalog, ['status']);
    expect(shown.stdout).toMatch(/episode01 \(film-1\/config\.json\)\s+fr-FR\s+failed/);
    expect(shown.stdout).toMatch(/episode01 \(film-2\/config\.json\)\s+fr-FR\s+done/);
  }, 180_000);

  it('2 workers x 2 films that share their text, drafted at once: each shared sentence is billed once, and both tracks are whole', async () => {
    catalog = await startCatalog({ latencyMs: 300 });
    const shared = (cue: number) => `Every episode opens with line ${cue}.`;
    const configs = [1, 2].map((n) => writeFilm(catalog!, n, { cues: 8, targets: ['de-DE'], text: shared }));
    expect((await catalogCli(catalog, ['enqueue', ...configs])).code).toBe(0);
    startWorker(catalog);
    startWorker(catalog);
    const done = await until(catalog, allDone(2));

    const billed = billedTexts(catalog.deepl);
    expect(billed.size).toBe(8);
    expect([...billed.values()].every((n) => n === 1)).toBe(true);
    expect(done.tracks.reduce((n, t) => n + t.billedCharacters, 0)).toBe(catalog.deepl.state.billedCharacters);
    for (const n of [1, 2]) {
      const track = readFileSync(join(catalog.dir, `film-${n}`, 'out', `film-${n}`, 'de-DE', `film-${n}.de-DE.srt`), 'utf8');
      for (let cue = 1; cue <= 8; cue++) expect(track.replace(/\s+/g, ' ')).toContain(shared(cue).toUpperCase());
    }
  }, 60_000);

  it("a language refused (a translator's unconfirmed edit in its XLIFF) fails its job, and the film's run.json lists it under `refused`, as localize's does; enqueued again once the edit is confirmed, it is written", async () => {
    catalog = await startCatalog();
    const config = writeFilm(catalog, 1, { cues: 2, targets: ['de-DE', 'fr-FR'] });
    const runDir = join(catalog.dir, 'film-1', 'out', 'film-1');
    const report = () => (existsSync(join(runDir, 'run.json')) ? (JSON.parse(readFileSync(join(runDir, 'run.json'), 'utf8')) as RunReport) : undefined);
    expect((await catalogCli(catalog, ['enqueue', config])).code).toBe(0);
    // Two jobs at once: the film's job, run again, takes its turn beside the language run again before it.
    const worker = startWorker(catalog, '--concurrency', '2');
    const first = await until(catalog, allDone(2));
    await until(catalog, () => report() !== undefined);
    const earlier = report()!.languages.find((l) => l.language === 'fr-FR')!.sha256;

    // The translator edits cue 2 of the French XLIFF and leaves it unconfirmed; the film's config changes meanwhile.
    const xlf = join(runDir, 'fr-FR', 'film-1.fr-FR.xlf');
    const edited = readFileSync(xlf, 'utf8').replace(/(<trans-unit id="2"[^>]*>[\s\S]*?<target[^>]*>)[^<]*/, '$1Le film dit autre chose.');
    writeFileSync(xlf, edited);
    writeFileSync(config, JSON.stringify({ ...JSON.parse(readFileSync(config, 'utf8')), concurrency: 1 }));
    expect((await catalogCli(catalog, ['enqueue', config])).stderr).toContain('film-1: queued in 2 language(s)');
    const settled = await until(catalog, (s) => s.tracks.every((t) => (t.state === 'done' || t.state === 'failed') && !first.tracks.some((f) => f.jobId === t.jobId)));
    expect(settled.tracks.map((t) => [t.language, t.state])).toEqual([
      ['de-DE', 'done'],
      ['fr-FR', 'failed'],
    ]);
    await until(catalog, () => report()?.refused !== undefined);
    const written = report()!;
    const refusal = settled.tracks.find((t) => t.language === 'fr-FR')!.reason;
    expect(written.languages.map((l) => l.language)).toEqual(['de-DE']);
    expect(written.refused).toEqual([{ language: 'fr-FR', code: 'REVIEW_NOT_IMPORTED', reason: refusal, billedCharacters: 0, earlierSha256: earlier }]);
    expect(refusal).toContain('film-1.fr-FR.xlf');
    expect(written.totals.billedCharacters).toBe(written.languages[0]!.billedCharacters);
    expect(readFileSync(xlf, 'utf8')).toBe(edited);
    expect(worker.stderr).toContain(`subloc worker: film-1 fr-FR failed: ${refusal}`);
    expect(worker.stderr).toContain('subloc worker: film-1: run.json written for the languages done; it lists fr-FR under `refused`');
    expect((await catalogCli(catalog, ['status'])).stdout).toMatch(/film-1\s+fr-FR\s+failed/);

    // Confirmed: enqueued again, the language is written with the edit, and run.json again lists every language.
    writeFileSync(xlf, edited.replace(/(<trans-unit id="2"[^>]*>[\s\S]*?<target)[^>]*>/, '$1 state="translated">'));
    expect((await catalogCli(catalog, ['enqueue', config])).stderr).toContain('its failed languages are tried again (fr-FR)');
    await until(catalog, (s) => s.tracks.every((t) => t.state === 'done') && report()?.refused === undefined);
    expect(report()!.languages.map((l) => l.language)).toEqual(['de-DE', 'fr-FR']);
    expect(readFileSync(join(runDir, 'fr-FR', 'film-1.fr-FR.srt'), 'utf8')).toContain('Le film dit autre chose.');
  }, 120_000);
});
