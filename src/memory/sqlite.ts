import { existsSync, mkdirSync, statSync, type Stats } from 'node:fs';
import { dirname } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import Database from 'better-sqlite3';
import { SublocError } from '../errors.js';
import type { TaggedText } from '../model/tagged-text.js';
import { unitKey, type LanguagePair } from '../model/unit.js';
import { bestMatch, fuzzySearch, type Candidate } from './best-match.js';
import { FuzzyIndex } from './fuzzy-index.js';
import { storedAs, toEntry, toParams, type Params, type Row } from './entry-row.js';
import { APPLICATION_ID, MIGRATIONS } from './schema.js';
import { replaces, replacesPlanned, sameState } from './precedence.js';
import { acquireRunLock, type HolderRecord } from './run-lock.js';
import { eachVersions, versionPair, type GlossaryVersions, type MemoryEntry, type MemoryMatch, type MemoryPairCount, type MemoryStatus, type MemoryStore, type PlannedOn, type PutResult, type RunHolder, type RunLock, type RunLockOptions } from './store.js';

const COLUMNS = 'source_lang, target_lang, source, target, glossary_version, provider, status, reviewer, by_reviewer, comments, cue_status, filled_by, updated_at';

/** How long a statement waits for another process's write to finish before failing with SQLITE_BUSY. */
const BUSY_TIMEOUT_MS = 30_000;

/** With `lockWaitMs`: how long one attempt at a write waits for the lock, holding the process, before it steps aside. */
const LOCK_STEP_MS = 20;

export interface OpenMemoryOptions {
  /**
   * Refuse a memory that does not exist (`MEMORY_NOT_FOUND`) instead of
   * creating an empty one: for `deliver` and the review flows, which read what `localize` drafted. @default false
   */
  existing?: boolean;
  /**
   * How long a batch of writes waits for another process's write lock (a
   * database browser with an edit open) before it fails with
   * `MEMORY_WRITE_FAILED`: waited in short steps between which the process
   * goes on with its other work (a server's other requests), where SQLite's
   * own wait holds the whole process. @default 30 s, in SQLite's own wait
   */
  lockWaitMs?: number;
}

/**
 * Opens (creating when absent, unless `existing`) the SQLite translation
 * memory at `path`; `:memory:` gives a private in-memory one. Throws
 * `MEMORY_UNREADABLE` when the file is not a subloc memory this version can
 * read. Safe to call from several processes at once on a memory that does
 * not exist yet.
 */
export function openMemory(path: string, options: OpenMemoryOptions = {}): MemoryStore {
  const existing = options.existing === true && path !== ':memory:';
  if (existing && !existsSync(path)) throw notFound(path);
  let db: Database.Database | undefined;
  try {
    if (path !== ':memory:' && !existing) mkdirSync(dirname(path), { recursive: true });
    // fileMustExist closes the gap between the check above and the open.
    db = new Database(path, { fileMustExist: existing, timeout: BUSY_TIMEOUT_MS });
    enableWal(db);
    // NORMAL is durable in WAL mode except for the last commits on power loss, never corrupting.
    db.pragma('synchronous = NORMAL');
    migrate(db, path);
    if (options.lockWaitMs !== undefined) db.pragma(`busy_timeout = ${LOCK_STEP_MS}`);
    // The file the connection has open, to tell when the path names another one (or none) before a write.
    const opened = path === ':memory:' ? undefined : statSync(path);
    return new SqliteMemory(db, { path, opened, lockWaitMs: options.lockWaitMs });
  } catch (cause) {
    db?.close();
    if (cause instanceof SublocError) throw cause;
    throw unreadable(path, cause);
  }
}

/**
 * WAL: readers never block the writer, and each committed batch survives a
 * kill. Switching a new file to WAL while other processes open it too can
 * answer SQLITE_BUSY at once, without the busy handler's wait: ask again
 * until the busy timeout has passed.
 */
function enableWal(db: Database.Database): void {
  const deadline = Date.now() + BUSY_TIMEOUT_MS;
  const pause = new Int32Array(new SharedArrayBuffer(4));
  for (;;) {
    try {
      db.pragma('journal_mode = WAL');
      return;
    } catch (error) {
      if ((error as { code?: string }).code !== 'SQLITE_BUSY' || Date.now() >= deadline) throw error;
      Atomics.wait(pause, 0, 0, 10 + Math.floor(Math.random() * 40));
    }
  }
}

