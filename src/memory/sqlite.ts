import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { SublocError } from '../errors.js';
import { plainOf, type TaggedText } from '../model/tagged-text.js';
import { CUE_SEPARATOR, unitKey, type LanguagePair } from '../model/unit.js';
import { APPLICATION_ID, MIGRATIONS } from './schema.js';
import { boundedDistance, codePoints, editBudget, ratio } from './similarity.js';
import { RANK, replaces } from './precedence.js';
import { acquireRunLock, type HolderRecord } from './run-lock.js';
import type { MemoryEntry, MemoryMatch, MemoryStatus, MemoryStore, PutResult, RunHolder, RunLock, RunLockOptions } from './store.js';

const COLUMNS = 'source_lang, target_lang, source, target, glossary_version, provider, status, reviewer, by_reviewer, comments, cue_status, updated_at';

interface Row {
  source_lang: string;
  target_lang: string;
  source: string;
  target: string;
  glossary_version: string;
  provider: string;
  status: MemoryStatus;
  reviewer: string | null;
  by_reviewer: 0 | 1;
  comments: string | null;
  cue_status: string | null;
  updated_at: string;
}

/** rowid, source_key, source_plain, rank, updated_at */
type Candidate = [number, string, string, number, string];

interface Params {
  sourceLang: string;
  targetLang: string;
  sourceKey: string;
  glossaryVersion: string;
  source: string;
  sourcePlain: string;
  plainLength: number;
  cueCount: number;
  target: string;
  provider: string;
  status: string;
  rank: number;
  reviewer: string | null;
  byReviewer: 0 | 1;
  comments: string | null;
  cueStatus: string | null;
  updatedAt: string;
}

/** How long a statement waits for another process's write to finish before failing with SQLITE_BUSY. */
const BUSY_TIMEOUT_MS = 30_000;

