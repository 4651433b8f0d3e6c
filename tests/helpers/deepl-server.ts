/**
 * A DeepL-compatible API server for tests, on 127.0.0.1 and a random port.
 * deepl-node talks to it for real through `serverUrl`; nothing is mocked.
 *
 * It follows DeepL's documented API (developers.deepl.com and the OpenAPI
 * spec in DeepLcom/openapi) wherever deepl-node depends on it:
 * - `POST /v2/translate`, form-urlencoded (`text` repeated) or JSON; at most
 *   50 texts and a 128 KiB body, else 413. Billed characters are the Unicode
 *   code points of the source texts; with `tag_handling` the tags are not
 *   billed (DeepL support, "Usage count and billing"), the text inside
 *   `ignore_tags` elements is (it is still source text). `context` is never
 *   billed. Quota: a request that would pass `characterLimit` answers 456 and
 *   bills nothing.
 * - `/v3/glossaries` (create, list, get, entries, PATCH merge, PUT dictionary,
 *   DELETE glossary and dictionary), form-urlencoded as deepl-node sends it or
 *   JSON as the docs show; `/v2/glossary-language-pairs`.
 * - `GET|POST /v2/usage`, `GET|POST /v2/languages?type=source|target`.
 *
 * Translation is deterministic and recognisable: `[EN-US] ` + each text node
 * upper-cased (see `translateNode`), glossary targets inserted verbatim,
 * tags kept, `ignore_tags` content untouched. Target `EN` and `PT` are
 * accepted as DeepL still does ("unspecified variant for backward
 * compatibility"); deepl-node itself refuses to send them. A translation
 * carries its source text (upper-cased), so a test can tell which cue a
 * translated part came from.
 *
 * `misbehaviour` makes it act like a proxy that alters DeepL's answers (see
 * `Misbehaviour`); the characters are billed as DeepL would bill them.
 *
 * `custom_instructions` (at most 10 of at most 300 characters, targets
 * de/en/es/fr/it/ja/ko/zh and variants only, refused with
 * `model_type=latency_optimized`, else 400 as DeepL documents) are followed
 * the way a model follows them, roughly (see `followInstructions`):
 * - an instruction that says "max characters" makes each `<c max="N">`
 *   element of the answer lose words from its end while its text is longer
 *   than 1.25 × N (`ROUGH_FIT`): a first pass gets near the budget, not in it;
 * - an instruction that says the max "is a hard limit" makes each such
 *   element lose words from its end while its text is longer than N, the
 *   `[XX] ` mark counted with the first element (the cue it ends up in), or
 *   until it is down to one word: a second, stricter pass gets within the budget.
 * Elements holding markup of their own are left whole. Each request's
 * instructions and model type stay in `requests[i].params`.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export const MAX_TEXTS = 50;
export const MAX_BODY_BYTES = 128 * 1024;

const SOURCE_LANGS = [
  'AR', 'BG', 'CS', 'DA', 'DE', 'EL', 'EN', 'ES', 'ET', 'FI', 'FR', 'HE', 'HU', 'ID', 'IT', 'JA', 'KO', 'LT', 'LV', 'NB', 'NL',
  'PL', 'PT', 'RO', 'RU', 'SK', 'SL', 'SV', 'TH', 'TR', 'UK', 'VI', 'ZH',
];
const TARGET_LANGS = [
  ...SOURCE_LANGS.filter((l) => !['EN', 'PT', 'ZH', 'ES'].includes(l)),
  'EN-GB', 'EN-US', 'ES', 'ES-419', 'PT-BR', 'PT-PT', 'ZH', 'ZH-HANS', 'ZH-HANT',
].sort();
/** Listed as deprecated targets by DeepL, accepted but not listed by `/v2/languages`. */
const DEPRECATED_TARGETS = ['EN', 'PT'];
/** REFERENCE.md: formality is refused (400) for other targets unless `prefer_*` is used. */
const FORMALITY_TARGETS = new Set(['DE', 'FR', 'IT', 'ES', 'ES-419', 'NL', 'PL', 'PT-BR', 'PT-PT', 'RU']);
const FORMALITY_VALUES = new Set(['default', 'more', 'less', 'prefer_more', 'prefer_less']);
/** v3 glossaries: every DeepL language but Thai. */
const GLOSSARY_LANGS = SOURCE_LANGS.filter((l) => l !== 'TH').map((l) => l.toLowerCase());
const NAMES: Record<string, string> = {
  AR: 'Arabic', BG: 'Bulgarian', CS: 'Czech', DA: 'Danish', DE: 'German', EL: 'Greek', EN: 'English', 'EN-GB': 'English (British)',
  'EN-US': 'English (American)', ES: 'Spanish', 'ES-419': 'Spanish (Latin American)', ET: 'Estonian', FI: 'Finnish', FR: 'French',
  HE: 'Hebrew', HU: 'Hungarian', ID: 'Indonesian', IT: 'Italian', JA: 'Japanese', KO: 'Korean', LT: 'Lithuanian', LV: 'Latvian',
  NB: 'Norwegian Bokmål', NL: 'Dutch', PL: 'Polish', PT: 'Portuguese', 'PT-BR': 'Portuguese (Brazilian)', 'PT-PT': 'Portuguese (European)',
  RO: 'Romanian', RU: 'Russian', SK: 'Slovak', SL: 'Slovenian', SV: 'Swedish', TH: 'Thai', TR: 'Turkish', UK: 'Ukrainian',
  VI: 'Vietnamese', ZH: 'Chinese', 'ZH-HANS': 'Chinese (simplified)', 'ZH-HANT': 'Chinese (traditional)',
};

