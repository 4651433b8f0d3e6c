import { ArgumentError, AuthorizationError, ConnectionError, DeepLError, GlossaryNotFoundError, QuotaExceededError, TooManyRequestsError } from 'deepl-node';
import { SublocError, type ErrorCode } from '../../errors.js';
import { messages } from './messages.js';
import { notJsonAnswer, readPlainError, type PlainError } from './plain-error.js';

/** What an error message may name (the server tried), and how to scrub the key from anything DeepL or axios said. */
export interface FailureContext {
  serverUrl: string;
  redact(text: string): string;
}

const REFUSED = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);
/** axios's timeout of an attempt (`timeout of 10000ms exceeded`), and the system's for a connection. */
const TIMED_OUT = new Set(['ECONNABORTED', 'ETIMEDOUT']);

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The key, and the header that carries it, replaced wherever they appear:
 * in any case, percent-encoded as a server may echo it from a form body, and
 * without its `:fx` (free-account) suffix, the part that is the secret.
 */
export function redact(text: string, authKey: string): string {
  const scrubbed = text.replace(/DeepL-Auth-Key\s+\S+/g, 'DeepL-Auth-Key [redacted]');
  if (authKey === '') return scrubbed;
  const secret = authKey.replace(/:fx$/i, '');
  const forms = [...new Set([authKey, encodeURIComponent(authKey), secret, encodeURIComponent(secret)])].filter((f) => f.length >= 4);
  // Longest first, so the whole key goes before the part of it.
  forms.sort((a, b) => b.length - a.length);
  return scrubbed.replace(new RegExp(forms.map(escapeRegExp).join('|'), 'gi'), '[redacted]');
}

