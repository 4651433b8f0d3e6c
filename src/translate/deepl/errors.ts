import { AuthorizationError, ConnectionError, DeepLError, GlossaryNotFoundError, QuotaExceededError, TooManyRequestsError } from 'deepl-node';
import { SublocError } from '../../errors.js';
import { messages } from './messages.js';

/** What an error message may name (the server tried), and how to scrub the key from anything DeepL or axios said. */
export interface FailureContext {
  serverUrl: string;
  redact(text: string): string;
}

const REFUSED = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

/** The key, and the header that carries it, replaced wherever they appear. */
export function redact(text: string, authKey: string): string {
  const scrubbed = text.replace(/DeepL-Auth-Key\s+\S+/g, 'DeepL-Auth-Key [redacted]');
  return authKey === '' ? scrubbed : scrubbed.split(authKey).join('[redacted]');
}

/** deepl-node keeps no status field; its messages start with one per status (`checkStatusCode`). */
function statusOf(error: DeepLError): number | undefined {
  if (error instanceof AuthorizationError) return 403;
  if (error instanceof QuotaExceededError) return 456;
  if (error instanceof TooManyRequestsError) return 429;
  if (error instanceof GlossaryNotFoundError) return 404;
  const m = /^(Bad request|Not found|Service unavailable)|^Unexpected status code: (\d+)/.exec(error.message);
  if (m?.[2] !== undefined) return Number(m[2]);
  return m?.[1] === 'Bad request' ? 400 : m?.[1] === 'Not found' ? 404 : m?.[1] === 'Service unavailable' ? 503 : undefined;
}

/** DeepL's own words after deepl-node's prefix (`…, message: Quota exceeded`), for the user. */
function detailOf(error: DeepLError): string {
  const m = /, message: (.*)$/s.exec(error.message);
  return m ? m[1]!.trim() : error.message;
}

function codeOf(error: ConnectionError): string | undefined {
  const inner = (error as { error?: unknown }).error;
  const code = typeof inner === 'object' && inner !== null ? (inner as { code?: unknown }).code : undefined;
  return typeof code === 'string' ? code : undefined;
}

/**
 * Every failure of a DeepL call as a SublocError, here and nowhere else.
 * The original error is not kept as `cause`: deepl-node attaches the axios
 * error, whose request config holds the `Authorization` header. The cause is
 * a scrubbed copy with the original class name.
 */
export function deeplFailure(error: unknown, context: FailureContext): SublocError {
  if (error instanceof SublocError) return error;
  const scrub = (text: string) => context.redact(text);
  const cause = new Error(scrub(error instanceof Error ? error.message : String(error)));
  cause.name = error instanceof Error ? error.constructor.name : 'Error';
  const url = scrub(context.serverUrl);

  if (error instanceof ConnectionError) {
    const code = codeOf(error);
    if (code !== undefined && REFUSED.has(code)) return new SublocError('DEEPL_UNREACHABLE', messages.refused(url, code), { cause });
    return new SublocError('DEEPL_FAILED', messages.connection(url, scrub(code ?? error.message)), { cause });
  }
  if (error instanceof QuotaExceededError) {
    const detail = detailOf(error);
    return new SublocError('DEEPL_QUOTA', messages.quota(detail === error.message ? '' : ` (${scrub(detail)})`), { cause });
  }
  if (error instanceof AuthorizationError) return new SublocError('DEEPL_AUTH', messages.auth(), { cause });
  if (error instanceof DeepLError) return new SublocError('DEEPL_FAILED', messages.failed(statusOf(error), scrub(detailOf(error))), { cause });
  return new SublocError('DEEPL_FAILED', messages.failed(undefined, cause.message), { cause });
}
