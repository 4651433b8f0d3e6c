import { createHash } from 'node:crypto';
import pg from 'pg';
import { SublocError } from '../errors.js';
import type { TaggedText } from '../model/tagged-text.js';
import { unitKey, type LanguagePair } from '../model/unit.js';
import { bestMatch, fuzzySearch } from './best-match.js';
import { toEntry, toParams, type Params, type Row } from './entry-row.js';
import { hideSecrets, publicLocation } from './location.js';
import { migrationFailed, unreadable, writeFailed, type PostgresPlace } from './postgres-errors.js';
import { PostgresFuzzyIndexes } from './postgres-fuzzy.js';
import { postgresInFlight } from './postgres-in-flight.js';
import { acquirePostgresRunLock, type HeldRunLock } from './postgres-run-lock.js';
import { LOCK_KEYS, POSTGRES_MIGRATIONS, SCHEMA_TABLE } from './postgres-schema.js';
import type { OpenMemoryOptions } from './sqlite.js';
import { RANK, sameState } from './precedence.js';
import { eachVersions, versionPair, type GlossaryVersions, type MemoryEntry, type MemoryMatch, type MemoryPairCount, type InFlightUnits, type MemoryStatus, type MemoryStore, type PlannedOn, type PutResult, type RunLock, type RunLockOptions } from './store.js';

const COLUMNS = 'source_lang, target_lang, source, target, glossary_version, provider, status, reviewer, by_reviewer, comments, cue_status, filled_by, updated_at';

/** How long to wait for a connection before saying the server cannot be reached. */
const CONNECT_TIMEOUT_MS = 20_000;
/** Connections one process keeps to the memory (the run lock has one more of its own). */
const POOL_SIZE = 4;
/** A batch lost to a deadlock with another writer is tried again this many times. */
const RETRIES = 5;
/** Deadlock and serialization failure: another writer's transaction won; trying again is safe. */
const RETRYABLE = new Set(['40P01', '40001']);

type PgRow = Omit<Row, 'updated_at'> & { updated_at: Date };

/** Language tags as matched: ASCII letters folded, like SQLite's NOCASE, so both stores match the same tags. */
function langKey(tag: string): string {
  return tag.replace(/[A-Z]/g, (c) => c.toLowerCase());
}

function hashOf(sourceKey: string): string {
  return createHash('sha256').update(sourceKey).digest('hex');
}

function rowEntry(row: PgRow): MemoryEntry {
  return toEntry({ ...row, updated_at: row.updated_at.toISOString() });
}

/** What tells two rows of one batch apart as the table's primary key does. */
function keyOf(p: Params): string {
  return [langKey(p.sourceLang), langKey(p.targetLang), hashOf(p.sourceKey), p.glossaryVersion].join('\u0000');
}

/**
 * Opens the translation memory in the Postgres database at `url`, creating
 * its tables (`existing`: refusing) when the database has none. Safe to call
 * from many processes on many machines at once on a new database: each
 * schema step runs under a transaction-level advisory lock.
 */
export async function openPostgresMemory(url: string, options: OpenMemoryOptions = {}): Promise<MemoryStore> {
  const config: pg.ClientConfig = { connectionString: url, connectionTimeoutMillis: CONNECT_TIMEOUT_MS, keepAlive: true, application_name: 'subloc' };
  let resolved: pg.Client;
  try {
    // A client never connected: only to read host, port, database and user as the driver resolves them (URL, PG* variables, defaults).
    resolved = new pg.Client(config);
  } catch (cause) {
    throw new SublocError(
      'MEMORY_UNREADABLE',
      `\`${publicLocation(url)}\` is not a Postgres URL subloc can read (${hideSecrets((cause as Error).message, url)}); expected postgres://<user>[:<password>]@<host>[:<port>]/<database>, with a space, @, :, / or % in the user or password percent-encoded (%20, %40, %3A, %2F, %25)`,
      { file: publicLocation(url) },
    );
  }
  const place: PostgresPlace = { location: publicLocation(url), url, host: resolved.host, port: resolved.port, database: resolved.database ?? resolved.user ?? '', user: resolved.user ?? '' };
  const pool = new pg.Pool({ ...config, max: POOL_SIZE });
  // An idle connection the server dropped: the next query says so through the store's own refusals.
  pool.on('error', () => undefined);
  try {
    await migrate(pool, place, options.existing === true);
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw error;
  }
  return new PostgresMemory(pool, config, place);
}

