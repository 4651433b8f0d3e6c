import { createHash } from 'node:crypto';
import { hostname } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import type pg from 'pg';
import { LOCK_KEYS } from './postgres-schema.js';
import { SublocError } from '../errors.js';
import type { LockSession, RunHolder, RunLockOptions } from './store.js';

/** Why a run stopped when its lock's session ended. */
function lockLost(purpose: string, cause: unknown): SublocError {
  return new SublocError(
    'MEMORY_LOCK_LOST',
    `the connection holding the memory's run lock for ${purpose} was lost (${cause instanceof Error ? cause.message : 'the database closed it'}): ` +
      'another run may now draft into the memory, so this one stopped sending requests; the drafts received are kept. Run it again',
    cause === undefined ? {} : { cause },
  );
}

/** How often a waiting run tries the lock again. */
const RETRY_MS = 200;
/** How often a held lock's connection is asked whether it is still there, and how long it has to answer. */
const HEARTBEAT_MS = 5_000;
const HEARTBEAT_TIMEOUT_MS = 10_000;

/** A held run lock; `released` settles once the server has let it go; `lost` aborts if the session ends before. */
export interface HeldRunLock {
  release(): void;
  released: Promise<void>;
  lost: AbortSignal;
  session: LockSession;
}

const [CLASS, OBJECT] = LOCK_KEYS.runs;

/**
 * One try at the lock, never waiting on the server. Without a scope: the
 * memory's key, exclusive. With one: the memory's key shared (so a
 * whole-memory run stays out) and the scope's own key exclusive, a 64-bit
 * hash of it (a scope may hold any character, NUL too, which Postgres text
 * cannot) in the one-key space, apart from the two-key one used above.
 */
async function tryLock(client: pg.Client, scope: string | undefined): Promise<boolean> {
  if (scope === undefined) {
    const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1, $2) AS locked', [CLASS, OBJECT]);
    return rows[0]?.locked === true;
  }
  const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock_shared($1, $2) AS locked', [CLASS, OBJECT]);
  if (rows[0]?.locked !== true) return false;
  const key = createHash('sha256').update(`subloc run scope:${scope}`).digest().readBigInt64BE(0);
  const scoped = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1::bigint) AS locked', [key.toString()]);
  if (scoped.rows[0]?.locked === true) return true;
  await client.query('SELECT pg_advisory_unlock_shared($1, $2)', [CLASS, OBJECT]);
  return false;
}

/**
 * The run lock of a Postgres memory: a session advisory lock on a connection
 * of its own (`client`, connected), held until that session ends. The server
 * ends it when the process dies, however it dies, so a crashed run never
 * blocks the next one, on this machine or another. Who holds it is written
 * to `subloc_run_lock` so that a waiting run can say whom it waits for.
 * Errors are the driver's: the store turns them into refusals.
 */
export async function acquirePostgresRunLock(client: pg.Client, options: RunLockOptions): Promise<HeldRunLock> {
  let told = false;
  try {
    for (;;) {
      if (await tryLock(client, options.scope)) break;
      if (!told) {
        told = true;
        const holder = await client.query<RunHolder>('SELECT pid, hostname, since, purpose FROM subloc_run_lock');
        options.onWait?.(holder.rows[0]);
      }
      try {
        await sleep(RETRY_MS, undefined, options.signal === undefined ? {} : { signal: options.signal });
      } catch (cause) {
        throw options.signal?.aborted === true ? options.signal.reason : cause;
      }
    }
    const holder: RunHolder = { pid: process.pid, hostname: hostname(), since: new Date().toISOString(), purpose: options.purpose };
    await client.query(
      `INSERT INTO subloc_run_lock (id, pid, hostname, since, purpose) VALUES (1, $1, $2, $3, $4)
       ON CONFLICT (id) DO UPDATE SET pid = excluded.pid, hostname = excluded.hostname, since = excluded.since, purpose = excluded.purpose`,
      [holder.pid, holder.hostname, holder.since, holder.purpose],
    );
    // As text: the server's microseconds, which a Date would round away, and the record's check compares exactly.
    const { rows: own } = await client.query<LockSession>('SELECT pid, backend_start::text AS since FROM pg_stat_activity WHERE pid = pg_backend_pid()');
    const session: LockSession = { pid: own[0]!.pid, since: own[0]!.since };
    let released: Promise<void> | undefined;
    // The advisory lock lives as long as the session: a connection that drops (the server restarted, the network
    // cut) ends it, and another run may take it at once, so the run holding it must stop before it bills more.
    const lost = new AbortController();
    const ended = (cause?: unknown) => {
      if (released === undefined && !lost.signal.aborted) lost.abort(lockLost(options.purpose, cause));
    };
    client.on('error', ended);
    client.on('end', () => ended());
    // A server that goes silent (the network cut, the machine gone) says no goodbye: a query every few seconds that
    // gets no answer in time ends the lock here, as the server will end the session once it notices.
    const heartbeat = setInterval(() => {
      if (released !== undefined || lost.signal.aborted) return;
      let timer: ReturnType<typeof setTimeout> | undefined;
      const silent = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`the database did not answer for ${HEARTBEAT_TIMEOUT_MS / 1000} s`)), HEARTBEAT_TIMEOUT_MS);
      });
      Promise.race([client.query('SELECT 1'), silent]).then(
        () => clearTimeout(timer),
        (cause: unknown) => {
          clearTimeout(timer);
          ended(cause);
        },
      );
    }, HEARTBEAT_MS);
    heartbeat.unref();
    lost.signal.addEventListener('abort', () => clearInterval(heartbeat), { once: true });
    return {
      lost: lost.signal,
      session,
      release() {
        clearInterval(heartbeat);
        released ??= client
          .query('DELETE FROM subloc_run_lock WHERE pid = $1 AND hostname = $2 AND since = $3', [holder.pid, holder.hostname, holder.since])
          .then(
            () => undefined,
            // The record is only a courtesy to waiting runs: ending the session below is what lets them in.
            () => undefined,
          )
          // Ending the session releases the advisory lock.
          .finally(() => client.end().catch(() => undefined));
      },
      get released() {
        return released ?? Promise.resolve();
      },
    };
  } catch (error) {
    await client.end().catch(() => undefined);
    throw error;
  }
}