export interface OpenMemoryOptions {
  /**
   * Refuse a memory that does not exist (`MEMORY_NOT_FOUND`) instead of
   * creating an empty one: for readers such as `deliver`. @default false
   */
  existing?: boolean;
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
    return new SqliteMemory(db, path);
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
  if (schemaVersion(db, path) === MIGRATIONS.length) return;
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
function unreadable(path: string, cause: unknown): SublocError {
  const code = (cause as { code?: string }).code;
  const check = `check it with \`sqlite3 ${path} "PRAGMA integrity_check"\``;
  const why =
    code === 'SQLITE_NOTADB' ? `the file is not an SQLite database (\`file ${path}\` tells what it holds); expected a subloc memory (an SQLite file): if --memory or SUBLOC_MEMORY names the wrong file, pass --memory <file>`
    : code === 'SQLITE_CORRUPT' ? `the SQLite database is damaged (${(cause as Error).message}); ${check}, and restore the memory from a backup or a TMX export if it reports errors`
    : code === 'EACCES' || code === 'SQLITE_CANTOPEN' || code === 'SQLITE_READONLY' ? `it cannot be opened for writing (${(cause as Error).message}); expected a subloc memory (an SQLite file) or a folder where one can be created: check the permissions of the file and its folder, or pass --memory <file>`
    : code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED' ? `another process kept it locked (${(cause as Error).message}, after waiting up to ${BUSY_TIMEOUT_MS / 1000} s); that is no damage to the memory: run again when that process has finished`
    : `${(cause as Error).message}; ${check}`;
  return new SublocError('MEMORY_UNREADABLE', `cannot use ${path} as the translation memory: ${why}`, { cause, file: path });
}

/** The plain words of a unit, cue by cue: what fuzzy matching compares. */
function plainKey(source: readonly TaggedText[]): string {
  return source.map(plainOf).join(CUE_SEPARATOR);
}

function toEntry(row: Row): MemoryEntry {
  const entry: MemoryEntry = {
    sourceLang: row.source_lang,
    targetLang: row.target_lang,
    source: JSON.parse(row.source) as TaggedText[],
    target: JSON.parse(row.target) as TaggedText[],
    glossaryVersion: row.glossary_version,
    provider: row.provider,
    status: row.status,
    updatedAt: row.updated_at,
  };
  if (row.reviewer !== null) entry.reviewer = row.reviewer;
  if (row.by_reviewer === 1) entry.byReviewer = true;
  if (row.comments !== null) entry.comments = JSON.parse(row.comments) as string[];
  if (row.cue_status !== null) entry.cueStatus = JSON.parse(row.cue_status) as MemoryStatus[];
  return entry;
}

function toParams(entry: MemoryEntry): Params {
  const time = Date.parse(entry.updatedAt);
  if (Number.isNaN(time)) throw new TypeError(`updatedAt \`${entry.updatedAt}\` is not an ISO 8601 time`);
  if (!Object.hasOwn(RANK, entry.status)) throw new TypeError(`status \`${entry.status}\` is not one of ${Object.keys(RANK).join(', ')}`);
  const sourcePlain = plainKey(entry.source);
  return {
    sourceLang: entry.sourceLang,
    targetLang: entry.targetLang,
    sourceKey: unitKey(entry.source),
    glossaryVersion: entry.glossaryVersion,
    source: JSON.stringify(entry.source),
    sourcePlain,
    plainLength: codePoints(sourcePlain).length,
    cueCount: entry.source.length,
    target: JSON.stringify(entry.target),
    provider: entry.provider,
    status: entry.status,
    rank: RANK[entry.status],
    reviewer: entry.reviewer ?? null,
    byReviewer: entry.byReviewer === true ? 1 : 0,
    comments: commentsOf(entry),
    cueStatus: cueStatusOf(entry),
    // One canonical form, so times compare as text in SQL.
    updatedAt: new Date(time).toISOString(),
  };
}

/** The comments as stored: none when every cue's is empty, so an entry without comments reads back without the field. */
function commentsOf(entry: MemoryEntry): string | null {
  const comments = entry.comments;
  if (comments === undefined || comments.every((c) => c === '')) return null;
  if (comments.length !== entry.source.length) throw new TypeError(`comments has ${comments.length} items; expected one per cue (${entry.source.length})`);
  return JSON.stringify(comments);
}

/** The cue statuses as stored: none when every cue has the unit's status; refused when the unit's is not the lowest. */
function cueStatusOf(entry: MemoryEntry): string | null {
  const statuses = entry.cueStatus;
  if (statuses === undefined || statuses.every((s) => s === entry.status)) return null;
  if (statuses.length !== entry.source.length) throw new TypeError(`cueStatus has ${statuses.length} items; expected one per cue (${entry.source.length})`);
  const lowest = statuses.reduce((low, s) => (RANK[s] < RANK[low] ? s : low));
  if (lowest !== entry.status || statuses.some((s) => !Object.hasOwn(RANK, s))) throw new TypeError(`status \`${entry.status}\` is not the lowest of the cues' statuses (${statuses.join(', ')})`);
  return JSON.stringify(statuses);
}

class SqliteMemory implements MemoryStore {
  private readonly selectExact;
  private readonly selectCandidates;
  private readonly selectByRowid;
  private readonly selectEntries;
  private readonly selectStored;
  private readonly upsert;
  private readonly putAll;
  private readonly holders: HolderRecord;
  private readonly locks = new Set<RunLock>();

  readonly location: string;