async function migrate(pool: pg.Pool, place: PostgresPlace, existing: boolean): Promise<void> {
  let client: pg.PoolClient;
  try {
    client = await pool.connect();
  } catch (cause) {
    throw unreadable(place, cause, existing && (cause as { code?: string }).code === '3D000' ? 'MEMORY_NOT_FOUND' : 'MEMORY_UNREADABLE');
  }
  try {
    const version = await schemaVersion(client, place);
    if (version === undefined && existing) throw notFound(place);
    if (version === POSTGRES_MIGRATIONS.length) return;
    for (let step = 1; step <= POSTGRES_MIGRATIONS.length; step++) {
      try {
        await client.query('BEGIN');
        await client.query('SELECT pg_advisory_xact_lock($1, $2)', [...LOCK_KEYS.migrations]);
        await client.query(SCHEMA_TABLE);
        // Read again under the lock: another process may have run this step since.
        if (((await schemaVersion(client, place)) ?? 0) < step) {
          await client.query(POSTGRES_MIGRATIONS[step - 1]!);
          await client.query('INSERT INTO subloc_schema (version) VALUES ($1)', [step]);
        }
        await client.query('COMMIT');
      } catch (cause) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw cause instanceof SublocError ? cause : migrationFailed(place, step, cause);
      }
    }
  } finally {
    client.release();
  }
}

/** The schema version, `undefined` when the database holds no subloc memory; refuses one this version cannot read. */
async function schemaVersion(client: pg.PoolClient, place: PostgresPlace): Promise<number | undefined> {
  let version: number | undefined;
  try {
    const { rows } = await client.query<{ encoding: string; present: boolean }>(
      "SELECT pg_encoding_to_char(encoding) AS encoding, to_regclass('subloc_schema') IS NOT NULL AS present FROM pg_database WHERE datname = current_database()",
    );
    const encoding = rows[0]?.encoding;
    if (encoding !== 'UTF8') {
      throw new SublocError(
        'MEMORY_UNREADABLE',
        `the Postgres database \`${place.database}\` at ${place.host}:${place.port} (${place.location}) has the encoding ${encoding}; expected UTF8, which every subtitle's text fits: create the memory's database with \`createdb -E UTF8 -T template0 ${place.database}\``,
        { file: place.location },
      );
    }
    if (rows[0]?.present === true) {
      const max = await client.query<{ version: number | null }>('SELECT max(version) AS version FROM subloc_schema');
      version = max.rows[0]?.version ?? 0;
    }
  } catch (cause) {
    throw cause instanceof SublocError ? cause : unreadable(place, cause);
  }
  if (version !== undefined && version > POSTGRES_MIGRATIONS.length) {
    throw new SublocError(
      'MEMORY_UNREADABLE',
      `${place.location} was written by a newer subloc (memory schema version ${version}); expected version ${POSTGRES_MIGRATIONS.length} or lower: upgrade subloc, or pass --memory to use another memory`,
      { file: place.location },
    );
  }
  return version;
}

function notFound(place: PostgresPlace): SublocError {
  return new SublocError(
    'MEMORY_NOT_FOUND',
    `no translation memory in the Postgres database \`${place.database}\` at ${place.host}:${place.port} (${place.location}); expected one made by \`subloc localize\` or \`subloc memory import\`: run one of them first, or pass --memory <file or postgres:// URL> (or set SUBLOC_MEMORY) to use another`,
    { file: place.location },
  );
}

