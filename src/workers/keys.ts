/** The BullMQ queue every catalog job is on: one per Redis, like the one DeepL account it shares. */
export const QUEUE = 'subloc-catalog';

/** Job names: a film's job runs once its languages' jobs are done (a BullMQ flow). */
export const FILM_JOB = 'film';
export const LANGUAGE_JOB = 'language';

/** subloc's own Redis keys beside BullMQ's. */
export const KEYS = {
  /** Hash: `rate` (requests/s), `budget` (characters), `period` (`month` | `day`). */
  settings: 'subloc:catalog:settings',
  /** Sorted set of the recent DeepL requests' times: the global rate's sliding window. */
  requests: 'subloc:catalog:requests',
  /** Characters DeepL billed in one budget period (`2026-12`, `2026-12-06`): every bill counts in its day and its month. */
  used: (period: string) => `subloc:catalog:used:${period}`,
  /** Hash: characters reserved by each request in flight (by permit id), whatever the budget's period. */
  reserved: 'subloc:catalog:reserved',
  /** Sorted set: when each reservation lapses, should its worker die before it settles. */
  reservedUntil: 'subloc:catalog:reserved-until',
  /** Hash: characters billed by job id, every attempt counted. */
  billed: 'subloc:catalog:billed',
  /** Why the queue was paused, shown by `catalog status` until `catalog resume`. */
  pausedReason: 'subloc:catalog:paused-reason',
  /** The job run drafting a unit's text now (see pipeline/unit-claims.ts), by the unit's claim key; it lapses unless renewed. */
  claim: (key: string) => `subloc:catalog:claim:${key}`,
} as const;

/**
 * Job ids from the film, the language and the content hash: BullMQ adds no
 * job whose id it holds, so an unchanged film enqueued again adds nothing.
 * BullMQ refuses `:` in ids; a title may hold one, so it is percent-encoded.
 */
export function filmJobId(title: string, hash: string): string {
  return `${encodeURIComponent(title)}.${hash}`;
}

export function languageJobId(title: string, target: string, hash: string): string {
  return `${encodeURIComponent(title)}.${target}.${hash}`;
}

/** What a catalog job carries: the film's config (an absolute path every worker can read), and a language job's target. */
export interface CatalogJobData {
  config: string;
  title: string;
  target?: string;
  /** The memory the film was enqueued with (`memoryIdentity`): a worker on another one gives the job back. */
  memory?: string;
}