/**
 * A fault served instead of the real answer, `times` times (default 1), to requests on `path` (default `/v2/translate`);
 * `misbehave` serves the real answer altered as `misbehaviour` would alter it.
 */
export type Fault =
  /**
   * `contains`: served only to requests a value of whose parameter `in` (default `text`; `custom_instructions` …) contains it, as DeepL refuses what it was sent.
   * `headers`: sent with it (a 429's `Retry-After`).
   */
  | { type: 'status'; status: number; times?: number; path?: string; method?: string; message?: string; detail?: string; contains?: string; in?: string; headers?: Record<string, string> }
  | { type: 'drop'; times?: number; path?: string }
  /** A body served as it is, as a proxy or gateway answers (an HTML error page, JSON cut short). */
  | { type: 'raw'; status: number; contentType: string; body: string; times?: number; path?: string }
  | { type: 'misbehave'; misbehaviour: Misbehaviour; times?: number; path?: string };

/**
 * What an altering proxy between subloc and DeepL does to every `/v2/translate` answer:
 * - `drop-translation`: one translation fewer than texts (the middle one is left out);
 * - `rotate-translations`: as many translations as texts, each text's put where the next text's belongs (the last's first);
 * - `swap-cues`: the first two `<c n>` elements of each text swap places, words and all;
 * - `drop-cue-tags`: every `<c>` tag removed, its words kept;
 * - `empty-cues`: each `<c n>` element's words moved out, after it, leaving it empty;
 * - `invent-cues`: the `[XX] ` prefix wrapped in an invented `<c n>`, numbered past the last;
 * - `unbilled`: `billed_characters` left out of every translation;
 * - `number-text`: each translation's `text` sent as a number.
 */
export type Misbehaviour = 'drop-translation' | 'rotate-translations' | 'swap-cues' | 'drop-cue-tags' | 'empty-cues' | 'invent-cues' | 'unbilled' | 'number-text';

export interface TranslateContext {
  sourceLang: string | undefined;
  targetLang: string;
  /** The raw request parameters, every value of each. */
  params: Map<string, string[]>;
}

export interface FakeDeepLOptions {
  /** The only key accepted; any other gets 403. @default 'test-key:fx' */
  authKey?: string;
  /** Characters billable this period; past it, 456. @default 500000 */
  characterLimit?: number;
  /** Added before each answer, in ms (the benchmark uses 300). @default 0 */
  latencyMs?: number;
  /** Faults served first, in order. */
  faults?: Fault[];
  /**
   * Glossary target codes (`ja`) this server leaves out of its language pairs
   * and refuses in a glossary, as DeepL did before it took a language. @default none
   */
  glossaryTargetsRefused?: string[];
  /** Rewrites each translated text before it is sent: lets a test move or drop tags as DeepL sometimes does. */
  postprocess?: (translated: string, index: number, ctx: TranslateContext) => string;
  /** Alters every answer as a proxy would, after `postprocess`; undefined answers as DeepL does. */
  misbehaviour?: Misbehaviour | undefined;
  /**
   * Holds a request's answer until the promise it returns settles: lets a test see what the client does meanwhile.
   * A request whose client has gone when it settles is neither answered nor billed.
   */
  hold?: (method: string, path: string) => Promise<void> | undefined;
}

export interface RequestRecord {
  method: string;
  path: string;
  status: number;
  bodyBytes: number;
  /** When the request arrived (`Date.now()`, ms): a test checks a request rate from these. */
  at: number;
  /** When its answer was sent (`Date.now()`, ms); 0 while none was. */
  answered: number;
  texts: number;
  context?: string;
  /** Every parameter of a translate request, for assertions on what deepl-node sent. */
  params?: Map<string, string[]>;
}

interface Dictionary {
  sourceLang: string;
  targetLang: string;
  entries: Map<string, string>;
}

interface Glossary {
  id: string;
  name: string;
  creationTime: string;
  dictionaries: Dictionary[];
}

