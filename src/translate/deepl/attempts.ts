import { SublocError } from '../../errors.js';
import { messages } from './messages.js';
import { askedToWait } from './retry-after.js';

/**
 * Attempts of one request, the first included. subloc makes each one itself
 * and deepl-node tries once (`maxRetries: 1`): behind a gate each attempt
 * waits its turn, since deepl-node's own retries would pass the gate by and
 * a rate shared by many workers would be exceeded just when DeepL asks for
 * less (429); and a stopped run (Ctrl-C) makes no further attempt, where
 * deepl-node would go on trying a request for most of a minute.
 */
export const ATTEMPTS = 5;

/**
 * The wait before attempt `attempt` + 1 after `error`: deepl-node's own
 * backoff (1 s, × 1.6, ± 23 %), or the server's `Retry-After` when it asks
 * for longer (deepl-node ignores it; a rate limit's 429 says how long it lasts).
 */
export function retryDelayMs(attempt: number, error: unknown): number {
  const backoff = 1000 * 1.6 ** (attempt - 1) * (1 + 0.23 * (2 * Math.random() - 1));
  return Math.max(backoff, askedToWait(error) ?? 0);
}

/**
 * The failure of a run the user stopped: stopped, whatever else failed on
 * the way out (a request on its way that timed out, a glossary sync that
 * could not end), which is its cause.
 */
export function interruptedError(cause?: unknown): SublocError {
  if (cause instanceof SublocError && (cause.code === 'INTERRUPTED' || cause.code === 'MEMORY_LOCK_LOST')) return cause;
  if (cause === undefined) return new SublocError('INTERRUPTED', messages.interrupted());
  return new SublocError('INTERRUPTED', messages.interrupted(true), { cause });
}

/** The failure of a stopped call: the stop's own reason when it gives one (the run's memory lock lost), else the user's Ctrl-C. */
export function stoppedBy(stop: AbortSignal): SublocError {
  return stop.reason instanceof SublocError ? stop.reason : interruptedError();
}

/** Waits `ms`, or less when `stop` aborts first. */
export function pause(ms: number, stop?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      stop?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    stop?.addEventListener('abort', done, { once: true });
  });
}