/** One round of a batch as column arrays, rows in key order: every writer locks rows in the same order, so none deadlocks. */
function columnsOf(rows: readonly Params[]): unknown[] {
  return [
    rows.map((r) => r.sourceLang),
    rows.map((r) => r.targetLang),
    rows.map((r) => langKey(r.sourceLang)),
    rows.map((r) => langKey(r.targetLang)),
    rows.map((r) => hashOf(r.sourceKey)),
    rows.map((r) => r.glossaryVersion),
    rows.map((r) => r.sourceKey),
    rows.map((r) => r.source),
    rows.map((r) => r.sourcePlain),
    rows.map((r) => r.plainLength),
    rows.map((r) => r.cueCount),
    rows.map((r) => r.target),
    rows.map((r) => r.provider),
    rows.map((r) => r.status),
    rows.map((r) => r.rank),
    rows.map((r) => r.reviewer),
    rows.map((r) => r.byReviewer),
    rows.map((r) => r.comments),
    rows.map((r) => r.cueStatus),
    rows.map((r) => r.filledBy),
    rows.map((r) => r.updatedAt),
  ];
}

/** The statuses lowest first, for `array_position`: a cue's rank. */
const RANKED = `ARRAY[${(Object.keys(RANK) as MemoryStatus[]).sort((a, b) => RANK[a] - RANK[b]).map((status) => `'${status}'`).join(', ')}]`;

/**
 * `replaces` (precedence.ts) in one statement per row: the row comparison
 * orders by status rank, then a reviewer's own decision, then time, so an
 * entry replaces the stored one when it weighs more, or as much and is not
 * older, and when no cue the stored row holds at a status of its own
 * (`cue_status`) is above the same cue of the entry. The server checks it against the row as committed, locked, so
 * writers on many machines never lose an update nor downgrade one. A row
 * already stored as the entry has it is left as it is.
 */
/** The rows of one round (`columnsOf`) as a table `r`, in their order `n`. */
const ROUND = `unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::int[], $11::int[],
    $12::text[], $13::text[], $14::text[], $15::int[], $16::text[], $17::int[], $18::text[], $19::text[], $20::text[], $21::text[]) WITH ORDINALITY
    AS r(source_lang, target_lang, source_lang_key, target_lang_key, source_hash, glossary_version, source_key, source, source_plain, plain_length,
      cue_count, target, provider, status, rank, reviewer, by_reviewer, comments, cue_status, filled_by, updated_at, n)`;

/** The columns a write sets, of a row `alias`, to compare as one: `storedAs` (entry-row.ts). */
function writtenColumns(alias: string): string {
  return `(${['source', 'target', 'provider', 'status', 'reviewer', 'by_reviewer', 'comments', 'cue_status', 'filled_by', 'updated_at'].map((c) => `${alias}.${c}`).join(', ')})`;
}

const UPSERT = `
  INSERT INTO subloc_entry AS stored (source_lang, target_lang, source_lang_key, target_lang_key, source_hash, glossary_version, source_key,
    source, source_plain, plain_length, cue_count, target, provider, status, rank, reviewer, by_reviewer, comments, cue_status, filled_by, updated_at)
  SELECT r.source_lang, r.target_lang, r.source_lang_key, r.target_lang_key, decode(r.source_hash, 'hex'), r.glossary_version, r.source_key,
    r.source, r.source_plain, r.plain_length, r.cue_count, r.target, r.provider, r.status, r.rank, r.reviewer, r.by_reviewer, r.comments, r.cue_status, r.filled_by,
    r.updated_at::timestamptz
  FROM ${ROUND}
  ORDER BY r.n
  ON CONFLICT (source_lang_key, target_lang_key, source_hash, glossary_version) DO UPDATE SET
    source = excluded.source, target = excluded.target, provider = excluded.provider, status = excluded.status, rank = excluded.rank,
    reviewer = excluded.reviewer, by_reviewer = excluded.by_reviewer, comments = excluded.comments, cue_status = excluded.cue_status, filled_by = excluded.filled_by,
    updated_at = excluded.updated_at
  WHERE (excluded.rank, excluded.by_reviewer, excluded.updated_at) >= (stored.rank, stored.by_reviewer, stored.updated_at)
    AND ${writtenColumns('excluded')} IS DISTINCT FROM ${writtenColumns('stored')}
    AND NOT EXISTS (
      SELECT 1 FROM jsonb_array_elements_text(stored.cue_status::jsonb) WITH ORDINALITY AS cue(status, k)
      WHERE array_position(${RANKED}, cue.status) > array_position(${RANKED}, COALESCE(excluded.cue_status::jsonb ->> (cue.k::int - 1), excluded.status)))
  RETURNING id`;

