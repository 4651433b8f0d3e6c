import { Redis } from 'ioredis';
import { SublocError } from '../errors.js';

/** Where the queue lives when neither `--redis` nor `SUBLOC_REDIS` says. */
export const DEFAULT_REDIS = 'redis://127.0.0.1:6379';

/** `--redis`, else `SUBLOC_REDIS`, else a Redis on this machine. */
export function redisUrl(option: string | undefined, env: Readonly<Record<string, string | undefined>>): string {
  const url = [option, env['SUBLOC_REDIS']].find((u) => u !== undefined && u.trim() !== '')?.trim() ?? DEFAULT_REDIS;
  if (!/^rediss?:\/\//.test(url)) throw new SublocError('USAGE', `\`${shownUrl(url)}\` is not a Redis URL; expected redis://host:port (or rediss:// for TLS), e.g. ${DEFAULT_REDIS}`);
  return url;
}

/** The URL without its user and password, nor a `password` parameter (ioredis takes one), for messages. */
export function shownUrl(url: string): string {
  return (
    url
      // Up to the last `@`: a password may hold one, or a `/`, `?` or `#` its writer forgot to encode (over-masking is the safe side).
      .replace(/^([a-z][a-z0-9+.-]*:\/*).*@/i, '$1[redacted]@')
      .replace(/([?&]password=)[^&#]*/gi, '$1[redacted]')
  );
}

/**
 * A connection BullMQ can share (it needs `maxRetriesPerRequest: null`),
 * connected before it is returned: a Redis that cannot be reached fails the
 * command at once with what to do, instead of retrying forever.
 */
export async function connectRedis(url: string): Promise<Redis> {
  let redis: Redis;
  try {
    redis = new Redis(url, { maxRetriesPerRequest: null, lazyConnect: true, retryStrategy: () => null });
  } catch (cause) {
    throw new SublocError('USAGE', `\`${shownUrl(url)}\` is not a Redis URL subloc can read (${(cause as Error).message}); expected redis://[user:password@]host:port[/db], with a /, ?, # or @ in the password percent-encoded (%2F, %3F, %23, %40)`, { cause });
  }
  // The socket's own error (ECONNREFUSED…) says more than connect()'s "Connection is closed"; later ones BullMQ handles.
  let socketError: Error | undefined;
  redis.on('error', (error: Error) => (socketError ??= error));
  try {
    await redis.connect();
  } catch (cause) {
    redis.disconnect();
    throw new SublocError('QUEUE_UNREACHABLE', `cannot reach Redis at ${shownUrl(url)} (${(socketError ?? (cause as Error)).message}); expected a running redis-server there: start one, or pass --redis <url> or set SUBLOC_REDIS`, { cause });
  }
  // ioredis selects the URL's database as it connects, and a SELECT the server refuses (`/99` where it has 16) only
  // reaches the error event: the queue would be read from database 0 without a word.
  const db = redis.options.db ?? 0;
  if (db !== 0) {
    try {
      await redis.select(db);
    } catch (cause) {
      redis.disconnect();
      throw new SublocError('QUEUE_UNREACHABLE', `Redis at ${shownUrl(url)} has no database ${db} (${(cause as Error).message}); expected a database index the server has (0 to 15 by default)`, { cause });
    }
  }
  // Connected: from now on a dropped connection is retried, as BullMQ expects of its connections.
  redis.options.retryStrategy = (times) => Math.min(times * 200, 2_000);
  return redis;
}