/** The schema version, after checking that the file is a subloc memory this version can read. */
function schemaVersion(db: Database.Database, path: string): number {
  const version = db.pragma('user_version', { simple: true }) as number;
  const appId = db.pragma('application_id', { simple: true }) as number;
  if (version > MIGRATIONS.length) {
    throw new SublocError('MEMORY_UNREADABLE', `${path} was written by a newer subloc (memory schema version ${version}); expected version ${MIGRATIONS.length} or lower: upgrade subloc, or pass --memory <file> to use another memory`, { file: path });
  }
  if (appId !== APPLICATION_ID) {
    const tables = db.prepare("SELECT count(*) FROM sqlite_schema WHERE type = 'table'").pluck().get() as number;
    if (appId !== 0 || tables > 0) {
      throw new SublocError('MEMORY_UNREADABLE', `${path} is an SQLite database of another application (${tables} table${tables === 1 ? '' : 's'}, application_id ${appId}); expected a subloc translation memory: pass --memory <file> to put the memory elsewhere`, { file: path });
    }
  }
  return version;
}

function migrate(db: Database.Database, path: string): void {
  // Read in one transaction, so from one snapshot: statement by statement, a file another process is creating
  // can show its tables before its application_id, and read as another application's database.
  if (db.transaction(() => schemaVersion(db, path)).deferred() === MIGRATIONS.length) return;
  // Read again under the write lock: another process may have created or upgraded the schema since.
  db.transaction(() => {
    const version = schemaVersion(db, path);
    for (let v = version; v < MIGRATIONS.length; v++) MIGRATIONS[v]!(db);
    db.pragma(`application_id = ${APPLICATION_ID}`);
    db.pragma(`user_version = ${MIGRATIONS.length}`);
  }).immediate();
}

function notFound(path: string): SublocError {
  return new SublocError('MEMORY_NOT_FOUND', `no translation memory at ${path}; expected one made by \`subloc localize\` or \`subloc memory import\`: run one of them first, or pass --memory <file> (or set SUBLOC_MEMORY) to use another`, { file: path });
}

/** A database error as a refusal that says what is wrong and how to check the file; a valid memory is never to be moved away. */
export function unreadable(path: string, cause: unknown): SublocError {
  // SQLite's extended codes (`SQLITE_READONLY_DIRECTORY`, `SQLITE_CANTOPEN_ISDIR`, …) say the same as their primary code.
  const code = (cause as { code?: string }).code?.split('_').slice(0, 2).join('_');
  const check = `check it with \`sqlite3 ${path} "PRAGMA integrity_check"\``;
  const why =
    code === 'SQLITE_NOTADB' ? `the file is not an SQLite database (\`file ${path}\` tells what it holds); expected a subloc memory (an SQLite file): if --memory or SUBLOC_MEMORY names the wrong file, pass --memory <file>`
    : code === 'SQLITE_CORRUPT' ? `the SQLite database is damaged (${(cause as Error).message}); ${check}, and restore the memory from a backup or a TMX export if it reports errors`
    : code === 'EACCES' || code === 'SQLITE_CANTOPEN' || code === 'SQLITE_READONLY' ? `it cannot be opened for writing (${(cause as Error).message}); expected a subloc memory (an SQLite file) or a folder where one can be created: check the permissions of the file and its folder, or pass --memory <file>`
    : code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED' ? `another process kept it locked (${(cause as Error).message}, after waiting up to ${BUSY_TIMEOUT_MS / 1000} s); that is no damage to the memory: run again when that process has finished`
    : code === 'SQLITE_FULL' || code === 'ENOSPC' ? `the disk it is on is full (${(cause as Error).message}); that is no damage to the memory: free some space and run again`
    : `${(cause as Error).message}; ${check}`;
  return new SublocError('MEMORY_UNREADABLE', `cannot use ${path} as the translation memory: ${why}`, { cause, file: path });
}

/** SQLite's answer that another connection holds the lock a statement needs. */
function isBusy(cause: unknown): boolean {
  return ((cause as { code?: string }).code ?? '').startsWith('SQLITE_BUSY');
}

/** A language pair as the NOCASE columns compare it. */
function pairKey(source: string, target: string): string {
  return `${source.toLowerCase()}\n${target.toLowerCase()}`;
}

/** The versions `selectExact` takes, in its order. */
function lookupVersions(versions: GlossaryVersions): [string, string, string] {
  const [own, former] = versionPair(versions);
  return [own, former, own];
}

