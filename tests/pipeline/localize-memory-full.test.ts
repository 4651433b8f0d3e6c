import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { SublocError } from '../../src/errors.js';
import { openMemory } from '../../src/memory/sqlite.js';
import { localizeCatalogLanguage } from '../../src/pipeline/catalog-job.js';
import { resolveLocalizeOptions } from '../../src/pipeline/options.js';
import { cli } from '../helpers/cli.js';
import { deeplPerTest } from '../helpers/deepl-fixture.js';

const root = resolve(import.meta.dirname, '../..');
const sample = join(root, 'subtitles/hotline-beijing.zh-Hans.srt');
const KEY = 'memory-full-key:fx';
const FULL = 'database or disk is full';

/**
 * A real SQLite memory that fills up as a full disk does: every entry past
 * the first `room` is refused with SQLite's own words, and with `lockRecord`
 * full too, so is clearing who held the run lock when the run ends.
 */
async function fillingMemory(path: string, room: number, lockRecord = false): Promise<{ free(): void }> {
  await openMemory(path).close();
  const db = new Database(path);
  db.exec(`CREATE TRIGGER full_entry BEFORE INSERT ON entry WHEN (SELECT count(*) FROM entry) >= ${room} BEGIN SELECT RAISE(ABORT, '${FULL}'); END`);
  if (lockRecord) db.exec(`CREATE TRIGGER full_lock BEFORE DELETE ON run_lock BEGIN SELECT RAISE(ABORT, '${FULL}'); END`);
  db.close();
  return {
    free() {
      const again = new Database(path);
      again.exec('DROP TRIGGER IF EXISTS full_entry; DROP TRIGGER IF EXISTS full_lock');
      again.close();
    },
  };
}

describe('localize with DeepL when the memory cannot store the drafts (its disk full)', () => {
  const t = deeplPerTest(KEY);
  const memory = () => join(t.dir, 'memory.sqlite');
  const run = (...extra: string[]) =>
    cli(['localize', '--input', sample, '--target', 'en-US,fr-FR,de-DE', '--formats', 'srt', '--out', join(t.dir, 'out'), '--memory', memory(), '--no-condense', ...extra], t.dir, t.env);

  it('stops every language at the first batch it cannot store, and says what DeepL billed for drafts it could not keep', async () => {
    await fillingMemory(memory(), 0);
    const stopped = await run('--concurrency', '1');
    expect(stopped.code).toBe(1);
    expect(stopped.stderr).toContain(`could not store 50 entries in the translation memory ${memory()}: ${FULL}; nothing of this batch was stored`);
    // The first answer is read once the next request has left: that one is answered and billed, and nothing more is asked.
    const asked = t.deepl.state.requests.filter((r) => r.path === '/v2/translate').map((r) => r.params?.get('target_lang')?.[0]);
    expect(asked).toEqual(['en-US', 'en-US']);
    const billed = t.deepl.state.billedCharacters;
    expect(billed).toBeGreaterThan(0);
    expect(stopped.stderr).toContain(`(${billed} characters were billed in this run before it stopped; none of their drafts could be kept in the memory, so the next run bills them all again)`);
  });

  it('says what DeepL billed however many requests were in flight when the store failed', async () => {
    await fillingMemory(memory(), 0);
    const stopped = await run('--concurrency', '4');
    expect(stopped.code).toBe(1);
    expect(stopped.stderr).toContain(`(${t.deepl.state.billedCharacters} characters were billed in this run before it stopped; none of their drafts could be kept in the memory, so the next run bills them all again)`);
  });

  it('says how much of the bill the memory kept, and a run lock it cannot clear afterwards is said after that, not instead', async () => {
    const fresh = await cli(['localize', '--input', sample, '--target', 'en-US,fr-FR,de-DE', '--formats', 'srt', '--out', join(t.dir, 'fresh'), '--memory', join(t.dir, 'fresh.sqlite'), '--no-condense'], t.dir, t.env);
    expect(fresh.code).toBe(0);
    const fullBill = t.deepl.state.billedCharacters;
    t.deepl.reset();

    const disk = await fillingMemory(memory(), 50, true);
    const stopped = await run('--concurrency', '1');
    expect(stopped.code).toBe(1);
    const billed = t.deepl.state.billedCharacters;
    disk.free();
    t.deepl.reset();
    const resumed = await run();
    expect(resumed.code).toBe(0);
    // What the memory kept is what the next run does not bill again.
    const kept = fullBill - t.deepl.state.billedCharacters;
    expect(kept).toBeGreaterThan(0);
    expect(kept).toBeLessThan(billed);

    const [message, ...rest] = stopped.stderr.trim().split('\n').filter((l) => l.startsWith('subloc localize:'));
    expect(rest).toEqual([]);
    expect(message).toBe(
      `subloc localize: could not store 41 entries in the translation memory ${memory()}: ${FULL}; nothing of this batch was stored ` +
        `(${billed} characters were billed in this run before it stopped; the drafts of ${billed - kept} of them could not be kept in the memory, so the next run bills those again)` +
        `; closing the memory afterwards failed too: could not clear who held the run lock in the translation memory ${memory()}: ${FULL}`,
    );
  });
});

describe('a catalog job (one film, one language) when the memory cannot store the drafts', () => {
  const t = deeplPerTest(KEY);

  it('fails with the store failure and what DeepL billed for drafts it could not keep', async () => {
    const memory = join(t.dir, 'memory.sqlite');
    await fillingMemory(memory, 0);
    const options = await resolveLocalizeOptions(
      { input: sample, targets: ['en-US', 'fr-FR'], provider: 'deepl', formats: ['srt'], out: join(t.dir, 'out'), memory, concurrency: 1, condense: false },
      t.dir,
      t.env,
    );
    const error = await localizeCatalogLanguage(options, 'fr-FR', { env: t.env }).then(
      () => undefined,
      (e: unknown) => e as SublocError,
    );
    expect(error?.code).toBe('MEMORY_WRITE_FAILED');
    expect(t.deepl.state.requests.filter((r) => r.path === '/v2/translate').map((r) => r.params?.get('target_lang')?.[0])).toEqual(['fr', 'fr']);
    expect(error?.message).toContain(`(${t.deepl.state.billedCharacters} characters were billed in this run before it stopped; none of their drafts could be kept in the memory, so the next run bills them all again)`);
  });
});
