import { SublocError } from '../../errors.js';

/** DeepL's `/v2/translate` limits (developers.deepl.com, "Translating large volumes of text"). */
export interface BatchLimits {
  /** @default 50 */
  maxTexts: number;
  /** Bytes of form-encoded request body. @default 131072 */
  maxBodyBytes: number;
}

export const DEEPL_LIMITS: Readonly<BatchLimits> = Object.freeze({ maxTexts: 50, maxBodyBytes: 128 * 1024 });

/** Texts `start` (inclusive) to `end` (exclusive), sent as one request. */
export interface Batch {
  start: number;
  end: number;
  /** The request's `context`, when it fits. */
  context: string | undefined;
  /** The form-encoded body the request will have, in bytes. */
  bodyBytes: number;
}

export type Param = readonly [name: string, value: string];

export interface PlanOptions {
  /** Every parameter of the request but `text` and `context`. */
  fixedParams?: readonly Param[];
  /** The context for a batch of texts `start..end`; undefined for none. */
  contextFor?: (start: number, end: number) => string | undefined;
  limits?: BatchLimits;
  /** Names text `i` in an error message (a unit id). */
  nameOf?: (index: number) => string;
}

const UNRESERVED = /[A-Za-z0-9*\-._]/;

/**
 * Length of `value` in an `application/x-www-form-urlencoded` body as
 * URLSearchParams (and so deepl-node, through axios) writes it: alphanumerics
 * and `*-._` stay, a space becomes `+`, every other UTF-8 byte becomes `%XX`.
 * A CJK character is 3 UTF-8 bytes, so 9 bytes of body.
 */
export function formEncodedLength(value: string): number {
  let n = 0;
  for (const ch of value) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x80) n += ch === ' ' || UNRESERVED.test(ch) ? 1 : 3;
    else if (cp < 0x800) n += 6;
    // Lone surrogates are written as U+FFFD, also 3 bytes.
    else if (cp < 0x10000) n += 9;
    else n += 12;
  }
  return n;
}

function paramLength(name: string, value: string): number {
  return formEncodedLength(name) + 1 + formEncodedLength(value);
}

/**
 * Splits texts into consecutive batches that DeepL accepts: at most
 * `maxTexts` texts and `maxBodyBytes` of body each, counting the fixed
 * parameters, every `text=` and the batch's own `context`. Greedy: each
 * batch takes as many texts as fit. A batch of one text whose context does
 * not fit is sent without context; a text that does not fit alone is an error.
 */
export function planBatches(texts: readonly string[], options: PlanOptions = {}): Batch[] {
  const limits = options.limits ?? DEEPL_LIMITS;
  const fixed = options.fixedParams ?? [];
  const fixedBytes = fixed.reduce((sum, [k, v]) => sum + paramLength(k, v), 0);
  const textBytes = texts.map((t) => paramLength('text', t));
  const separators = (params: number) => Math.max(0, params - 1);
  const size = (start: number, end: number, textSum: number, context: string | undefined) => {
    const params = fixed.length + (end - start) + (context === undefined ? 0 : 1);
    return fixedBytes + textSum + (context === undefined ? 0 : paramLength('context', context)) + separators(params);
  };

  const batches: Batch[] = [];
  let start = 0;
  while (start < texts.length) {
    let sum = textBytes[start]!;
    let context = options.contextFor?.(start, start + 1);
    let bytes = size(start, start + 1, sum, context);
    if (bytes > limits.maxBodyBytes && context !== undefined) {
      context = undefined;
      bytes = size(start, start + 1, sum, undefined);
    }
    if (bytes > limits.maxBodyBytes) {
      const name = options.nameOf?.(start) ?? `text ${start + 1} of ${texts.length}`;
      throw new SublocError(
        'DEEPL_TEXT_TOO_LARGE',
        `${name} is ${bytes} bytes form-encoded in one request, DeepL accepts at most ${limits.maxBodyBytes}; ` +
          `split it into shorter cues`,
      );
    }
    let end = start + 1;
    while (end < texts.length && end - start < limits.maxTexts) {
      const nextSum = sum + textBytes[end]!;
      const nextContext = options.contextFor?.(start, end + 1);
      const nextBytes = size(start, end + 1, nextSum, nextContext);
      if (nextBytes > limits.maxBodyBytes) break;
      end++;
      sum = nextSum;
      context = nextContext;
      bytes = nextBytes;
    }
    batches.push({ start, end, context, bodyBytes: bytes });
    start = end;
  }
  return batches;
}