class SqliteMemory implements MemoryStore {
  private readonly selectExact;
  private readonly selectCandidates;
  private readonly selectWithCues;
  private readonly selectDataVersion;
  private readonly selectByRowid;
  private readonly selectEntries;
  private readonly selectPairs;
  private readonly selectStored;
  private readonly upsert;
  private readonly putAll;
  private readonly holders: HolderRecord;
  private readonly locks = new Set<RunLock>();
  /** Fuzzy indexes by language pair (lower case, as the columns compare) and cue count, valid while `indexedVersion` is the file's. */
  private readonly indexes = new Map<string, Map<number, FuzzyIndex<number>>>();
  private indexedVersion: unknown;
  private readonly path: string;
  /** The file the connection opened; undefined for `:memory:`. */
  private readonly opened: Stats | undefined;
  private readonly lockWaitMs: number | undefined;
  /** Whether a batch of this connection's was stored: its writes may still be in the file's `-wal` only. */
  private wrote = false;

  readonly location: string;

  constructor(
    private readonly db: Database.Database,
    place: { path: string; opened: Stats | undefined; lockWaitMs: number | undefined },
  ) {
    this.path = place.path;
    this.location = place.path;
    this.opened = place.opened;
    this.lockWaitMs = place.lockWaitMs;
    // After the unit: its own glossary version, a former one, its own again (see GlossaryVersions).
    this.selectExact = db.prepare<[string, string, string, string, string, string], Row>(
      `SELECT ${COLUMNS} FROM entry
       WHERE source_lang = ? AND target_lang = ? AND source_key = ?
         AND (rank > 0 OR glossary_version IN ('', ?, ?))
       ORDER BY rank DESC, by_reviewer DESC, updated_at DESC, glossary_version = ? DESC
       LIMIT 1`,
    );
    this.selectCandidates = db
      .prepare<[string, string, number], Candidate<number>>(
        `SELECT rowid, source_key, source_plain, rank, updated_at FROM entry
         WHERE source_lang = ? AND target_lang = ? AND cue_count = ?
         ORDER BY plain_length, rowid`,
      )
      .raw();
    // Scans the pair's reviewed entries: one query a language a run, where an index of every cue would cost each write.
    this.selectWithCues = db.prepare<[string, string, string], Row>(
      `SELECT ${COLUMNS} FROM (
         SELECT ${COLUMNS}, row_number() OVER (PARTITION BY source_key ORDER BY rank DESC, by_reviewer DESC, updated_at DESC) AS best
         FROM entry
         WHERE source_lang = ? AND target_lang = ? AND (rank > 0 OR by_reviewer = 1)
           AND EXISTS (SELECT 1 FROM json_each(entry.source) AS cue WHERE cue.value IN (SELECT value FROM json_each(?))))
       WHERE best = 1`,
    );
    // Changes when another connection commits, never for this one's own writes (those drop their pair's indexes in `put`).
    this.selectDataVersion = db.prepare<[], number>('PRAGMA data_version').pluck();
    this.selectByRowid = db.prepare<[number], Row>(`SELECT ${COLUMNS} FROM entry WHERE rowid = ?`);
    this.selectEntries = db.prepare<[{ source: string | null; target: string | null }], Row>(
      `SELECT ${COLUMNS} FROM entry
       WHERE (@source IS NULL OR source_lang = @source) AND (@target IS NULL OR target_lang = @target)
       ORDER BY updated_at, rowid`,
    );
    // Grouped as the columns compare (NOCASE): one row a pair however its entries spell the tags.
    this.selectPairs = db.prepare<[], MemoryPairCount>('SELECT source_lang AS source, target_lang AS target, COUNT(*) AS entries FROM entry GROUP BY source_lang, target_lang');
    this.selectStored = db.prepare<[Params], Row>(
      `SELECT ${COLUMNS} FROM entry
       WHERE source_lang = @sourceLang AND target_lang = @targetLang AND source_key = @sourceKey AND glossary_version = @glossaryVersion`,
    );
    this.upsert = db.prepare<[Params]>(
      `INSERT INTO entry (source_lang, target_lang, source_key, glossary_version, source, source_plain, plain_length, cue_count, target, provider, status, rank, reviewer, by_reviewer, comments, cue_status, filled_by, updated_at)
       VALUES (@sourceLang, @targetLang, @sourceKey, @glossaryVersion, @source, @sourcePlain, @plainLength, @cueCount, @target, @provider, @status, @rank, @reviewer, @byReviewer, @comments, @cueStatus, @filledBy, @updatedAt)
       ON CONFLICT (source_lang, target_lang, source_key, glossary_version) DO UPDATE SET
         source = excluded.source, target = excluded.target, provider = excluded.provider, status = excluded.status,
         rank = excluded.rank, reviewer = excluded.reviewer, by_reviewer = excluded.by_reviewer, comments = excluded.comments, cue_status = excluded.cue_status,
         filled_by = excluded.filled_by, updated_at = excluded.updated_at`,
    );
    // Run `immediate`: it holds the write lock from its first read, so what `plannedOn` is checked against stays so until it commits.
    this.putAll = db.transaction((entries: readonly MemoryEntry[], plannedOn: readonly (PlannedOn | undefined)[]): PutResult => {
      const rows = entries.map(toParams);
      let stale = 0;
      for (const [i, planned] of plannedOn.entries()) {
        if (planned === undefined) continue;
        const { sourceLang, targetLang, sourceKey } = rows[i]!;
        const now = this.selectExact.get(sourceLang, targetLang, sourceKey, ...lookupVersions(planned.glossaryVersion));
        if (!sameState(planned.entry, now && toEntry(now))) stale++;
      }
      if (stale > 0) return { written: 0, unchanged: 0, kept: 0, stale };
      let written = 0;
      let unchanged = 0;
      for (const [i, entry] of entries.entries()) {
        const params = rows[i]!;
        const stored = this.selectStored.get(params);
        const wins = plannedOn[i] === undefined ? replaces : replacesPlanned;
        if (stored && storedAs(params, stored)) unchanged++;
        else if (
          !stored ||
          wins(entry, {
            status: stored.status,
            updatedAt: stored.updated_at,
            ...(stored.by_reviewer === 1 ? { byReviewer: true } : {}),
            ...(stored.cue_status === null ? {} : { cueStatus: JSON.parse(stored.cue_status) as MemoryStatus[] }),
          })
        )
          written += this.upsert.run(params).changes;
      }
      return { written, unchanged, kept: entries.length - written - unchanged };
    });
    const readHolder = db.prepare<[], RunHolder>('SELECT pid, hostname, since, purpose FROM run_lock');
    const writeHolder = db.prepare<[RunHolder]>('INSERT OR REPLACE INTO run_lock (id, pid, hostname, since, purpose) VALUES (1, @pid, @hostname, @since, @purpose)');
    const clearHolder = db.prepare<[RunHolder]>('DELETE FROM run_lock WHERE pid = @pid AND hostname = @hostname AND since = @since');
    this.holders = {
      read: () => this.read(() => readHolder.get()),
      write: (holder) => this.write('record who holds the run lock', () => writeHolder.run(holder)),
      clear: (holder) => this.write('clear who held the run lock', () => clearHolder.run(holder)),
    };
  }