export interface FakeDeepLState {
  requests: RequestRecord[];
  /** `/v2/translate` requests answered 200. */
  translateRequests: number;
  /** Texts translated (answered 200). */
  texts: number;
  /** Characters billed this period (what `/v2/usage` reports). */
  billedCharacters: number;
  inFlight: number;
  maxInFlight: number;
  faults: Fault[];
  glossaries: Map<string, Glossary>;
}

export interface FakeDeepL {
  url: string;
  state: FakeDeepLState;
  /** Live options: tests may change latency, limit or postprocess between requests. */
  options: Required<Omit<FakeDeepLOptions, 'postprocess' | 'faults' | 'misbehaviour' | 'hold' | 'glossaryTargetsRefused'>> & Pick<FakeDeepLOptions, 'postprocess' | 'misbehaviour'>;
  /** Queues a fault for the next matching requests. */
  fail(fault: Fault): void;
  /** Forgets requests and counters (not glossaries). */
  reset(): void;
  stop(): Promise<void>;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly detail?: string,
  ) {
    super(message);
  }
}

/** A `hold` for `start` and its controls: see `heldTranslate`. */
export interface HeldTranslate {
  hold: NonNullable<FakeDeepLOptions['hold']>;
  /** Settles when the first held request arrives. */
  reached: Promise<void>;
  /** Answers the held requests, and any held later at once. */
  release(): void;
}

/** Holds each translate request that arrives while `holding()` says so (every one unless said) until `release()`. */
export function heldTranslate(holding: () => boolean = () => true): HeldTranslate {
  let arrived!: () => void;
  const reached = new Promise<void>((resolve) => (arrived = resolve));
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  const hold = (_method: string, path: string) => {
    if (path !== '/v2/translate' || !holding()) return undefined;
    arrived();
    return released;
  };
  return { hold, reached, release };
}

