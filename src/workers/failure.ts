import { UnrecoverableError } from 'bullmq';
import { isSublocError, type ErrorCode } from '../errors.js';
import type { RefusedLanguage, RunReport } from '../pipeline/report.js';

/**
 * Failures another attempt may get past (DeepL's 5xx after the retries, the memory's server restarting or out of
 * reach a while, the run lock lost with it); any other SublocError needs a person. Not an answer altered or cut
 * short (`DEEPL_ANSWER_MISMATCH`): DeepL billed it, and what altered it would most likely alter it again, billed again.
 */
const RETRIED: ReadonlySet<ErrorCode> = new Set(['DEEPL_FAILED', 'MEMORY_WRITE_FAILED', 'MEMORY_UNREACHABLE', 'MEMORY_LOCK_LOST']);

/**
 * What this worker's own machine gets wrong: DeepL refusing its key, or not reached from it at all after every
 * retry (its `DEEPL_SERVER_URL` mistyped, a firewall, its proxy down). Tried again, such a job would go to the same
 * machine, which fails fastest and so takes it first, until its attempts are spent while the others sit idle.
 */
const OWN_DEEPL: ReadonlySet<ErrorCode> = new Set(['DEEPL_AUTH', 'DEEPL_UNREACHABLE']);

/** Postgres refusing a login (a wrong password or user): the credentials a worker's machine gives. */
const LOGIN_REFUSED: ReadonlySet<string> = new Set(['28P01', '28000']);

export type JobFailure =
  /** DeepL's quota (456) or the catalog's budget: the queue pauses, the job waits in it. */
  | { kind: 'quota'; message: string }
  /** DeepL still answered 429 after the retries: the whole queue waits a while, the job goes back unharmed. */
  | { kind: 'rate' }
  /**
   * What this worker's own setup gets wrong (its DeepL key or its way to DeepL, its login to the memory's server): the job goes back to
   * the queue for another worker, and this one stops taking jobs, saying why.
   */
  | { kind: 'worker'; message: string }
  /** Another attempt, after BullMQ's backoff. */
  | { kind: 'retry'; error: unknown }
  /** Failed for good with its message: a config, a source or a key to fix. */
  | { kind: 'fatal'; error: UnrecoverableError };

/** What a failed catalog job does next, by its error's class. */
export function classify(error: unknown): JobFailure {
  if (!isSublocError(error)) return { kind: 'retry', error };
  if (error.code === 'DEEPL_QUOTA' || error.code === 'DEEPL_BUDGET') return { kind: 'quota', message: error.message };
  // deeplFailure keeps the class name of deepl-node's error on its scrubbed cause.
  if (error.code === 'DEEPL_FAILED' && (error.cause as Error | undefined)?.name === 'TooManyRequestsError') return { kind: 'rate' };
  if (RETRIED.has(error.code)) return { kind: 'retry', error };
  if (OWN_DEEPL.has(error.code) || error.code === 'MEMORY_MISMATCH' || (error.code === 'MEMORY_UNREADABLE' && LOGIN_REFUSED.has(String((error.cause as { code?: unknown } | undefined)?.code)))) return { kind: 'worker', message: error.message };
  const where = error.file !== undefined && !error.message.includes(error.file) ? `${error.file}${error.line === undefined ? '' : `:${error.line}`}: ` : '';
  return { kind: 'fatal', error: new UnrecoverableError(`${where}${error.message}`) };
}

/**
 * Times a job may lose its worker (killed, its machine gone, cut off from Redis past `--lock-duration`) and go back to
 * the queue: it resumes from the memory, so another try costs only time. A job that stops its worker every time (out
 * of memory) still fails after this many.
 */
export const STALLS_ALLOWED = 5;

/** What BullMQ says of a job that lost its worker more than `maxStalledCount` times. */
const STALLED = 'job stalled more than allowable limit';

/** A failed job's reason as an operator can act on it: BullMQ's own words for a job that kept losing its worker are not. */
export function failureReason(reason: string): string {
  if (reason !== STALLED) return reason;
  return (
    `its worker stopped ${STALLS_ALLOWED + 1} times while running it (killed, its machine gone, out of memory, or cut off from Redis longer than --lock-duration): ` +
    "look at the workers' logs and memory, then `subloc catalog enqueue` its config again to try it again; what was drafted is kept in the memory"
  );
}

/**
 * The first language a finished job's report lists as refused (a translator's edit its files would lose), if any. Such
 * a language job completes with its refusal, so that its film's job, which runs only once every language job has
 * completed, writes `run.json` listing it as `localize` does; the catalog shows it failed, for its reason, and `catalog
 * enqueue` runs it again, and its film's job after it.
 */
export function refusalIn(report: RunReport | null | undefined): RefusedLanguage | undefined {
  return report?.refused?.[0];
}
