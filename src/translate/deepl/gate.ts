import { pause, retryDelayMs, stoppedBy } from './attempts.js';
import { askedToSlowDown, worthAnotherAttempt } from './errors.js';
import type { RequestLanes } from './request-lanes.js';
import { heeding } from './retry-after.js';

/**
 * What holds DeepL's limits across processes: every request waits at the
 * gate for the shared request rate and reserves its characters of the
 * shared budget, then says what DeepL billed for it. The workers fill it
 * from Redis; a run on one machine passes none.
 */
export interface DeepLGate {
  /**
   * Resolves when a request of at most `characters` billable characters may
   * leave; rejects with a `DEEPL_BUDGET` SublocError when the budget cannot
   * take them. The request then bills nothing and is not sent.
   */
  acquire(characters: number): Promise<DeepLPermit>;
}

export interface DeepLPermit {
  /**
   * What DeepL reported billed for the request: 0 when DeepL refused it or it never arrived, the reservation when its
   * fate is unknown (a timeout, a broken connection). The reservation becomes exactly this.
   */
  settle(billedCharacters: number): Promise<void>;
}

/** A tag, or a character reference (`&amp;`, one character of the text). */
const MARKUP = /<[^>]*>|&(#\d+|#x[\da-f]+|\w+);/gi;

/**
 * What DeepL bills for these texts, sent with `tag_handling=xml` as every
 * subloc request is: the code points outside the tags, a character
 * reference counting as the one character it stands for (DeepL support,
 * "Usage count and billing"). Counting the `<c n max>` markup too reserved
 * three times the bill, and the last thousands of a budget could never be spent.
 */
export function billableAtMost(texts: readonly string[]): number {
  return texts.reduce((n, text) => n + [...text.replace(MARKUP, (ref, entity: string | undefined) => (entity === undefined ? '' : '&'))].length, 0);
}

/**
 * A request that bills nothing (a glossary request), sent after its turn at
 * the gate: it counts against the shared rate like any other, each attempt.
 * A failure `worthAnotherAttempt` gets another, up to `attempts`; none is
 * made once `stop` aborts. A 429 holds the run's `lanes` as it holds this request.
 */
export async function unbilled<T>(
  gate: DeepLGate | undefined,
  request: () => Promise<T>,
  options: { attempts: number; stop?: AbortSignal | undefined; lanes?: RequestLanes | undefined },
): Promise<T> {
  const { attempts, stop, lanes } = options;
  for (let attempt = 1; ; attempt++) {
    if (stop?.aborted) throw stoppedBy(stop);
    await (await gate?.acquire(0))?.settle(0);
    await lanes?.clear(stop);
    if (stop?.aborted) throw stoppedBy(stop);
    try {
      return await heeding(request);
    } catch (error) {
      if (attempt >= attempts || !worthAnotherAttempt(error) || stop?.aborted) throw error;
      const wait = retryDelayMs(attempt, error);
      if (askedToSlowDown(error)) lanes?.hold(wait);
      await pause(wait, stop);
    }
  }
}