/**
 * Stamps the rows a write changed (`$1`, their ids) with the next change
 * number of their pair, taken under the pair's row: held until the write
 * commits, so another write of the pair takes the number after it only then.
 */
const STAMP_CHANGE = `
  WITH bumped AS (
    INSERT INTO subloc_pair_change AS c (source_lang_key, target_lang_key, change)
    SELECT DISTINCT source_lang_key, target_lang_key, 1 FROM subloc_entry WHERE id = ANY($1::bigint[]) ORDER BY 1, 2
    ON CONFLICT (source_lang_key, target_lang_key) DO UPDATE SET change = c.change + 1
    RETURNING source_lang_key, target_lang_key, change
  )
  UPDATE subloc_entry AS e SET change = b.change FROM bumped AS b
  WHERE e.id = ANY($1::bigint[]) AND e.source_lang_key = b.source_lang_key AND e.target_lang_key = b.target_lang_key`;

/** `UPSERT` for rows checked against the state they were planned on: `replacesPlanned`, weight without time. */
const UPSERT_PLANNED = UPSERT.replace(
  'WHERE (excluded.rank, excluded.by_reviewer, excluded.updated_at) >= (stored.rank, stored.by_reviewer, stored.updated_at)',
  'WHERE (excluded.rank, excluded.by_reviewer) >= (stored.rank, stored.by_reviewer)',
);

/**
 * How many rows of a round its `UPSERT` just left as they were, being so
 * already: those stored as the round has them, but for the ones it wrote.
 * The `UPSERT` locked every row it met, written or not, so none has changed since.
 */
const STORED_AS = `
  SELECT count(*)::int AS stored FROM ${ROUND}
  JOIN subloc_entry AS stored ON stored.source_lang_key = r.source_lang_key AND stored.target_lang_key = r.target_lang_key
    AND stored.source_hash = decode(r.source_hash, 'hex') AND stored.glossary_version = r.glossary_version
  WHERE ${writtenColumns('stored')} IS NOT DISTINCT FROM (r.source, r.target, r.provider, r.status, r.reviewer, r.by_reviewer, r.comments, r.cue_status, r.filled_by, r.updated_at::timestamptz)`;

/**
 * The rounds of a batch: the first entry of each unit, then the second of
 * those that come twice, and so on. One statement may touch a row once; in
 * rounds, a unit's entries apply in the batch's order, as SQLite applies them.
 */
function roundsOf(rows: readonly Params[]): Params[][] {
  const seen = new Map<string, number>();
  const rounds: { key: string; row: Params }[][] = [];
  for (const row of rows) {
    const key = keyOf(row);
    const round = seen.get(key) ?? 0;
    seen.set(key, round + 1);
    (rounds[round] ??= []).push({ key, row });
  }
  return rounds.map((round) => round.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)).map((r) => r.row));
}

