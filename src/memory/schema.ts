import type BetterSqlite3 from 'better-sqlite3';

/** `PRAGMA application_id`: tells a subloc memory from any other SQLite file. ("SbLc") */
export const APPLICATION_ID = 0x53624c63;

/**
 * One step per schema version; `PRAGMA user_version` records how many ran.
 * Append steps, never edit one that shipped: memories in the field ran it.
 */
export const MIGRATIONS: ReadonlyArray<(db: BetterSqlite3.Database) => void> = [
  (db) =>
    db.exec(`
      CREATE TABLE entry (
        source_lang      TEXT NOT NULL COLLATE NOCASE,
        target_lang      TEXT NOT NULL COLLATE NOCASE,
        source_key       TEXT NOT NULL,
        glossary_version TEXT NOT NULL,
        source           TEXT NOT NULL,
        source_plain     TEXT NOT NULL,
        plain_length     INTEGER NOT NULL,
        cue_count        INTEGER NOT NULL CHECK (cue_count >= 1),
        target           TEXT NOT NULL CHECK (json_valid(target) AND json_array_length(target) = cue_count),
        provider         TEXT NOT NULL,
        status           TEXT NOT NULL CHECK (status IN ('draft', 'reviewed', 'approved')),
        rank             INTEGER NOT NULL CHECK (rank = CASE status WHEN 'draft' THEN 0 WHEN 'reviewed' THEN 1 ELSE 2 END),
        reviewer         TEXT,
        updated_at       TEXT NOT NULL,
        PRIMARY KEY (source_lang, target_lang, source_key, glossary_version)
      );
      CREATE INDEX entry_fuzzy ON entry (source_lang, target_lang, cue_count, plain_length);
      CREATE INDEX entry_age ON entry (updated_at);
    `),
  (db) =>
    db.exec(`
      ALTER TABLE entry ADD COLUMN by_reviewer INTEGER NOT NULL DEFAULT 0 CHECK (by_reviewer IN (0, 1));
      -- Before this column only review import stored these providers (the format of the file it read),
      -- but for a TMX that subloc exported carrying them on: reviewed work either way.
      UPDATE entry SET by_reviewer = 1 WHERE rank > 0 AND provider IN ('xliff', 'srt', 'vtt', 'subtitles');
      -- Who holds the run lock (run-lock.ts), for the runs that wait; the lock itself is not here.
      CREATE TABLE run_lock (
        id        INTEGER PRIMARY KEY CHECK (id = 1),
        pid       INTEGER NOT NULL,
        hostname  TEXT NOT NULL,
        since     TEXT NOT NULL,
        purpose   TEXT NOT NULL
      );
    `),
  (db) =>
    db.exec(`
      -- A reviewer's comment per cue: a JSON array as long as target, or NULL when the unit has none.
      ALTER TABLE entry ADD COLUMN comments TEXT CHECK (comments IS NULL OR (json_valid(comments) AND json_array_length(comments) = cue_count));
      -- Each cue's status when the cues of a unit differ (decided cue by cue), or NULL when all have the unit's.
      ALTER TABLE entry ADD COLUMN cue_status TEXT CHECK (cue_status IS NULL OR (json_valid(cue_status) AND json_array_length(cue_status) = cue_count));
    `),
  (db) =>
    db.exec(`
      -- The machine provider of each cue a run filled in a reviewer's unit ('' for the others): a JSON array as long as
      -- target, or NULL when no cue is a machine's.
      ALTER TABLE entry ADD COLUMN filled_by TEXT CHECK (filled_by IS NULL OR (json_valid(filled_by) AND json_array_length(filled_by) = cue_count));
    `),
];
