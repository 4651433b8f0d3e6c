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
 * Attempts of one request behind a gate, each at the gate: deepl-node then
 * tries once (`maxRetries: 1`), since its own retries would pass the gate by,
 * and a rate shared by many workers would be exceeded just when DeepL asks
 * for less (429), a budget charged one attempt for five.
 */
export const GATED_ATTEMPTS = 5;

/** The wait before attempt `attempt` + 1 behind a gate: deepl-node's own backoff (1 s, × 1.6, ± 23 %). */
export function gatedRetryDelayMs(attempt: number): number {
  return 1000 * 1.6 ** (attempt - 1) * (1 + 0.23 * (2 * Math.random() - 1));
}

/**
 * A request that bills nothing (a glossary request), sent after its turn at
 * the gate: it counts against the shared rate like any other, each attempt
 * (`retryable` says which failures get another, up to `GATED_ATTEMPTS`).
 */
export async function unbilled<T>(gate: DeepLGate | undefined, request: () => Promise<T>, retryable: (error: unknown) => boolean = () => false): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    await (await gate?.acquire(0))?.settle(0);
    try {
      return await request();
    } catch (error) {
      if (gate === undefined || attempt >= GATED_ATTEMPTS || !retryable(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, gatedRetryDelayMs(attempt)));
    }
  }
}