/** A unit's transaction-level lock (in the one-key space, apart from the two-key space of LOCK_KEYS), whatever its glossary version. */
function unitLock(row: Params): string {
  return createHash('sha256').update(`subloc unit:${langKey(row.sourceLang)}\u0000${langKey(row.targetLang)}\u0000${row.sourceKey}`).digest().readBigInt64BE(0).toString();
}

/**
 * How many of the planned rows' units `exact` answers otherwise now,
 * read under each unit's lock, taken in one order by every writer (so none
 * deadlocks) and held until the transaction ends: a write planned on the
 * same state waits here, then sees this one.
 */
async function staleSincePlanned(client: pg.PoolClient, planned: readonly { row: Params; on: PlannedOn }[]): Promise<number> {
  await client.query('SELECT pg_advisory_xact_lock(k) FROM (SELECT DISTINCT k FROM unnest($1::bigint[]) AS k ORDER BY k) AS locks', [planned.map((p) => unitLock(p.row))]);
  const { rows } = await client.query<PgRow & { n: string }>({
    // `exact`, for each planned row under its own glossary version.
    text: `SELECT DISTINCT ON (q.n) q.n, ${COLUMNS.split(', ').map((c) => `e.${c}`).join(', ')}
           FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[]) WITH ORDINALITY AS q(source_lang_key, target_lang_key, hash, key, version, former, n)
           JOIN subloc_entry e ON e.source_lang_key = q.source_lang_key AND e.target_lang_key = q.target_lang_key AND e.source_hash = decode(q.hash, 'hex') AND e.source_key = q.key
             AND (e.rank > 0 OR e.glossary_version IN ('', q.version, q.former))
           ORDER BY q.n, e.rank DESC, e.by_reviewer DESC, e.updated_at DESC, e.glossary_version = q.version DESC`,
    values: [
      planned.map((p) => langKey(p.row.sourceLang)),
      planned.map((p) => langKey(p.row.targetLang)),
      planned.map((p) => hashOf(p.row.sourceKey)),
      planned.map((p) => p.row.sourceKey),
      planned.map((p) => versionPair(p.on.glossaryVersion)[0]),
      planned.map((p) => versionPair(p.on.glossaryVersion)[1]),
    ],
  });
  const now: (MemoryEntry | undefined)[] = planned.map(() => undefined);
  for (const { n, ...row } of rows) now[Number(n) - 1] = rowEntry(row);
  return planned.filter((p, k) => !sameState(p.on.entry, now[k])).length;
}

class PostgresMemory implements MemoryStore {
  private readonly locks = new Set<HeldRunLock>();
  private readonly fuzzyIndexes = new PostgresFuzzyIndexes();
  private closed = false;

  readonly location: string;
  // The run lock is a session's, and a session can end under a run that lives (see acquirePostgresRunLock).
  readonly inFlight: InFlightUnits;

  constructor(
    private readonly pool: pg.Pool,
    private readonly config: pg.ClientConfig,
    private readonly place: PostgresPlace,
  ) {
    this.location = place.location;
    this.inFlight = postgresInFlight(pool, place);
  }

  async exact(source: readonly TaggedText[], pair: LanguagePair, glossaryVersion: GlossaryVersions): Promise<MemoryEntry | undefined> {
    const key = unitKey(source);
    const { rows } = await this.read(() =>
      this.pool.query<PgRow>({
        // Named: each connection parses and plans it once.
        name: 'subloc-exact',
        text: `SELECT ${COLUMNS} FROM subloc_entry
               WHERE source_lang_key = $1 AND target_lang_key = $2 AND source_hash = decode($3, 'hex') AND source_key = $4
                 AND (rank > 0 OR glossary_version IN ('', $5, $6))
               ORDER BY rank DESC, by_reviewer DESC, updated_at DESC, glossary_version = $5 DESC
               LIMIT 1`,
        values: [langKey(pair.source), langKey(pair.target), hashOf(key), key, ...versionPair(glossaryVersion)],
      }),
    );
    return rows[0] && rowEntry(rows[0]);
  }