  async exactMany(sources: readonly (readonly TaggedText[])[], pair: LanguagePair, glossaryVersion: GlossaryVersions | readonly GlossaryVersions[]): Promise<(MemoryEntry | undefined)[]> {
    // In process, each lookup is an index probe: nothing to gain from one query.
    const found: (MemoryEntry | undefined)[] = [];
    for (const [i, source] of sources.entries()) found.push(await this.exact(source, pair, eachVersions(glossaryVersion, i)));
    return found;
  }

  async exact(source: readonly TaggedText[], pair: LanguagePair, glossaryVersion: GlossaryVersions): Promise<MemoryEntry | undefined> {
    const row = this.read(() => this.selectExact.get(pair.source, pair.target, unitKey(source), ...lookupVersions(glossaryVersion)));
    return row && toEntry(row);
  }

  async reviewedWithCues(cues: readonly TaggedText[], pair: LanguagePair): Promise<MemoryEntry[]> {
    if (cues.length === 0) return [];
    return this.read(() => this.selectWithCues.all(pair.source, pair.target, JSON.stringify(cues))).map(toEntry);
  }

  async fuzzy(source: readonly TaggedText[], pair: LanguagePair, minScore: number, except?: ReadonlySet<string>): Promise<MemoryMatch | undefined> {
    const search = fuzzySearch(source, minScore, except);
    if (!search) return undefined;
    const index = this.read(() => this.fuzzyIndex(pair, search.cueCount));
    const best = bestMatch(search, index.near(search));
    if (!best) return undefined;
    const row = this.read(() => this.selectByRowid.get(best.id));
    return row && { entry: toEntry(row), score: best.score };
  }

