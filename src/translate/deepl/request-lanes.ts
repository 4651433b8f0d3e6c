import pLimit from 'p-limit';
import { pause } from './attempts.js';

/**
 * `first`: a language's first requests. `finishing`: what answered first
 * requests call for (units asked again cue by cue, the second pass to the
 * budgets).
 */
export type Lane = 'first' | 'finishing';

/**
 * One run's DeepL requests: at most `concurrency` in flight, finishing work
 * before first requests. A request's answer reaches its caller only after
 * the slot it freed has been taken, so reading, checking and storing it
 * never holds back the next request; unless `readFirst` says, when the
 * answer comes, that reading it may queue finishing work, which should have
 * that slot.
 */
export interface RequestLanes {
  run<A, R>(lane: Lane, task: (arg: A) => Promise<R>, arg: A, readFirst?: () => boolean): Promise<R>;
  /**
   * Holds every request of the run for `ms`: DeepL asked one of them to
   * slow down (429), and the others firing on would only meet 429s too.
   * A later hold that ends sooner does not shorten it.
   */
  hold(ms: number): void;
  /** Resolves when no hold is on, at once or when the last one ends; sooner when `stop` aborts. Awaited before each attempt leaves. */
  clear(stop?: AbortSignal): Promise<void>;
}

/**
 * Two turns of the event loop: the first begins before the freed slot's own
 * turn (see `next`), the second after it, when the next request has left.
 */
function afterNextLeaves(hand: () => void): void {
  setImmediate(() => setImmediate(hand));
}

/**
 * Languages are drafted side by side and queue all their first requests at
 * once. In arrival order alone, a language's finishing requests would wait
 * behind every other language's first ones, so every language would end at
 * the end of the run and all would be assembled, checked and written then,
 * one after another, while no request is in flight. Taken first, they let
 * the languages end one by one, each written while the next still drafts.
 */
export function requestLanes(concurrency: number): RequestLanes {
  const limit = pLimit(Math.max(1, concurrency));
  const waiting: Record<Lane, (() => Promise<void>)[]> = { finishing: [], first: [] };
  // One slot asked of p-limit per task, and each slot runs the most urgent task waiting when it opens.
  const pick = (): Promise<void> => (waiting.finishing.shift() ?? waiting.first.shift())!();
  // A slot an answer frees looks a turn of the event loop later: an answer read at once queues its language's
  // finishing work only after a few promise steps of its own. A slot that is free already is taken at once:
  // nothing is on its way to claim it, and the turn would let every other task queued meanwhile (preparing
  // other languages) go before the first requests.
  const next = async (): Promise<void> => {
    await new Promise((resolve) => setImmediate(resolve));
    await pick();
  };
  let heldUntil = 0;
  return {
    hold(ms) {
      heldUntil = Math.max(heldUntil, performance.now() + ms);
    },
    async clear(stop) {
      for (let left = heldUntil - performance.now(); left > 0 && !stop?.aborted; left = heldUntil - performance.now()) await pause(left, stop);
    },
    run(lane, task, arg, readFirst) {
      return new Promise((resolve, reject) => {
        const hand = (handOver: () => void) => (readFirst?.() ? handOver() : afterNextLeaves(handOver));
        waiting[lane].push(() =>
          task(arg).then(
            (value) => hand(() => resolve(value)),
            (error: unknown) => hand(() => reject(error)),
          ),
        );
        void limit(limit.activeCount < limit.concurrency ? pick : next);
      });
    },
  };
}