export async function start(options: FakeDeepLOptions = {}): Promise<FakeDeepL> {
  const refused = (options.glossaryTargetsRefused ?? []).map((t) => t.toLowerCase());
  const live: FakeDeepL['options'] = {
    authKey: options.authKey ?? 'test-key:fx',
    characterLimit: options.characterLimit ?? 500_000,
    latencyMs: options.latencyMs ?? 0,
    ...(options.postprocess === undefined ? {} : { postprocess: options.postprocess }),
    ...(options.misbehaviour === undefined ? {} : { misbehaviour: options.misbehaviour }),
  };
  const state: FakeDeepLState = {
    requests: [],
    translateRequests: 0,
    texts: 0,
    billedCharacters: 0,
    inFlight: 0,
    maxInFlight: 0,
    faults: [...(options.faults ?? [])],
    glossaries: new Map(),
  };
  const sockets = new Set<Socket>();

  const server = createServer((req, res) => {
    void handle(req, res);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    state.inFlight++;
    state.maxInFlight = Math.max(state.maxInFlight, state.inFlight);
    res.on('close', () => state.inFlight--);
    const at = Date.now();
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const body = await readBody(req);
    const record: RequestRecord = { method: req.method ?? 'GET', path: url.pathname, status: 0, bodyBytes: body.length, texts: 0, at, answered: 0 };
    state.requests.push(record);
    if (live.latencyMs > 0) await new Promise((r) => setTimeout(r, live.latencyMs));
    await options.hold?.(record.method, record.path);
    // The client went away while its answer was held (a killed worker): nothing is answered, nothing billed.
    if (req.socket.destroyed) {
      record.status = -1;
      return;
    }

    const fault = takeFault(url.pathname, record.method, (name) => sentValues(body, req.headers['content-type'] ?? '', url, name));
    if (fault?.type === 'drop') {
      record.status = -1;
      req.socket.destroy();
      return;
    }
    if (fault?.type === 'raw') {
      record.status = fault.status;
      res.writeHead(fault.status, { 'content-type': fault.contentType, 'content-length': Buffer.byteLength(fault.body) }).end(fault.body);
      return;
    }
    try {
      if (fault?.type === 'status') throw new HttpError(fault.status, fault.message ?? `injected fault ${fault.status}`, fault.detail);
      checkAuth(req);
      const misbehaviour = fault?.type === 'misbehave' ? fault.misbehaviour : live.misbehaviour;
      const { status, json } = route(req.method ?? 'GET', url, body, req.headers['content-type'] ?? '', record, misbehaviour);
      record.status = status;
      send(res, status, json);
      record.answered = Date.now();
    } catch (error) {
      const e = error instanceof HttpError ? error : new HttpError(500, 'Internal error');
      record.status = e.status;
      record.answered = Date.now();
      send(res, e.status, { message: e.message, ...(e.detail === undefined ? {} : { detail: e.detail }) }, fault?.type === 'status' ? fault.headers : undefined);
    }
  }

  function takeFault(path: string, method: string, values: (name: string) => string[]): Fault | undefined {
    const i = state.faults.findIndex(
      (f) =>
        (f.path ?? '/v2/translate') === path &&
        (f.type !== 'status' || ((f.method === undefined || f.method === method) && (f.contains === undefined || values(f.in ?? 'text').some((v) => v.includes(f.contains!))))),
    );
    if (i < 0) return undefined;
    const fault = state.faults[i]!;
    const times = (fault.times ?? 1) - 1;
    if (times <= 0) state.faults.splice(i, 1);
    else state.faults[i] = { ...fault, times };
    return fault;
  }

  function checkAuth(req: IncomingMessage): void {
    const header = req.headers.authorization ?? '';
    const match = /^DeepL-Auth-Key (.+)$/.exec(header);
    if (!match || match[1] !== live.authKey) throw new HttpError(403, 'Wrong endpoint or invalid authentication key');
  }

  function route(method: string, url: URL, body: Buffer, contentType: string, record: RequestRecord, misbehaviour: Misbehaviour | undefined): { status: number; json: unknown } {
    const path = url.pathname;
    if (path === '/v2/translate') {
      if (method !== 'POST') throw new HttpError(405, 'Method not allowed');
      return { status: 200, json: translate(parseParams(body, contentType, url), body.length, record, misbehaviour) };
    }
    if (path === '/v2/usage') return { status: 200, json: { character_count: state.billedCharacters, character_limit: live.characterLimit } };
    if (path === '/v2/languages') return { status: 200, json: languages(parseParams(body, contentType, url)) };
    if (path === '/v2/glossary-language-pairs') {
      const pairs = GLOSSARY_LANGS.flatMap((s) => GLOSSARY_LANGS.filter((t) => t !== s && !refused.includes(t)).map((t) => ({ source_lang: s, target_lang: t })));
      return { status: 200, json: { supported_languages: pairs } };
    }
    const glossaryPath = /^\/v3\/glossaries(?:\/([^/]+)(?:\/(entries|dictionaries))?)?$/.exec(path);
    if (glossaryPath) return glossaries(method, glossaryPath[1], glossaryPath[2], parseParams(body, contentType, url), contentType);
    throw new HttpError(404, 'Not found');
  }

  function translate(params: Params, bodyBytes: number, record: RequestRecord, misbehaviour: Misbehaviour | undefined): unknown {
    const texts = params.all('text');
    record.texts = texts.length;
    record.params = params.map;
    const context = params.one('context');
    if (context !== undefined) record.context = context;
    if (texts.length > MAX_TEXTS) throw new HttpError(413, `Request Entity Too Large: at most ${MAX_TEXTS} texts per request, got ${texts.length}`);
    if (bodyBytes > MAX_BODY_BYTES) throw new HttpError(413, `Request Entity Too Large: body is ${bodyBytes} bytes, the limit is ${MAX_BODY_BYTES}`);
    if (texts.length === 0) throw new HttpError(400, "Parameter 'text' not specified.");
    const targetRaw = params.one('target_lang');
    if (targetRaw === undefined) throw new HttpError(400, "Value for 'target_lang' not supported.", "Parameter 'target_lang' not specified.");
    const target = targetRaw.toUpperCase();
    if (!TARGET_LANGS.includes(target) && !DEPRECATED_TARGETS.includes(target)) throw new HttpError(400, "Value for 'target_lang' not supported.");
    const sourceRaw = params.one('source_lang');
    const source = sourceRaw?.toUpperCase();
    if (source !== undefined && !SOURCE_LANGS.includes(source)) throw new HttpError(400, "Value for 'source_lang' not supported.");
    const formality = params.one('formality');
    if (formality !== undefined) {
      if (!FORMALITY_VALUES.has(formality)) throw new HttpError(400, "Value for 'formality' not supported.");
      if (!formality.startsWith('prefer_') && formality !== 'default' && !FORMALITY_TARGETS.has(target))
        throw new HttpError(400, "'formality' is not supported for given 'target_lang'.");
    }
    const tagHandling = params.one('tag_handling');
    if (tagHandling !== undefined && tagHandling !== 'xml' && tagHandling !== 'html') throw new HttpError(400, "Value for 'tag_handling' not supported.");
    const split = params.one('split_sentences');
    if (split !== undefined && !['0', '1', 'nonewlines'].includes(split)) throw new HttpError(400, "Value for 'split_sentences' not supported.");
    const dictionary = glossaryFor(params.one('glossary_id'), source, target);
    const ignoreTags = new Set((params.one('ignore_tags') ?? '').split(',').map((t) => t.trim()).filter(Boolean));
    const markup = tagHandling !== undefined;
    const instructions = params.all('custom_instructions');
    if (instructions.length > 0) {
      if (instructions.length > MAX_INSTRUCTIONS) throw new HttpError(400, `At most ${MAX_INSTRUCTIONS} custom instructions are allowed.`);
      if (instructions.some((i) => i.length > MAX_INSTRUCTION_CHARS)) throw new HttpError(400, `A custom instruction must be at most ${MAX_INSTRUCTION_CHARS} characters.`);
      if (!INSTRUCTION_LANGS.has(base(target).toLowerCase())) throw new HttpError(400, "Custom instructions are not supported for the given 'target_lang'.");
      if (params.one('model_type') === 'latency_optimized') throw new HttpError(400, "Custom instructions require 'model_type' quality_optimized.");
    }

    const billed = texts.map((t) => codePoints(markup ? textContent(t) : t));
    const total = billed.reduce((a, b) => a + b, 0);
    if (state.billedCharacters + total > live.characterLimit) throw new HttpError(456, 'Quota exceeded');
    state.billedCharacters += total;
    state.translateRequests++;
    state.texts += texts.length;

    const ctx: TranslateContext = { sourceLang: source, targetLang: target, params: params.map };
    const detected = source ?? detect(texts.join(''));
    const translations = texts.map((text, i) => {
      let out = `[${target}] ${markup ? translateMarkup(text, ignoreTags, dictionary) : translateNode(text, dictionary)}`;
      if (instructions.length > 0) out = followInstructions(out, instructions);
      if (live.postprocess) out = live.postprocess(out, i, ctx);
      return {
        detected_source_language: detected,
        text: out,
        billed_characters: billed[i]!,
        ...(params.one('model_type') === undefined ? {} : { model_type_used: params.one('model_type') }),
      };
    });
    return { translations: misbehave(translations, misbehaviour) };
  }

  function glossaryFor(id: string | undefined, source: string | undefined, target: string): Map<string, string> | undefined {
    if (id === undefined) return undefined;
    if (source === undefined) throw new HttpError(400, "Use of a glossary requires the 'source_lang' parameter to be specified.");
    const glossary = state.glossaries.get(id);
    if (!glossary) throw new HttpError(404, 'Glossary not found');
    const s = base(source);
    const t = base(target);
    const dict = glossary.dictionaries.find((d) => d.sourceLang === s && d.targetLang === t);
    if (!dict) throw new HttpError(400, `The glossary has no dictionary for the language pair ${s} -> ${t}`);
    return dict.entries;
  }

  function languages(params: Params): unknown {
    const type = params.one('type') ?? 'source';
    if (type !== 'source' && type !== 'target') throw new HttpError(400, "Value for 'type' not supported.");
    if (type === 'source') return SOURCE_LANGS.map((l) => ({ language: l, name: NAMES[l] ?? l }));
    return TARGET_LANGS.map((l) => ({ language: l, name: NAMES[l] ?? l, supports_formality: FORMALITY_TARGETS.has(l) }));
  }

  function glossaries(method: string, id: string | undefined, sub: string | undefined, params: Params, contentType: string): { status: number; json: unknown } {
    if (id === undefined) {
      if (method === 'GET') return { status: 200, json: { glossaries: [...state.glossaries.values()].map(glossaryInfo) } };
      if (method !== 'POST') throw new HttpError(405, 'Method not allowed');
      const name = params.one('name');
      if (!name) throw new HttpError(400, 'Invalid request', "Missing required parameter 'name'");
      const dicts = params.dictionaries(contentType);
      if (dicts.length === 0) throw new HttpError(400, 'Invalid request', "Missing required parameter 'dictionaries'");
      const parsed = dicts.map((d) => parseDictionary(d, refused));
      const pairs = new Set(parsed.map((d) => `${d.sourceLang}>${d.targetLang}`));
      if (pairs.size !== parsed.length) throw new HttpError(400, 'Invalid request', 'Two dictionaries have the same language pair');
      const glossary: Glossary = { id: randomUUID(), name, creationTime: new Date().toISOString(), dictionaries: parsed };
      state.glossaries.set(glossary.id, glossary);
      return { status: 201, json: glossaryInfo(glossary) };
    }
    const glossary = state.glossaries.get(id);
    if (!glossary) throw new HttpError(404, 'Glossary not found');
    if (sub === undefined) {
      if (method === 'GET') return { status: 200, json: glossaryInfo(glossary) };
      if (method === 'DELETE') {
        state.glossaries.delete(id);
        return { status: 204, json: undefined };
      }
      if (method !== 'PATCH') throw new HttpError(405, 'Method not allowed');
      const name = params.one('name');
      const dicts = params.dictionaries(contentType);
      if (name === undefined && dicts.length === 0) throw new HttpError(400, 'Invalid request', 'Nothing to update');
      if (dicts.length > 1) throw new HttpError(400, 'Invalid request', 'Only 0 or 1 dictionaries are supported');
      if (name !== undefined) glossary.name = name;
      for (const raw of dicts) {
        const dict = parseDictionary(raw, refused);
        const existing = findDictionary(glossary, dict.sourceLang, dict.targetLang);
        if (existing) for (const [s, t] of dict.entries) existing.entries.set(s, t);
        else glossary.dictionaries.push(dict);
      }
      return { status: 200, json: glossaryInfo(glossary) };
    }
    const source = params.one('source_lang')?.toLowerCase();
    const target = params.one('target_lang')?.toLowerCase();
    if (sub === 'entries') {
      if (method !== 'GET') throw new HttpError(405, 'Method not allowed');
      if (!source || !target) throw new HttpError(400, 'Invalid request', "Missing 'source_lang' or 'target_lang'");
      const dict = findDictionary(glossary, source, target);
      if (!dict) throw new HttpError(404, 'Glossary dictionary not found');
      const entries = [...dict.entries].map(([s, t]) => `${s}\t${t}`).join('\n');
      return { status: 200, json: { dictionaries: [{ source_lang: source, target_lang: target, entries, entries_format: 'tsv' }] } };
    }
    if (method === 'DELETE') {
      if (!source || !target) throw new HttpError(400, 'Invalid request', "Missing 'source_lang' or 'target_lang'");
      const dict = findDictionary(glossary, source, target);
      if (!dict) throw new HttpError(404, 'Glossary dictionary not found');
      glossary.dictionaries = glossary.dictionaries.filter((d) => d !== dict);
      return { status: 204, json: undefined };
    }
    if (method !== 'PUT') throw new HttpError(405, 'Method not allowed');
    const dict = parseDictionary({
      source_lang: params.one('source_lang'),
      target_lang: params.one('target_lang'),
      entries: params.one('entries'),
      entries_format: params.one('entries_format'),
    }, refused);
    glossary.dictionaries = glossary.dictionaries.filter((d) => !(d.sourceLang === dict.sourceLang && d.targetLang === dict.targetLang));
    glossary.dictionaries.push(dict);
    return { status: 200, json: { source_lang: dict.sourceLang, target_lang: dict.targetLang, entry_count: dict.entries.size } };
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    state,
    options: live,
    fail: (fault) => void state.faults.push(fault),
    reset: () => {
      state.requests = [];
      state.translateRequests = 0;
      state.texts = 0;
      state.billedCharacters = 0;
      state.maxInFlight = state.inFlight;
      state.faults = [];
    },
    stop: () =>
      new Promise<void>((resolve, reject) => {
        for (const socket of sockets) socket.destroy();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

const CUE_ELEMENT = /<c\b[^>]*>(.*?)<\/c>/gs;

const MAX_INSTRUCTIONS = 10;
const MAX_INSTRUCTION_CHARS = 300;
const INSTRUCTION_LANGS = new Set(['de', 'en', 'es', 'fr', 'it', 'ja', 'ko', 'zh']);
/** How close the per-element instruction gets: a model asked for N characters answers up to this times N. */
export const ROUGH_FIT = 1.25;
/** A `<c>` element without markup inside: the only ones the instructions shorten. */
const PLAIN_CUE_ELEMENT = /(<c\b[^<>]*>)([^<>]*)(<\/c>)/g;

function dropLastWord(text: string): string {
  return text.replace(/\s*\S+\s*$/, '');
}

function wordCount(text: string): number {
  return text.trim().split(/\s+/).filter(Boolean).length;
}

/** A translation shortened as its custom instructions ask (see the header). */
function followInstructions(out: string, instructions: readonly string[]): string {
  const hard = instructions.some((i) => /max is a hard limit/.test(i));
  if (!hard && !instructions.some((i) => /max characters/.test(i))) return out;
  // What stands before the first element (the mark) is read as part of the first cue.
  const first = out.search(/<c\b/);
  const lead = hard && first > 0 ? codePoints(textContent(out.slice(0, first))) : 0;
  return out.replace(PLAIN_CUE_ELEMENT, (_, open: string, inner: string, close: string, at: number) => {
    const max = /\bmax="(\d+)"/.exec(open);
    const before = at === first ? lead : 0;
    if (!max) return open + inner + close;
    const limit = hard ? Number(max[1]) - before : ROUGH_FIT * Number(max[1]);
    let text = inner;
    while (wordCount(text) > 1 && codePoints(textContent(text)) > limit) text = dropLastWord(text);
    return open + text + close;
  });
}

/** An answer as the altering proxy of `misbehaviour` passes it on. */
function misbehave<T extends { text: string }>(translations: T[], misbehaviour: Misbehaviour | undefined): T[] {
  if (misbehaviour === undefined) return translations;
  if (misbehaviour === 'drop-translation') return translations.filter((_, i) => i !== Math.floor(translations.length / 2));
  if (misbehaviour === 'rotate-translations') return translations.map((t, i) => ({ ...t, text: translations[(i + 1) % translations.length]!.text }));
  if (misbehaviour === 'unbilled') return translations.map(({ billed_characters: _, ...t }: T & { billed_characters?: number }) => t as T);
  if (misbehaviour === 'number-text') return translations.map((t) => ({ ...t, text: 12345 as unknown as string }));
  return translations.map((t) => ({ ...t, text: alterCues(t.text, misbehaviour) }));
}

function alterCues(text: string, misbehaviour: Exclude<Misbehaviour, 'drop-translation' | 'rotate-translations' | 'unbilled' | 'number-text'>): string {
  switch (misbehaviour) {
    case 'swap-cues': {
      const [first, second] = [...text.matchAll(CUE_ELEMENT)];
      if (!first || !second) return text;
      const end = (m: RegExpExecArray) => m.index + m[0].length;
      return text.slice(0, first.index) + second[0] + text.slice(end(first), second.index) + first[0] + text.slice(end(second));
    }
    case 'drop-cue-tags':
      return text.replace(/<\/?c\b[^>]*>/g, '');
    case 'empty-cues':
      return text.replace(CUE_ELEMENT, (element, words: string) => `${element.slice(0, element.indexOf('>') + 1)}</c>${words}`);
    case 'invent-cues': {
      const next = Math.max(-1, ...[...text.matchAll(/<c n="(\d+)"/g)].map((m) => Number(m[1]))) + 1;
      return text.replace(/^\[[A-Z-]+\] /, (prefix) => `<c n="${next}">${prefix}</c>`);
    }
  }
}

function send(res: ServerResponse, status: number, json: unknown, headers: Record<string, string> = {}): void {
  if (res.destroyed) return;
  if (json === undefined) {
    res.writeHead(status, headers).end();
    return;
  }
  const body = JSON.stringify(json);
  res.writeHead(status, { ...headers, 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) }).end(body);
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

interface RawDictionary {
  source_lang: unknown;
  target_lang: unknown;
  entries: unknown;
  entries_format: unknown;
}

/** Request parameters from the query string and a form or JSON body, the way DeepL reads them. */
class Params {
  constructor(
    readonly map: Map<string, string[]>,
    private readonly json: Record<string, unknown> | undefined,
  ) {}

  all(name: string): string[] {
    return this.map.get(name) ?? [];
  }

  one(name: string): string | undefined {
    return this.map.get(name)?.[0];
  }

  /** `dictionaries` as JSON objects, or as the `dictionaries[i].field` form keys deepl-node sends. */
  dictionaries(contentType: string): RawDictionary[] {
    if (contentType.includes('json')) {
      const list = this.json?.dictionaries;
      return Array.isArray(list) ? (list as RawDictionary[]) : [];
    }
    const out: RawDictionary[] = [];
    for (const [key, values] of this.map) {
      const m = /^dictionaries\[(\d+)\]\.(source_lang|target_lang|entries|entries_format)$/.exec(key);
      if (!m) continue;
      const i = Number(m[1]);
      out[i] ??= { source_lang: undefined, target_lang: undefined, entries: undefined, entries_format: undefined };
      out[i][m[2] as keyof RawDictionary] = values[0];
    }
    return out.filter(Boolean);
  }
}

/** The values of a request's parameter `name`, none when its body cannot be read. */
function sentValues(body: Buffer, contentType: string, url: URL, name: string): string[] {
  try {
    return parseParams(body, contentType, url).all(name);
  } catch {
    return [];
  }
}

function parseParams(body: Buffer, contentType: string, url: URL): Params {
  const map = new Map<string, string[]>();
  const add = (k: string, v: string) => map.set(k, [...(map.get(k) ?? []), v]);
  for (const [k, v] of url.searchParams) add(k, v);
  let json: Record<string, unknown> | undefined;
  if (body.length > 0) {
    if (contentType.includes('application/json')) {
      try {
        json = JSON.parse(body.toString('utf8')) as Record<string, unknown>;
      } catch {
        throw new HttpError(400, 'Invalid JSON body');
      }
      for (const [k, v] of Object.entries(json)) {
        if (Array.isArray(v)) v.forEach((x) => typeof x === 'string' && add(k, x));
        else if (typeof v === 'string') add(k, v);
        else if (typeof v === 'boolean' || typeof v === 'number') add(k, v === true ? '1' : v === false ? '0' : String(v));
      }
    } else {
      for (const [k, v] of new URLSearchParams(body.toString('utf8'))) add(k, v);
    }
  }
  return new Params(map, json);
}

function parseDictionary(raw: RawDictionary, refused: readonly string[] = []): Dictionary {
  const sourceLang = typeof raw.source_lang === 'string' ? raw.source_lang.toLowerCase() : '';
  const targetLang = typeof raw.target_lang === 'string' ? raw.target_lang.toLowerCase() : '';
  if (!GLOSSARY_LANGS.includes(sourceLang) || !GLOSSARY_LANGS.includes(targetLang) || sourceLang === targetLang || refused.includes(targetLang))
    throw new HttpError(400, 'Unsupported glossary source and target language pair', `${sourceLang} -> ${targetLang}`);
  const format = raw.entries_format ?? 'tsv';
  if (format !== 'tsv' && format !== 'csv') throw new HttpError(400, 'Invalid request', `Unsupported entries format '${String(format)}'`);
  if (typeof raw.entries !== 'string' || raw.entries.trim() === '') throw new HttpError(400, 'Invalid glossary entries provided', 'No entries');
  const entries = new Map<string, string>();
  raw.entries.split(/\r\n|\n|\r/).forEach((line, i) => {
    if (line.trim() === '') return;
    const cells = format === 'tsv' ? line.split('\t') : splitCsv(line);
    if (cells.length !== 2 || !cells[0]!.trim() || !cells[1]!.trim())
      throw new HttpError(400, 'Invalid glossary entries provided', `Entry ${i + 1} is not a source and a target separated by one ${format === 'tsv' ? 'tab' : 'comma'}`);
    const [s, t] = [cells[0]!.trim(), cells[1]!.trim()];
    if (entries.has(s)) throw new HttpError(400, 'Invalid glossary entries provided', `Key with the index ${i} duplicates an earlier key`);
    entries.set(s, t);
  });
  return { sourceLang, targetLang, entries };
}

function splitCsv(line: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') (cell += '"'), i++;
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') cells.push(cell), (cell = '');
    else cell += c;
  }
  cells.push(cell);
  // DeepL allows two optional language columns after the pair.
  return cells.length === 4 ? cells.slice(0, 2) : cells;
}

function findDictionary(g: Glossary, source: string, target: string): Dictionary | undefined {
  return g.dictionaries.find((d) => d.sourceLang === source && d.targetLang === target);
}

function glossaryInfo(g: Glossary): unknown {
  return {
    glossary_id: g.id,
    name: g.name,
    dictionaries: g.dictionaries.map((d) => ({ source_lang: d.sourceLang, target_lang: d.targetLang, entry_count: d.entries.size })),
    creation_time: g.creationTime,
  };
}

/** `EN-US` → `en`: glossaries are not regional. */
function base(lang: string): string {
  return lang.split('-')[0]!.toLowerCase();
}

function codePoints(text: string): number {
  return [...text].length;
}

function detect(text: string): string {
  if (/[\u3040-\u30ff]/.test(text)) return 'JA';
  if (/[\u4e00-\u9fff]/.test(text)) return 'ZH';
  return 'EN';
}

const TOKEN = /<\/?([A-Za-z_][\w.-]*)(?:\s[^<>]*)?\/?>|&(?:#\d+|#x[0-9a-fA-F]+|[A-Za-z]+);/g;

function decodeEntity(entity: string): string {
  const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
  const m = /^&(#x[0-9a-fA-F]+|#\d+|[A-Za-z]+);$/.exec(entity);
  if (!m) return entity;
  const name = m[1]!;
  if (name.startsWith('#x')) return String.fromCodePoint(parseInt(name.slice(2), 16));
  if (name.startsWith('#')) return String.fromCodePoint(Number(name.slice(1)));
  return named[name] ?? entity;
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The text of an XML fragment without its tags, entities decoded: what DeepL bills with tag handling on. */
function textContent(xml: string): string {
  return xml.replace(TOKEN, (m) => (m.startsWith('&') ? decodeEntity(m) : ''));
}

/** Translates the text nodes of an XML fragment; tags stay, `ignore_tags` elements stay whole. */
function translateMarkup(xml: string, ignoreTags: Set<string>, glossary: Map<string, string> | undefined): string {
  let out = '';
  let pending = '';
  let ignoredDepth = 0;
  let last = 0;
  const flush = () => {
    out += ignoredDepth > 0 ? escapeXml(pending) : escapeXml(translateNode(pending, glossary));
    pending = '';
  };
  for (const m of xml.matchAll(TOKEN)) {
    pending += xml.slice(last, m.index);
    last = m.index + m[0].length;
    if (m[0].startsWith('&')) {
      pending += decodeEntity(m[0]);
      continue;
    }
    flush();
    out += m[0];
    const name = m[1]!;
    if (ignoreTags.has(name) && !m[0].endsWith('/>')) ignoredDepth += m[0].startsWith('</') ? -1 : 1;
    ignoredDepth = Math.max(0, ignoredDepth);
  }
  pending += xml.slice(last);
  flush();
  return out;
}

/** One text node: glossary terms (longest first) become their target verbatim, the rest is upper-cased. */
export function translateNode(text: string, glossary: Map<string, string> | undefined): string {
  if (!glossary || glossary.size === 0) return text.toUpperCase();
  const terms = [...glossary.keys()].sort((a, b) => b.length - a.length);
  let out = '';
  let plain = '';
  for (let i = 0; i < text.length; ) {
    const term = terms.find((t) => text.startsWith(t, i));
    if (term === undefined) {
      plain += text[i];
      i++;
      continue;
    }
    out += plain.toUpperCase() + glossary.get(term)!;
    plain = '';
    i += term.length;
  }
  return out + plain.toUpperCase();
}