  async put(entries: readonly MemoryEntry[], plannedOn: readonly (PlannedOn | undefined)[] = []): Promise<PutResult> {
    const what = `could not store ${entries.length} entr${entries.length === 1 ? 'y' : 'ies'} in the translation memory ${this.path}`;
    const moved = this.moved();
    if (moved !== undefined) {
      throw new SublocError('MEMORY_MOVED', `${what}: the file was moved or removed while subloc had it open (${moved}); nothing of this batch was stored: move it back to ${this.path} and try again (${this.walNote()}); to keep the memory elsewhere, stop subloc first, then move it and pass --memory <file>`, { file: this.path });
    }
    for (const entry of entries) this.indexes.delete(pairKey(entry.sourceLang, entry.targetLang));
    const deadline = Date.now() + (this.lockWaitMs ?? 0);
    for (;;) {
      try {
        const result = this.putAll.immediate(entries, plannedOn);
        if (result.written > 0) this.wrote = true;
        return result;
      } catch (cause) {
        if (isBusy(cause) && Date.now() < deadline) {
          await sleep(LOCK_STEP_MS);
          continue;
        }
        throw new SublocError('MEMORY_WRITE_FAILED', `${what}: ${(cause as Error).message}; nothing of this batch was stored`, { cause, file: this.path });
      }
    }
  }

  async entries(pair: Partial<LanguagePair> = {}): Promise<MemoryEntry[]> {
    const rows = this.read(() => this.selectEntries.all({ source: pair.source ?? null, target: pair.target ?? null }));
    return rows.map(toEntry);
  }

  async pairs(): Promise<MemoryPairCount[]> {
    return this.read(() => this.selectPairs.all());
  }

  async lockRuns(options: RunLockOptions): Promise<RunLock> {
    // A private in-memory memory has no other run to keep out.
    if (this.path === ':memory:') return { release() {} };
    const lock = await acquireRunLock(this.path, this.holders, options);
    this.locks.add(lock);
    return {
      release: () => {
        this.locks.delete(lock);
        lock.release();
      },
    };
  }

  async close(): Promise<void> {
    if (!this.db.open) return;
    const moved = this.wrote ? this.moved() : undefined;
    for (const lock of this.locks) lock.release();
    this.locks.clear();
    // SQLite does not fold the journal into a file that has moved: it leaves it at the old place.
    this.db.close();
    if (moved !== undefined) {
      throw new SublocError('MEMORY_MOVED', `the translation memory ${this.path} was moved or removed while subloc had it open (${moved}), so what subloc stored in it is not in the file wherever it is now (${this.walNote()}): move it back to ${this.path} and run \`subloc memory stats --memory ${this.path}\` once, which takes that in; to keep the memory elsewhere, move it only after that, then pass --memory <file>`, { file: this.path });
    }
  }

  /**
   * What the path names now, when it is not the file this connection opened
   * (moved, deleted or replaced); undefined while it is. SQLite in WAL mode
   * goes on writing into the journal left at the old place without a word.
   */
  private moved(): string | undefined {
    if (this.opened === undefined) return undefined;
    let now: Stats | undefined;
    try {
      now = statSync(this.path, { throwIfNoEntry: false });
    } catch {
      now = undefined;
    }
    if (now === undefined) return 'no file is there now';
    return now.dev === this.opened.dev && now.ino === this.opened.ino ? undefined : 'another file is there now';
  }

  private walNote(): string {
    return `what was stored since it was opened may be only in ${this.path}-wal, which SQLite reads only beside the file`;
  }

  /**
   * The fuzzy index of one pair and cue count, built on first use from one
   * snapshot of the file. Another process's commit drops every index; a run
   * over a large memory then builds one per pair again, where it read the
   * pair's units once for every lookup.
   */
  private fuzzyIndex(pair: LanguagePair, cueCount: number): FuzzyIndex<number> {
    return this.db
      .transaction(() => {
        const version = this.selectDataVersion.get();
        if (version !== this.indexedVersion) {
          this.indexes.clear();
          this.indexedVersion = version;
        }
        const key = pairKey(pair.source, pair.target);
        let byCount = this.indexes.get(key);
        if (!byCount) this.indexes.set(key, (byCount = new Map()));
        let index = byCount.get(cueCount);
        if (!index) byCount.set(cueCount, (index = new FuzzyIndex(this.selectCandidates.iterate(pair.source, pair.target, cueCount))));
        return index;
      })
      .deferred();
  }

  private write(what: string, statement: () => unknown): void {
    try {
      statement();
    } catch (cause) {
      throw new SublocError('MEMORY_WRITE_FAILED', `could not ${what} in the translation memory ${this.path}: ${(cause as Error).message}`, { cause, file: this.path });
    }
  }

  private read<T>(query: () => T): T {
    try {
      return query();
    } catch (cause) {
      throw unreadable(this.path, cause);
    }
  }
}