  constructor(
    private readonly db: Database.Database,
    private readonly path: string,
  ) {
    this.location = path;
    this.selectExact = db.prepare<[string, string, string, string, string], Row>(
      `SELECT ${COLUMNS} FROM entry
       WHERE source_lang = ? AND target_lang = ? AND source_key = ?
         AND (rank > 0 OR glossary_version = '' OR glossary_version = ?)
       ORDER BY rank DESC, by_reviewer DESC, updated_at DESC, glossary_version = ? DESC
       LIMIT 1`,
    );
    this.selectCandidates = db
      .prepare<[string, string, number, number, number], Candidate>(
        `SELECT rowid, source_key, source_plain, rank, updated_at FROM entry
         WHERE source_lang = ? AND target_lang = ? AND cue_count = ? AND plain_length BETWEEN ? AND ?`,
      )
      .raw();
    this.selectByRowid = db.prepare<[number], Row>(`SELECT ${COLUMNS} FROM entry WHERE rowid = ?`);
    this.selectEntries = db.prepare<[{ source: string | null; target: string | null }], Row>(
      `SELECT ${COLUMNS} FROM entry
       WHERE (@source IS NULL OR source_lang = @source) AND (@target IS NULL OR target_lang = @target)
       ORDER BY updated_at, rowid`,
    );
    this.selectStored = db.prepare<[Params], Pick<Row, 'status' | 'by_reviewer' | 'updated_at'>>(
      `SELECT status, by_reviewer, updated_at FROM entry
       WHERE source_lang = @sourceLang AND target_lang = @targetLang AND source_key = @sourceKey AND glossary_version = @glossaryVersion`,
    );
    this.upsert = db.prepare<[Params]>(
      `INSERT INTO entry (source_lang, target_lang, source_key, glossary_version, source, source_plain, plain_length, cue_count, target, provider, status, rank, reviewer, by_reviewer, comments, cue_status, updated_at)
       VALUES (@sourceLang, @targetLang, @sourceKey, @glossaryVersion, @source, @sourcePlain, @plainLength, @cueCount, @target, @provider, @status, @rank, @reviewer, @byReviewer, @comments, @cueStatus, @updatedAt)
       ON CONFLICT (source_lang, target_lang, source_key, glossary_version) DO UPDATE SET
         source = excluded.source, target = excluded.target, provider = excluded.provider, status = excluded.status,
         rank = excluded.rank, reviewer = excluded.reviewer, by_reviewer = excluded.by_reviewer, comments = excluded.comments, cue_status = excluded.cue_status, updated_at = excluded.updated_at`,
    );
    this.putAll = db.transaction((entries: readonly MemoryEntry[]): PutResult => {
      let written = 0;
      for (const entry of entries) {
        const params = toParams(entry);
        const stored = this.selectStored.get(params);
        if (stored && !replaces(entry, { status: stored.status, updatedAt: stored.updated_at, ...(stored.by_reviewer === 1 ? { byReviewer: true } : {}) })) continue;
        written += this.upsert.run(params).changes;
      }
      return { written, kept: entries.length - written };
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

  async exact(source: readonly TaggedText[], pair: LanguagePair, glossaryVersion: string): Promise<MemoryEntry | undefined> {
    const row = this.read(() => this.selectExact.get(pair.source, pair.target, unitKey(source), glossaryVersion, glossaryVersion));
    return row && toEntry(row);
  }

  async fuzzy(source: readonly TaggedText[], pair: LanguagePair, minScore: number): Promise<MemoryMatch | undefined> {
    if (source.length === 0 || minScore > 1) return undefined;
    const key = unitKey(source);
    const query = codePoints(plainKey(source));
    const n = query.length;
    const floor = Math.max(0, minScore);
    // Lengths that can reach the score at all: edits ≥ the length difference.
    const shortest = Math.ceil(n * floor - 1e-9);
    const longest = floor === 0 ? Number.MAX_SAFE_INTEGER : Math.floor(n / floor + 1e-9);
    const candidates = this.read(() => this.selectCandidates.all(pair.source, pair.target, source.length, shortest, longest));

    let best: { rowid: number; score: number; rank: number; updatedAt: string } | undefined;
    for (const [rowid, candidateKey, plain, rank, updatedAt] of candidates) {
      let score: number;
      if (candidateKey === key) score = 1;
      else {
        const other = codePoints(plain);
        const target = best?.score ?? floor;
        const budget = editBudget(n, other.length, target);
        const distance = boundedDistance(query, other, budget);
        if (distance > budget) continue;
        // Same words, other styling: one edit short of exact, so 1 always means identical.
        score = distance === 0 ? n / (n + 1) : ratio(distance, n, other.length);
      }
      if (score < floor) continue;
      if (!best || score > best.score || (score === best.score && (rank > best.rank || (rank === best.rank && updatedAt > best.updatedAt)))) {
        best = { rowid, score, rank, updatedAt };
      }
    }
    if (!best) return undefined;
    const { rowid, score } = best;
    const row = this.read(() => this.selectByRowid.get(rowid));
    return row && { entry: toEntry(row), score };
  }

  async put(entries: readonly MemoryEntry[]): Promise<PutResult> {
    try {
      return this.putAll.immediate(entries);
    } catch (cause) {
      throw new SublocError('MEMORY_WRITE_FAILED', `could not store ${entries.length} entr${entries.length === 1 ? 'y' : 'ies'} in the translation memory ${this.path}: ${(cause as Error).message}; nothing of this batch was stored`, { cause, file: this.path });
    }
  }

  async entries(pair: Partial<LanguagePair> = {}): Promise<MemoryEntry[]> {
    const rows = this.read(() => this.selectEntries.all({ source: pair.source ?? null, target: pair.target ?? null }));
    return rows.map(toEntry);
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
    for (const lock of this.locks) lock.release();
    this.locks.clear();
    this.db.close();
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