  async exactMany(sources: readonly (readonly TaggedText[])[], pair: LanguagePair, glossaryVersion: GlossaryVersions | readonly GlossaryVersions[]): Promise<(MemoryEntry | undefined)[]> {
    if (sources.length === 0) return [];
    const keys = sources.map(unitKey);
    const versions = sources.map((_, i) => versionPair(eachVersions(glossaryVersion, i)));
    // The same choice as `exact`, for every unit in one statement: the best row of each by DISTINCT ON.
    const { rows } = await this.read(() =>
      this.pool.query<PgRow & { n: string }>({
        name: 'subloc-exact-many',
        text: `SELECT DISTINCT ON (q.n) q.n, ${COLUMNS.split(', ').map((c) => `e.${c}`).join(', ')}
               FROM unnest($3::text[], $4::text[], $5::text[], $6::text[]) WITH ORDINALITY AS q(hash, key, version, former, n)
               JOIN subloc_entry e ON e.source_lang_key = $1 AND e.target_lang_key = $2 AND e.source_hash = decode(q.hash, 'hex') AND e.source_key = q.key
                 AND (e.rank > 0 OR e.glossary_version IN ('', q.version, q.former))
               ORDER BY q.n, e.rank DESC, e.by_reviewer DESC, e.updated_at DESC, e.glossary_version = q.version DESC`,
        values: [langKey(pair.source), langKey(pair.target), keys.map(hashOf), keys, versions.map((v) => v[0]), versions.map((v) => v[1])],
      }),
    );
    const found: (MemoryEntry | undefined)[] = sources.map(() => undefined);
    for (const { n, ...row } of rows) found[Number(n) - 1] = rowEntry(row);
    return found;
  }

  async reviewedWithCues(cues: readonly TaggedText[], pair: LanguagePair): Promise<MemoryEntry[]> {
    if (cues.length === 0) return [];
    // The best row of each source, as `exact` orders them, by DISTINCT ON; `?|`: any of the texts is one of the array's elements.
    const { rows } = await this.read(() =>
      this.pool.query<PgRow>({
        name: 'subloc-reviewed-with-cues',
        text: `SELECT DISTINCT ON (source_hash) ${COLUMNS} FROM subloc_entry
               WHERE source_lang_key = $1 AND target_lang_key = $2 AND (rank > 0 OR by_reviewer = 1) AND source::jsonb ?| $3::text[]
               ORDER BY source_hash, rank DESC, by_reviewer DESC, updated_at DESC`,
        values: [langKey(pair.source), langKey(pair.target), [...new Set(cues)]],
      }),
    );
    return rows.map(rowEntry);
  }

  async fuzzy(source: readonly TaggedText[], pair: LanguagePair, minScore: number, except?: ReadonlySet<string>): Promise<MemoryMatch | undefined> {
    const search = fuzzySearch(source, minScore, except);
    if (!search) return undefined;
    const best = await this.read(async () => {
      const client = await this.pool.connect();
      try {
        const index = await this.fuzzyIndexes.index(client, langKey(pair.source), langKey(pair.target), search.cueCount);
        return bestMatch(search, index.near(search));
      } finally {
        client.release();
      }
    });
    if (!best) return undefined;
    const { rows } = await this.read(() => this.pool.query<PgRow>(`SELECT ${COLUMNS} FROM subloc_entry WHERE id = $1`, [best.id]));
    return rows[0] && { entry: rowEntry(rows[0]), score: best.score };
  }

