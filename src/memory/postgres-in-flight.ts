import type pg from 'pg';
import { SublocError } from '../errors.js';
import { unreadable, writeFailed, type PostgresPlace } from './postgres-errors.js';
import type { InFlightUnit, InFlightUnits } from './store.js';

/**
 * The units on their way to DeepL, in `subloc_in_flight`: one row a unit,
 * written in one statement a request, its time counted by the server's
 * clock so that machines whose clocks differ agree on when it runs out.
 */
export function postgresInFlight(pool: pg.Pool, place: PostgresPlace): InFlightUnits {
  return {
    async record(keys, holder, forMs) {
      // A key twice in one upsert is refused by Postgres; a request's repeated texts are one unit of the memory anyway.
      const unique = [...new Set(keys)];
      if (unique.length === 0) return;
      let written: number;
      try {
        // Only while the lock's session lives: one the server ended (a restart, a cut) lets another run in at once.
        written = (await pool.query(
          `INSERT INTO subloc_in_flight (unit_key, holder, purpose, expires_at)
           SELECT k, $2, $3, now() + $4 * interval '1 millisecond' FROM unnest($1::text[]) AS k
           WHERE $5::int IS NULL OR EXISTS (SELECT 1 FROM pg_stat_activity WHERE pid = $5::int AND backend_start = $6::timestamptz)
           ON CONFLICT (unit_key) DO UPDATE SET holder = excluded.holder, purpose = excluded.purpose, expires_at = excluded.expires_at`,
          [unique, holder.id, holder.purpose, Math.ceil(forMs), holder.session?.pid ?? null, holder.session?.since ?? null],
        )).rowCount ?? 0;
      } catch (cause) {
        throw writeFailed(place, `record ${unique.length} unit${unique.length === 1 ? '' : 's'} as sent to DeepL`, cause, 'the request was not sent');
      }
      if (written === 0) {
        throw new SublocError('MEMORY_LOCK_LOST', `the session holding the memory's run lock for ${holder.purpose} has ended (the server restarted, or the connection was cut): another run may now draft into the memory, so this one stopped sending requests; the drafts received are kept. Run it again`);
      }
    },
    async others(keys, holderId) {
      if (keys.length === 0) return [];
      let rows: { n: string; purpose: string; expires_at: Date }[];
      try {
        ({ rows } = await pool.query<{ n: string; purpose: string; expires_at: Date }>(
          `SELECT k.n, f.purpose, f.expires_at FROM unnest($1::text[]) WITH ORDINALITY AS k(key, n)
           JOIN subloc_in_flight f ON f.unit_key = k.key AND f.holder <> $2 AND f.expires_at > now()`,
          [keys, holderId],
        ));
      } catch (cause) {
        throw unreadable(place, cause);
      }
      const found: (InFlightUnit | undefined)[] = keys.map(() => undefined);
      for (const row of rows) found[Number(row.n) - 1] = { purpose: row.purpose, until: row.expires_at.toISOString() };
      return found;
    },
    async clear(keys, holderId) {
      try {
        await pool.query('DELETE FROM subloc_in_flight WHERE (holder = $2 AND unit_key = ANY($1::text[])) OR expires_at <= now()', [[...keys], holderId]);
      } catch (cause) {
        throw writeFailed(place, `clear ${keys.length} unit${keys.length === 1 ? '' : 's'} sent to DeepL`, cause, 'their records run out by themselves');
      }
    },
  };
}
