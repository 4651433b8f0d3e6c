import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from '../../src/formats/parse.js';
import type { RunReport } from '../../src/pipeline/report.js';
import { cli } from '../helpers/cli.js';
import { deeplPerTest } from '../helpers/deepl-fixture.js';
import { start } from '../helpers/deepl-server.js';

const root = resolve(import.meta.dirname, '../..');
const sample = join(root, 'subtitles/hotline-beijing.zh-Hans.srt');
const KEY = 'secret-test-key-4f1d:fx';
const source = parse(readFileSync(sample)).track;

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

describe('subloc localize with DeepL (a DeepL-compatible server on loopback)', () => {
  const t = deeplPerTest(KEY);

  const run = (...extra: string[]) =>
    cli(['localize', '--input', sample, '--target', 'en-US,fr-FR,ja-JP', '--formats', 'srt,ttml', '--out', join(t.dir, 'out'), '--memory', join(t.dir, 'memory.sqlite'), '--glossary', join(root, 'glossary.json'), '--json', ...extra], root, t.env);

  it('drafts three languages, one draft per cue, bills nothing the second time', async () => {
    const first = await run();
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    const report = JSON.parse(first.stdout) as RunReport;
    expect(report.provider).toBe('deepl');
    for (const l of report.languages) {
      expect(l).toMatchObject({ cues: source.cues.length, drafted: source.cues.length, machine: source.cues.length, untranslated: 0 });
      const track = parse(readFileSync(join(t.dir, 'out/hotline-beijing', l.language, `hotline-beijing.${l.language}.srt`))).track;
      expect(track.cues.map((c) => [c.id, c.start, c.end])).toEqual(source.cues.map((c) => [c.id, c.start, c.end]));
      expect(track.cues.every((c) => c.lines.some((line) => line.some((s) => s.text.trim() !== '')))).toBe(true);
    }
    const billed = t.deepl.state.billedCharacters;
    expect(report.totals.billedCharacters).toBe(billed);
    expect(billed).toBeGreaterThan(0);
    // The glossary reached DeepL as one v3 glossary.
    expect(t.deepl.state.glossaries.size).toBe(1);

    t.deepl.reset();
    const second = JSON.parse((await run()).stdout) as RunReport;
    expect(t.deepl.state.billedCharacters).toBe(0);
    expect(t.deepl.state.translateRequests).toBe(0);
    expect(second.totals).toMatchObject({ billedCharacters: 0, fromMemory: 3 * source.cues.length });
    expect(t.deepl.state.glossaries.size).toBe(1);
  });

  it('stops cleanly on quota (456), keeps what it received, and resumes billing only the rest', async () => {
    // Without the second pass: a unit whose second request the quota stops keeps its first draft, so the two runs would bill less than one.
    const fresh = await cli(['localize', '--input', sample, '--target', 'en-US,fr-FR,ja-JP', '--formats', 'srt', '--out', join(t.dir, 'fresh'), '--memory', join(t.dir, 'fresh.sqlite'), '--glossary', join(root, 'glossary.json'), '--no-condense'], root, t.env);
    expect(fresh.code).toBe(0);
    const fullBill = t.deepl.state.billedCharacters;
    t.deepl.reset();
    t.deepl.options.characterLimit = 1500;
    const stopped = await run('--concurrency', '1', '--no-condense');
    expect(stopped.code).toBe(1);
    expect(stopped.stderr).toMatch(/quota/i);
    expect(stopped.stderr).toContain('run again once the quota allows');
    expect(stopped.stderr).not.toMatch(/\n\s+at /);
    const billedBefore = t.deepl.state.billedCharacters;
    expect(billedBefore).toBeGreaterThan(0);
    // A stopped run writes no report: what it billed is said with the stop, as DeepL counted it.
    expect(stopped.stderr).toContain(`(${billedBefore} characters were billed in this run before it stopped; their drafts are in the memory)`);

    t.deepl.options.characterLimit = 1_000_000;
    t.deepl.reset();
    const resumed = await run('--no-condense');
    expect(resumed.code).toBe(0);
    const report = JSON.parse(resumed.stdout) as RunReport;
    expect(report.totals.fromMemory).toBeGreaterThan(0);
    expect(report.totals.untranslated).toBe(0);
    // Nothing is billed twice: the stopped run and its resumption bill exactly what one uninterrupted run does.
    expect(billedBefore + t.deepl.state.billedCharacters).toBe(fullBill);
  });

  it('after a run the quota stopped, does not take the files it wrote for some languages for a translator’s edits', async () => {
    const runTo = (targets: string) => cli(['localize', '--input', sample, '--target', targets, '--formats', 'srt', '--out', join(t.dir, 'out'), '--memory', join(t.dir, 'memory.sqlite'), '--json', '--no-condense', '--concurrency', '1'], root, t.env);
    expect((await runTo('en-US,fr-FR')).code).toBe(0);
    // en-US and fr-FR come from the memory and are written again; de-DE stops on the quota.
    t.deepl.options.characterLimit = t.deepl.state.billedCharacters + 300;
    const stopped = await runTo('en-US,fr-FR,de-DE');
    expect(stopped.code).toBe(1);
    expect(stopped.stderr).toMatch(/quota/i);
    t.deepl.options.characterLimit = 10_000_000;
    const resumed = await runTo('en-US,fr-FR,de-DE');
    expect(resumed.stderr).toBe('');
    const report = JSON.parse(resumed.stdout) as RunReport;
    expect(report.languages.map((l) => [l.language, l.reviewImport ?? null])).toEqual([
      ['en-US', null],
      ['fr-FR', null],
      ['de-DE', null],
    ]);
  });

  it('keeps the run to its concurrency across languages, and rides out 429 and 503 with deepl-node\'s own retries', async () => {
    t.deepl.fail({ type: 'status', status: 429, times: 1 });
    t.deepl.fail({ type: 'status', status: 503, times: 1 });
    t.deepl.options.latencyMs = 50;
    const r = await run('--concurrency', '2');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as RunReport;
    expect(report.totals.untranslated).toBe(0);
    expect(t.deepl.state.maxInFlight).toBeLessThanOrEqual(2);
    expect(t.deepl.state.requests.filter((q) => q.status === 429 || q.status === 503)).toHaveLength(2);
  });

  it('reports a wrong key without ever printing it', async () => {
    const r = await cli(['localize', '--input', sample, '--target', 'fr-FR', '--out', join(t.dir, 'out'), '--memory', join(t.dir, 'm.sqlite')], root, { ...t.env, DEEPL_AUTH_KEY: 'wrong-key-9x' });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/403|key/);
    expect(r.stderr).not.toContain('wrong-key-9x');
  });

  it('names the server it could not reach', async () => {
    await t.deepl.stop();
    const r = await cli(['localize', '--input', sample, '--target', 'fr-FR', '--out', join(t.dir, 'out'), '--memory', join(t.dir, 'm.sqlite')], root, t.env);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(t.deepl.url.replace(/\/$/, ''));
    // The fixture stops the server after the test: give it a running one.
    t.deepl = await start({ authKey: KEY });
  });

  it('never writes the key to any output, log or report', async () => {
    const r = await run();
    expect(r.code).toBe(0);
    expect(r.stdout + r.stderr).not.toContain(KEY);
    for (const file of filesUnder(t.dir)) expect(readFileSync(file).includes(KEY)).toBe(false);
  });

  it('prints what a run would bill, after memory matches, without calling DeepL', async () => {
    const r = await cli(['localize', '--input', sample, '--target', 'en-US,fr-FR', '--out', join(t.dir, 'out'), '--memory', join(t.dir, 'm.sqlite'), '--dry-run'], root, t.env);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/en-US\s+\d+/);
    expect(t.deepl.state.requests.filter((q) => q.path === '/v2/translate')).toEqual([]);
  });
});
