import { existsSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { SublocError } from '../../src/errors.js';
import { APPLICATION_ID, MIGRATIONS } from '../../src/memory/schema.js';
import { openMemory, unreadable } from '../../src/memory/sqlite.js';
import type { MemoryStore } from '../../src/memory/store.js';
import { tempDir } from '../helpers/cli.js';
import { entry, PAIR } from './entries.js';

const open: MemoryStore[] = [];
function memory(path = join(tempDir('subloc-memory-'), 'memory.sqlite')): MemoryStore {
  const store = openMemory(path);
  open.push(store);
  return store;
}
afterEach(async () => {
  for (const store of open.splice(0)) await store.close();
});

function thrown(run: () => unknown): SublocError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(SublocError);
    return error as SublocError;
  }
  throw new Error('expected a SublocError');
}

describe('the database file', () => {
  it('creates its folder, uses WAL and a versioned schema, and keeps entries across reopening', async () => {
    const dir = tempDir('subloc-memory-');
    const path = join(dir, '.subloc', 'nested', 'memory.sqlite');
    const first = openMemory(path);
    await first.put([entry({ status: 'reviewed' })]);
    await first.close();
    expect(existsSync(path)).toBe(true);

    const raw = new Database(path, { readonly: true });
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(raw.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    raw.close();

    const second = memory(path);
    expect((await second.exact(entry().source, PAIR, 'g2'))?.status).toBe('reviewed');
    await second.put([entry({ source: ['又一句'] })]);
    const third = memory(path);
    expect(await third.entries()).toHaveLength(2);
  });

  it('refuses a file that is not an SQLite database, naming it', async () => {
    const path = join(tempDir('subloc-memory-'), 'memory.sqlite');
    writeFileSync(path, '1\n00:00:01,000 --> 00:00:02,000\nnot a database, an SRT file saved under the wrong name\n'.repeat(20));
    const error = thrown(() => openMemory(path));
    expect(error.code).toBe('MEMORY_UNREADABLE');
    expect(error.file).toBe(path);
    expect(error.message).toContain(path);
    expect(error.message).toContain(`the file is not an SQLite database (\`file ${path}\` tells what it holds); expected a subloc memory`);
    // Whatever the file is, the advice never risks a valid memory.
    expect(error.message).not.toMatch(/move|delete|remove/i);
  });

  it('reads SQLite’s extended codes as their primary one: a read-only file or folder is said as such, not as damage', () => {
    // SQLite's own error with an extended code, as a folder or file this user may not write gives (SQLITE_READONLY_DIRECTORY).
    const path = join(tempDir('subloc-memory-'), 'moved.sqlite');
    const db = new Database(path);
    db.exec('CREATE TABLE t (x)');
    rmSync(path);
    const cause = (() => {
      try {
        db.exec('INSERT INTO t VALUES (1)');
      } catch (e) {
        return e as { code: string };
      } finally {
        db.close();
      }
      throw new Error('SQLite wrote to a deleted file');
    })();
    expect(cause.code).toMatch(/^SQLITE_READONLY_/);
    const error = unreadable(path, cause);
    expect(error.message).toContain('it cannot be opened for writing (attempt to write a readonly database); expected a subloc memory (an SQLite file) or a folder where one can be created: check the permissions of the file and its folder');
    expect(error.message).not.toContain('integrity_check');
  });

  it('says a full disk is full, no damage to check the memory for', () => {
    const error = unreadable('/mnt/drive/memory.sqlite', Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' }));
    expect(error.message).toBe('cannot use /mnt/drive/memory.sqlite as the translation memory: the disk it is on is full (database or disk is full); that is no damage to the memory: free some space and run again');
  });

  it('refuses another application’s SQLite database and a newer memory schema', async () => {
    const dir = tempDir('subloc-memory-');
    const foreign = join(dir, 'foreign.sqlite');
    const other = new Database(foreign);
    other.exec('CREATE TABLE invoices (id INTEGER PRIMARY KEY)');
    await other.close();
    expect(thrown(() => openMemory(foreign)).message).toMatch(/another application .*1 table.*expected a subloc translation memory/);

    const newer = join(dir, 'newer.sqlite');
    await memory(newer).close();
    const raw = new Database(newer);
    raw.pragma('user_version = 99');
    raw.close();
    const error = thrown(() => openMemory(newer));
    expect(error.code).toBe('MEMORY_UNREADABLE');
    expect(error.message).toContain(`newer subloc (memory schema version 99); expected version ${MIGRATIONS.length} or lower`);
  });

  it('upgrades a memory of schema version 1, marking what review import wrote as a reviewer’s', async () => {
    const path = join(tempDir('subloc-memory-'), 'v1.sqlite');
    const raw = new Database(path);
    MIGRATIONS[0]!(raw);
    raw.pragma(`application_id = ${APPLICATION_ID}`);
    raw.pragma('user_version = 1');
    const insert = raw.prepare(
      `INSERT INTO entry (source_lang, target_lang, source_key, glossary_version, source, source_plain, plain_length, cue_count, target, provider, status, rank, reviewer, updated_at)
       VALUES ('zh-Hans', 'en-US', ?, '', ?, ?, 1, 1, ?, ?, ?, ?, ?, '2026-11-01T00:00:00.000Z')`,
    );
    const row = (zh: string, provider: string, status: string, rank: number, reviewer: string | null) => insert.run(zh, JSON.stringify([zh]), zh, JSON.stringify([`EN ${zh}`]), provider, status, rank, reviewer);
    row('一', 'xliff', 'approved', 2, 'Camille');
    row('二', 'srt', 'reviewed', 1, 'Camille');
    row('三', 'tmx', 'reviewed', 1, 'subloc sample');
    row('四', 'deepl', 'draft', 0, null);
    raw.close();

    const m = memory(path);
    expect((await m.entries()).map((e) => [e.source[0], e.byReviewer])).toEqual([['一', true], ['二', true], ['三', undefined], ['四', undefined]]);
    expect(await m.put([entry({ source: ['二'], glossaryVersion: '', status: 'reviewed', provider: 'tmx', updatedAt: '2027-01-01T00:00:00Z' })])).toEqual({ written: 0, unchanged: 0, kept: 1 });
  });

  it('opens an empty file as a new memory', async () => {
    const path = join(tempDir('subloc-memory-'), 'empty.sqlite');
    writeFileSync(path, '');
    expect(await memory(path).entries()).toEqual([]);
  });
});

describe('a memory file moved or removed while open', () => {
  it('refuses a write, which SQLite would put in the journal left at the old place without a word, and says so on close', async () => {
    const dir = tempDir('subloc-memory-');
    const path = join(dir, 'memory.sqlite');
    const store = openMemory(path);
    await store.put([entry({ source: ['第一句。'] })]);
    renameSync(path, join(dir, 'moved.sqlite'));
    await expect(store.put([entry({ source: ['第二句。'] })])).rejects.toMatchObject({
      code: 'MEMORY_MOVED',
      message: `could not store 1 entry in the translation memory ${path}: the file was moved or removed while subloc had it open (no file is there now); nothing of this batch was stored: move it back to ${path} and try again (what was stored since it was opened may be only in ${path}-wal, which SQLite reads only beside the file); to keep the memory elsewhere, stop subloc first, then move it and pass --memory <file>`,
    });
    await expect(store.close()).rejects.toMatchObject({ code: 'MEMORY_MOVED', message: expect.stringContaining(`run \`subloc memory stats --memory ${path}\` once, which takes that in`) });
    // As said: back at its place and opened once, the file holds what was stored before the move.
    renameSync(join(dir, 'moved.sqlite'), path);
    const back = memory(path);
    expect((await back.entries()).map((e) => e.source)).toEqual([['第一句。']]);
  });

  it('closes quietly when it stored nothing, or the file is back', async () => {
    const dir = tempDir('subloc-memory-');
    const path = join(dir, 'memory.sqlite');
    const reader = openMemory(path);
    renameSync(path, join(dir, 'moved.sqlite'));
    await reader.close();
    renameSync(join(dir, 'moved.sqlite'), path);
    const writer = openMemory(path);
    await writer.put([entry()]);
    renameSync(path, join(dir, 'moved.sqlite'));
    renameSync(join(dir, 'moved.sqlite'), path);
    await writer.close();
  });
});

describe('fuzzy lookups', () => {
  it('see what another process stored since the last lookup', async () => {
    const path = join(tempDir('subloc-memory-'), 'memory.sqlite');
    const reader = memory(path);
    const writer = memory(path);
    await writer.put([entry({ source: ['北京，今天早上八点。'] })]);
    expect((await reader.fuzzy(['北京，早上八点。'], PAIR, 0.6))?.entry.source).toEqual(['北京，今天早上八点。']);
    await writer.put([entry({ source: ['北京，早上七点。'] })]);
    expect((await reader.fuzzy(['北京，早上八点。'], PAIR, 0.6))?.entry.source).toEqual(['北京，早上七点。']);
  });
});
