import { AsyncLocalStorage } from 'node:async_hooks';
import { subscribe } from 'node:diagnostics_channel';
import type { ClientRequest, IncomingMessage } from 'node:http';

/** The longest wait a `Retry-After` is followed for: a server asking for more is asked again after this. */
export const RETRY_AFTER_CAP_MS = 60_000;

/** The `Retry-After` of the last answer to one call's HTTP requests. */
interface Heard {
  retryAfter?: string | undefined;
}

const calls = new AsyncLocalStorage<Heard>();
const heardBy = new WeakMap<ClientRequest, Heard>();
const askedOf = new WeakMap<object, number>();

// deepl-node keeps no header of an answer it turns into an error: each is read here, as Node's HTTP client
// receives it, for the call whose request it answers (a request starts within its call's async context).
subscribe('http.client.request.start', (message) => {
  const heard = calls.getStore();
  if (heard !== undefined) heardBy.set((message as { request: ClientRequest }).request, heard);
});
subscribe('http.client.response.finish', (message) => {
  const { request, response } = message as { request: ClientRequest; response: IncomingMessage };
  const heard = heardBy.get(request);
  if (heard !== undefined) heard.retryAfter = response.headers['retry-after'];
});

/** A `Retry-After` value (seconds, or an HTTP date) as the ms to wait from `now`, at most RETRY_AFTER_CAP_MS; undefined when unreadable. */
export function retryAfterMs(value: string, now: number): number | undefined {
  const text = value.trim();
  const ms = /^\d+$/.test(text) ? Number(text) * 1000 : Date.parse(text) - now;
  return Number.isFinite(ms) ? Math.min(RETRY_AFTER_CAP_MS, Math.max(0, ms)) : undefined;
}

/**
 * A DeepL call whose failure remembers the `Retry-After` its answer carried
 * (see `askedToWait`).
 */
export async function heeding<T>(call: () => Promise<T>): Promise<T> {
  const heard: Heard = {};
  try {
    return await calls.run(heard, call);
  } catch (error) {
    const ms = heard.retryAfter === undefined ? undefined : retryAfterMs(heard.retryAfter, Date.now());
    if (ms !== undefined && typeof error === 'object' && error !== null) askedOf.set(error, ms);
    throw error;
  }
}

/** How long the server asked to wait before the next attempt (its `Retry-After`, capped), when it said. */
export function askedToWait(error: unknown): number | undefined {
  return typeof error === 'object' && error !== null ? askedOf.get(error) : undefined;
}