/** The system error code (`ECONNREFUSED` …) of the transport error deepl-node wraps, when there is one. */
function systemCodeOf(error: ConnectionError): string | undefined {
  const code = (error.error as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
}

type ErrorClass = abstract new (...args: never[]) => DeepLError;
type Failure = readonly [ErrorCode, string];

/**
 * deepl-node throws one class per failure (`checkStatusCode`): each maps to a
 * code and a message here, most specific class first. A plain `DeepLError`
 * (400, 404 outside glossaries, 503, any other status) carries no status
 * field, so its own message, which names the status, is shown scrubbed.
 */
const BY_CLASS: ReadonlyArray<readonly [ErrorClass, (error: DeepLError, url: string, scrub: (text: string) => string, request: string | undefined) => Failure]> = [
  [
    ConnectionError,
    (error, url, scrub) => {
      const code = systemCodeOf(error as ConnectionError);
      if (code !== undefined && REFUSED.has(code)) return ['DEEPL_UNREACHABLE', messages.refused(url, code)];
      if (code !== undefined && TIMED_OUT.has(code)) return ['DEEPL_FAILED', messages.timeout(url, scrub(error.message.replace(/^Connection failure: /, '')))];
      return ['DEEPL_FAILED', messages.connection(url, scrub(code ?? error.message))];
    },
  ],
  [QuotaExceededError, () => ['DEEPL_QUOTA', messages.quota()]],
  [AuthorizationError, () => ['DEEPL_AUTH', messages.auth()]],
  [TooManyRequestsError, (_, url) => ['DEEPL_FAILED', messages.tooManyRequests(url)]],
  [GlossaryNotFoundError, (_, url) => ['DEEPL_FAILED', messages.glossaryNotFound(url)]],
  [ArgumentError, (error, _, scrub) => ['DEEPL_FAILED', messages.argument(scrub(error.message))]],
  [
    DeepLError,
    (error, url, scrub, request) => {
      // Scrubbed before it is read: an excerpt could cut the key in two, and neither half would be found.
      const said = scrub(error.message);
      const plain = readPlainError(said);
      // An answer cut short DeepL translated and billed: not asked again, as one altered (see translateUnits).
      if (plain.kind === 'not-json') return [cutShort(plain) ? 'DEEPL_ANSWER_MISMATCH' : 'DEEPL_FAILED', messages.notJson(url, plain.answered)];
      if (plain.kind === 'server') return ['DEEPL_FAILED', messages.serverError(url, plain.status, plain.said)];
      if (plain.kind === 'not-found') return ['DEEPL_UNREACHABLE', messages.notFound(url)];
      // A status about this request (400: DeepL refused what it was sent): which request it was.
      return ['DEEPL_FAILED', request === undefined ? messages.failed(plain.message) : messages.requestFailed(plain.message, request)];
    },
  ],
];

/**
 * Every failure of a DeepL call as a SublocError, here and nowhere else.
 * The original error is not kept as `cause`: deepl-node attaches the axios
 * error, whose request config holds the `Authorization` header. The cause is
 * a scrubbed copy with the original class name.
 */
export function deeplFailure(error: unknown, context: FailureContext, request?: string): SublocError {
  if (error instanceof SublocError) return error;
  const scrub = (text: string) => context.redact(text);
  const cause = new Error(scrub(error instanceof Error ? error.message : String(error)));
  cause.name = error instanceof Error ? error.constructor.name : 'Error';
  const [code, message] =
    error instanceof DeepLError
      ? BY_CLASS.find(([type]) => error instanceof type)![1](error, scrub(context.serverUrl), scrub, request)
      : // deepl-node's glossary calls parse the body themselves: a proxy's page there is a bare SyntaxError.
        error instanceof SyntaxError
        ? (['DEEPL_FAILED', messages.notJson(scrub(context.serverUrl), notJsonAnswer(cause.message))] as const)
        : (['DEEPL_FAILED', messages.failed(cause.message)] as const);
  return new SublocError(code, message, { cause });
}

/** deepl-node reads the body only of a 200: JSON that cannot be read there is DeepL's answer, translated and billed, cut short on its way. */
const cutShort = (plain: PlainError) => plain.kind === 'not-json' && plain.answered.startsWith('200 with malformed');

/**
 * Whether DeepL may have translated, and billed, a request that failed: its
 * connection broke or timed out after it could have arrived, a gateway gave
 * up waiting for it (504), or its 200 answer was cut short. A refused
 * connection, or any other answer of DeepL's (a status), bills nothing.
 */
export function mayHaveBilled(error: unknown): boolean {
  if (error instanceof DeepLError && error.constructor === DeepLError) {
    const plain = readPlainError(error.message);
    // A gateway's timeout: DeepL may have finished the request after the gateway stopped waiting for it.
    return cutShort(plain) || (plain.kind === 'server' && plain.status.startsWith('504'));
  }
  if (!(error instanceof ConnectionError)) return false;
  const code = systemCodeOf(error);
  return code === undefined || !REFUSED.has(code);
}

/** The transport failures deepl-node would try again (its `RETRYABLE_AXIOS_ERROR_CODES`): subloc makes those attempts. */
const RETRIED_CONNECTION = new Set(['ETIMEDOUT', 'ECONNABORTED', 'ECONNRESET', 'EPIPE', 'EAI_AGAIN']);

/**
 * Whether another attempt may get past a failure, as deepl-node judges it
 * for its own retries: DeepL asking to slow down (429), a server error
 * (5xx), a connection that broke or timed out.
 */
export function worthAnotherAttempt(error: unknown): boolean {
  if (error instanceof TooManyRequestsError) return true;
  if (error instanceof ConnectionError) return RETRIED_CONNECTION.has(systemCodeOf(error) ?? '');
  if (error instanceof DeepLError && error.constructor === DeepLError) return readPlainError(error.message).kind === 'server';
  return false;
}

/** Whether DeepL asked to slow down (429): then every request of the run waits, not only the one it answered. */
export function askedToSlowDown(error: unknown): boolean {
  return error instanceof TooManyRequestsError;
}

/**
 * Whether DeepL refused a request for what it was sent (400, deepl-node's
 * `Bad request`): about one of its texts, or about its parameters; asking
 * for its texts apart tells which. Billed nothing.
 */
export function refusedAsSent(error: unknown): boolean {
  return error instanceof DeepLError && error.constructor === DeepLError && /^Bad request(?:,|$)/.test(error.message);
}

/**
 * A failure a request naming a deleted glossary may meet: deepl-node reads
 * any status of `/v2/translate` it has no class for (404, 400) as a plain
 * `DeepLError`, and a 404 of the glossary endpoints as `GlossaryNotFoundError`.
 * Whether the glossary is indeed gone is then asked, not guessed from the text.
 */
export function mayBeGlossaryGone(error: unknown): boolean {
  return error instanceof GlossaryNotFoundError || (error instanceof DeepLError && error.constructor === DeepLError);
}

/** What DeepL said refusing a request (see refusedAsSent), scrubbed, for a finding on the text it refused. */
export function refusalReason(error: unknown, context: FailureContext): string {
  const plain = readPlainError(context.redact(error instanceof Error ? error.message : String(error)));
  return plain.kind === 'other' ? plain.message : context.redact(String(error));
}
