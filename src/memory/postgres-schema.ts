/**
 * The schema of a Postgres memory, one step per version; `subloc_schema`
 * records which ran. Append steps, never edit one that shipped: memories in
 * the field ran it. Every name starts with `subloc_`, so the memory can share
 * a database with other tables.
 *
 * The one edit of a shipped step: step 1 created the pg_trgm extension and a
 * trigram index that no lookup has read since fuzzy-index.ts, and a role that
 * may not create extensions could not set up a memory. Step 4 drops that index,
 * so a memory set up by either step 1 ends in the same tables.
 */
export const POSTGRES_MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE subloc_entry (
    id               bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
    source_lang      text NOT NULL,
    target_lang      text NOT NULL,
    -- The pair as matched: ASCII letters folded, as SQLite's NOCASE does (see langKey).
    source_lang_key  text NOT NULL,
    target_lang_key  text NOT NULL,
    -- SHA-256 of source_key: a unit of any length fits the key's index.
    source_hash      bytea NOT NULL,
    glossary_version text NOT NULL,
    source_key       text NOT NULL,
    source           text NOT NULL,
    source_plain     text NOT NULL,
    plain_length     integer NOT NULL,
    cue_count        integer NOT NULL CHECK (cue_count >= 1),
    target           text NOT NULL CHECK (jsonb_array_length(target::jsonb) = cue_count),
    provider         text NOT NULL,
    status           text NOT NULL CHECK (status IN ('draft', 'reviewed', 'approved')),
    rank             smallint NOT NULL CHECK (rank = CASE status WHEN 'draft' THEN 0 WHEN 'reviewed' THEN 1 ELSE 2 END),
    reviewer         text,
    by_reviewer      smallint NOT NULL CHECK (by_reviewer IN (0, 1)),
    comments         text CHECK (comments IS NULL OR jsonb_array_length(comments::jsonb) = cue_count),
    cue_status       text CHECK (cue_status IS NULL OR jsonb_array_length(cue_status::jsonb) = cue_count),
    updated_at       timestamptz NOT NULL,
    PRIMARY KEY (source_lang_key, target_lang_key, source_hash, glossary_version)
  );
  CREATE INDEX subloc_entry_fuzzy ON subloc_entry (source_lang_key, target_lang_key, cue_count, plain_length);
  CREATE INDEX subloc_entry_age ON subloc_entry (updated_at, id);
  -- Who holds the run lock (an advisory lock, see postgres-run-lock.ts), for the runs that wait.
  CREATE TABLE subloc_run_lock (
    id       integer PRIMARY KEY CHECK (id = 1),
    pid      integer NOT NULL,
    hostname text NOT NULL,
    since    text NOT NULL,
    purpose  text NOT NULL
  );
  `,
  `
  -- Each write of a pair's units takes the pair's next change number and stamps the rows it wrote. The number is taken
  -- under the pair's row here, held until the write commits, so numbers commit in order: a process that read the pair
  -- up to change n reads the rows of every later write, and only those, as rows with a greater one (fuzzy-index.ts).
  CREATE TABLE subloc_pair_change (
    source_lang_key text NOT NULL,
    target_lang_key text NOT NULL,
    change          bigint NOT NULL,
    PRIMARY KEY (source_lang_key, target_lang_key)
  );
  ALTER TABLE subloc_entry ADD COLUMN change bigint NOT NULL DEFAULT 0;
  CREATE INDEX subloc_entry_change ON subloc_entry (source_lang_key, target_lang_key, change);
  `,
  `
  -- Units a run has sent to DeepL and not stored yet, by unit key (see postgres-in-flight.ts): a run that takes the run
  -- lock after another lost it (the server restarted) waits for those answers instead of billing the units again.
  CREATE TABLE subloc_in_flight (
    unit_key   text PRIMARY KEY,
    holder     text NOT NULL,
    purpose    text NOT NULL,
    expires_at timestamptz NOT NULL
  );
  `,
  `
  -- Kept up to date on every write and read by no lookup (see step 1). The extension stays: other tables may use it.
  -- A role that does not own the index (a superuser ran step 1) leaves it: it costs writes, never a wrong answer.
  DO $$ BEGIN DROP INDEX IF EXISTS subloc_entry_trigrams; EXCEPTION WHEN insufficient_privilege THEN NULL; END $$;
  `,
  `
  -- The machine provider of each cue a run filled in a reviewer's unit ('' for the others), or NULL when no cue is a machine's.
  ALTER TABLE subloc_entry ADD COLUMN filled_by text CHECK (filled_by IS NULL OR jsonb_array_length(filled_by::jsonb) = cue_count);
  `,
];

/** The advisory lock keys of a memory (classid, objid): "SbLc", then what is locked. */
export const LOCK_KEYS = { migrations: [0x53624c63, 1], runs: [0x53624c63, 2] } as const;

/** The table that records the versions that ran; created under the migrations lock. */
export const SCHEMA_TABLE = `
  CREATE TABLE IF NOT EXISTS subloc_schema (
    version    integer PRIMARY KEY,
    applied_at timestamptz NOT NULL DEFAULT now()
  )`;
