import { DeepLClient, type AppInfo } from 'deepl-node';
import { SublocError } from '../../errors.js';
import { ATTEMPTS } from './attempts.js';
import { redact } from './errors.js';
import { messages } from './messages.js';

export interface DeepLConnectionOptions {
  /** Where `DEEPL_AUTH_KEY` and `DEEPL_SERVER_URL` are read. @default process.env */
  env?: Readonly<Record<string, string | undefined>>;
  /** Attempts of a request, the first included; 429, 5xx and broken connections get another. @default ATTEMPTS */
  attempts?: number;
  /** Timeout of each attempt, in ms. @default 10000 */
  minTimeout?: number;
  appInfo?: AppInfo;
}

/** A deepl-node client with what error messages may say about it: the server URL, never the key. */
export interface DeepLConnection {
  client: DeepLClient;
  serverUrl: string;
  /** Removes the key from a text that may have come from DeepL, axios or deepl-node. */
  redact(text: string): string;
  /** Attempts of a request, the first included, each made by subloc (deepl-node tries once). */
  attempts: number;
  /** How long an attempt waits for its answer, in ms: a server silent for this long fails it. */
  timeoutMs: number;
}

/**
 * `DEEPL_SERVER_URL` checked: an http(s) address without a user name or
 * password, which every message naming the server would show and DeepL does
 * not take (its key goes in DEEPL_AUTH_KEY). Undefined when unset.
 */
function serverUrlOf(text: string, authKey: string): string | undefined {
  if (text === '') return undefined;
  // A key pasted into the wrong variable (or swapped with DEEPL_AUTH_KEY) must not be echoed back: the key, or any text shaped like one.
  const shown = (value: string) => redact(value, authKey).replace(KEY_SHAPED, '[a DeepL key?]');
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new SublocError('DEEPL_AUTH', messages.serverUrlInvalid(shown(text.replace(/\/\/[^/@]*@/, '//***@'))));
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new SublocError('DEEPL_AUTH', messages.serverUrlInvalid(shown(`${url.protocol}//${url.host}`)));
  if (url.username !== '' || url.password !== '') throw new SublocError('DEEPL_AUTH', messages.serverUrlUserinfo(shown(`${url.protocol}//***@${url.host}${url.pathname === '/' ? '' : url.pathname}`)));
  return text;
}

/** A DeepL authentication key's form: a UUID, `:fx` for API Free. */
const KEY_SHAPED = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(?::fx)?/gi;

/**
 * Connects to DeepL with the key from `DEEPL_AUTH_KEY` (never a file) and
 * `DEEPL_SERVER_URL` when set. Without it the server is DeepL's own, chosen
 * as deepl-node chooses it (keys ending `:fx` are API Free keys).
 */
export function createDeepLConnection(options: DeepLConnectionOptions = {}): DeepLConnection {
  const env = options.env ?? process.env;
  const authKey = (env.DEEPL_AUTH_KEY ?? '').trim();
  if (authKey === '') throw new SublocError('DEEPL_AUTH', messages.keyMissing());
  const serverUrl = serverUrlOf((env.DEEPL_SERVER_URL ?? '').trim(), authKey) ?? (authKey.endsWith(':fx') ? 'https://api-free.deepl.com' : 'https://api.deepl.com');
  const timeoutMs = options.minTimeout ?? 10_000;
  const client = new DeepLClient(authKey, {
    serverUrl,
    // One attempt: subloc makes each attempt itself (see ATTEMPTS), so a stopped run or a gate can hold the next one.
    maxRetries: 1,
    minTimeout: timeoutMs,
    ...(options.appInfo === undefined ? {} : { appInfo: options.appInfo }),
  });
  // deepl-node gives the one attempt its first backoff (1 s) when that is longer.
  return { client, serverUrl, redact: (text) => redact(text, authKey), attempts: Math.max(1, options.attempts ?? ATTEMPTS), timeoutMs: Math.max(timeoutMs, 1000) };
}