  async put(entries: readonly MemoryEntry[], plannedOn: readonly (PlannedOn | undefined)[] = []): Promise<PutResult> {
    const failed = (cause: unknown, stored = '') => writeFailed(this.place, `store ${entries.length} entr${entries.length === 1 ? 'y' : 'ies'}`, cause, stored);
    let params: Params[];
    try {
      params = entries.map(toParams);
    } catch (cause) {
      throw failed(cause, 'nothing of this batch was stored');
    }
    const planned = params.flatMap((row, i) => (plannedOn[i] === undefined ? [] : [{ row, on: plannedOn[i] }]));
    for (let attempt = 1; ; attempt++) {
      let client: pg.PoolClient;
      try {
        client = await this.pool.connect();
      } catch (cause) {
        throw failed(cause);
      }
      try {
        await client.query('BEGIN');
        const stale = planned.length === 0 ? 0 : await staleSincePlanned(client, planned);
        if (stale > 0) {
          await client.query('ROLLBACK');
          return { written: 0, unchanged: 0, kept: 0, stale };
        }
        let unchanged = 0;
        const changed: string[] = [];
        for (const [statement, rows] of [[UPSERT, params.filter((_, i) => plannedOn[i] === undefined)], [UPSERT_PLANNED, planned.map((p) => p.row)]] as const) {
          for (const round of roundsOf(rows)) {
            const columns = columnsOf(round);
            const ids = (await client.query<{ id: string }>(statement, columns)).rows.map((r) => r.id);
            changed.push(...ids);
            if (ids.length < round.length) unchanged += (await client.query<{ stored: number }>(STORED_AS, columns)).rows[0]!.stored - ids.length;
          }
        }
        if (changed.length > 0) await client.query(STAMP_CHANGE, [changed]);
        await client.query('COMMIT');
        const written = changed.length;
        return { written, unchanged, kept: entries.length - written - unchanged };
      } catch (cause) {
        await client.query('ROLLBACK').catch(() => undefined);
        const code = (cause as { code?: string }).code;
        if (code !== undefined && RETRYABLE.has(code) && attempt < RETRIES) continue;
        throw failed(cause, 'nothing of this batch was stored');
      } finally {
        client.release();
      }
    }
  }

  async entries(pair: Partial<LanguagePair> = {}): Promise<MemoryEntry[]> {
    const { rows } = await this.read(() =>
      this.pool.query<PgRow>(
        `SELECT ${COLUMNS} FROM subloc_entry
         WHERE ($1::text IS NULL OR source_lang_key = $1) AND ($2::text IS NULL OR target_lang_key = $2)
         ORDER BY updated_at, id`,
        [pair.source === undefined ? null : langKey(pair.source), pair.target === undefined ? null : langKey(pair.target)],
      ),
    );
    return rows.map(rowEntry);
  }

  async pairs(): Promise<MemoryPairCount[]> {
    const { rows } = await this.read(() =>
      this.pool.query<MemoryPairCount>(
        `SELECT MIN(source_lang) AS source, MIN(target_lang) AS target, COUNT(*)::int AS entries FROM subloc_entry
         GROUP BY source_lang_key, target_lang_key`,
      ),
    );
    return rows;
  }

  async lockRuns(options: RunLockOptions): Promise<RunLock> {
    // A connection of its own: the advisory lock lives as long as its session (watched: see acquirePostgresRunLock).
    const client = new pg.Client(this.config);
    client.on('error', () => undefined);
    let lock: HeldRunLock;
    try {
      await client.connect();
      lock = await acquirePostgresRunLock(client, options);
    } catch (cause) {
      await client.end().catch(() => undefined);
      if (options.signal?.aborted === true && cause === options.signal.reason) throw cause;
      throw unreadable(this.place, cause);
    }
    this.locks.add(lock);
    return {
      release: () => {
        lock.release();
        void lock.released.then(() => this.locks.delete(lock));
      },
      lost: lock.lost,
      session: lock.session,
    };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const lock of this.locks) lock.release();
    await Promise.all([...this.locks].map((lock) => lock.released));
    this.locks.clear();
    await this.pool.end();
  }

  private async read<T>(query: () => Promise<T>): Promise<T> {
    try {
      return await query();
    } catch (cause) {
      throw cause instanceof SublocError ? cause : unreadable(this.place, cause);
    }
  }
}
