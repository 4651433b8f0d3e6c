import { STATUS_CODES } from 'node:http';
import { excerpt } from '../../formats/shared/excerpt.js';

/**
 * What a plain `DeepLError` says, read from its message: deepl-node gives it
 * no status field, only words (`checkStatusCode`, `parsing.ts`):
 * `Service unavailable, message: …`, `Unexpected status code: 502 Bad
 * Gateway, message: …, content: …`, `Error parsing response JSON: …`.
 */
export type PlainError =
  /** An HTML page not a 5xx (a captive portal) or JSON cut short, where DeepL answers JSON: `answered` says which. */
  | { kind: 'not-json'; answered: string }
  /** A 5xx, whatever its body (JSON, text, a gateway's HTML page), and what the server said. */
  | { kind: 'server'; status: string; said: string | undefined }
  /** A 404 outside glossaries: no DeepL API at the address asked. */
  | { kind: 'not-found' }
  /** Anything else, in deepl-node's words without the body said twice. */
  | { kind: 'other'; message: string };

/** The statuses deepl-node names in words of its own, not by number. */
const STATUS_IN_WORDS: Readonly<Record<string, number>> = { 'Bad request': 400, 'Not found': 404, 'Service unavailable': 503 };
const PARSE_FAILED = 'Error parsing response JSON: ';
const HTML = /^\s*<(?:!doctype\s+html|html)\b/i;

/** `502 Bad Gateway` from deepl-node's words before the content it appends, when they name a status. */
function statusOf(head: string): string | undefined {
  const status = /^Unexpected status code: (\d{3})/.exec(head)?.[1] ?? STATUS_IN_WORDS[head]?.toString();
  return status === undefined ? undefined : `${status} ${STATUS_CODES[status] ?? ''}`.trim();
}

/** What a body JSON.parse refused was, from its error: an HTML page, or JSON cut short or malformed. */
export function notJsonAnswer(parseError: string): string {
  const detail = parseError.replace(/^\w*Error: /, '');
  return detail.startsWith("Unexpected token '<'") ? '200 with an HTML page' : `200 with malformed or truncated JSON (${excerpt(detail, 80)})`;
}

export function readPlainError(message: string): PlainError {
  if (message.startsWith(PARSE_FAILED)) return { kind: 'not-json', answered: notJsonAnswer(message.slice(PARSE_FAILED.length)) };
  const comma = message.indexOf(', ');
  // DeepL's own 404s name what is missing (a glossary a translation names); a bare one is another server's.
  if ((comma < 0 ? message : message.slice(0, comma)) === 'Not found' && !/glossary/i.test(message)) return { kind: 'not-found' };
  if (comma < 0) return { kind: 'other', message };
  const head = message.slice(0, comma);
  const status = statusOf(head);
  // deepl-node appends the whole body again after `content:` for statuses it has no words for.
  const said = message.slice(comma + 2).replace(/, content: [\s\S]*$/, '');
  if (HTML.test(said)) {
    const title = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(said)?.[1]?.replace(/\s+/g, ' ').trim();
    const page = `an HTML page${title ? ` (${JSON.stringify(excerpt(title))})` : ''}`;
    // A gateway's or load balancer's error page is the usual shape of a passing 5xx on the way to DeepL: a server
    // error, tried again like any other. deepl-node puts the whole page in its message, twice for some statuses:
    // said here in one line.
    if (status?.startsWith('5')) return { kind: 'server', status, said: page };
    return { kind: 'not-json', answered: `${status ?? 'an error'} with ${page}` };
  }
  if (status?.startsWith('5')) return { kind: 'server', status, said: said === '' ? undefined : excerpt(said.replace(/^message: /, '').replace(/\s+/g, ' '), 200) };
  // Without a message of DeepL's before it, the body is all there is to show.
  return { kind: 'other', message: said === '' || said.startsWith('content: ') ? message : `${head}, ${said}` };
}
