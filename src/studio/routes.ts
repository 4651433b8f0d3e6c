import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { ReviewSession } from '../pipeline/review-session.js';
import type { ApiError, ApproveResponse, CheckResponse, SavedCueResponse, SessionResponse, StaleError, StudioCue, TrackResponse, TracksResponse } from './api.js';
import type { PageFiles } from './assets.js';
import { parseApprove, parseCheck, parseCueChange, type Parsed } from './requests.js';
import { videoResponse, videoType } from './video.js';
import { forLanguage } from '../qc/profile.js';

/** Largest JSON body: a cue's text and comment with room to spare, or an approve of a few thousand cues. */
export const MAX_BODY = 256 * 1024;

export interface RoutesOptions {
  session: ReviewSession;
  page: PageFiles;
  /** The video served at `/video`, when there is one. */
  video?: string | undefined;
}

function error(c: Context, status: 400 | 404 | 413 | 415, kind: ApiError['error'], message: string): Response {
  return c.json({ error: kind, message } satisfies ApiError, status);
}

/** The JSON body of a change, or the answer refusing it: 415 not JSON, 400 not parsable or not what `parse` expects. */
async function body<T>(c: Context, parse: (body: unknown) => Parsed<T>): Promise<T | Response> {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/json\s*(;|$)/i.test(type)) return error(c, 415, 'unsupported-media-type', `Content-Type is ${type === '' ? 'missing' : JSON.stringify(type)}; expected application/json`);
  let json: unknown;
  try {
    json = JSON.parse(await c.req.text());
  } catch (cause) {
    return error(c, 400, 'invalid', `the body is not valid JSON (${(cause as Error).message}); expected a JSON object`);
  }
  const parsed = parse(json);
  return parsed.ok ? parsed.value : error(c, 400, 'invalid', parsed.message);
}

/**
 * The studio's routes: the JSON API (api.ts), the page, its assets and the
 * video, nothing else. Handlers check the request, call the review flow and
 * answer JSON; the rules live in the flow.
 */
export function routes(options: RoutesOptions): Hono {
  const { session, page, video } = options;
  const app = new Hono();
  const notServed = (c: Context, language: string) => error(c, 404, 'not-found', session.notServed(language));
  const type = video === undefined ? undefined : videoType(video);

  app.use('/api/*', async (c, next) => {
    await next();
    c.header('Cache-Control', 'no-store');
  });
  app.use('/api/*', bodyLimit({ maxSize: MAX_BODY, onError: (c) => c.json({ error: 'too-large', message: `the body is larger than ${MAX_BODY / 1024} KiB; expected one change or one approve` } satisfies ApiError, 413) }));

  app.get('/api/session', async (c) => {
    // The profile and title as the config on disk says them now.
    await session.reload();
    const { profile } = session;
    const perLanguage = (table: Record<string, number>) => Object.fromEntries(session.languages.map((l) => [l, forLanguage(table, l)]));
    return c.json({
      title: session.title,
      sourceLang: session.sourceLang,
      languages: [...session.languages],
      reviewer: session.reviewer,
      video: type === undefined ? null : { url: '/video', type },
      profile: {
        id: profile.id,
        name: profile.name,
        maxLines: profile.maxLines.value,
        minDurationMs: profile.minDurationMs.value,
        maxDurationMs: profile.maxDurationMs.value,
        maxCharsPerLine: perLanguage(profile.maxCharsPerLine.value),
        maxCps: perLanguage(profile.readingSpeed.value),
      },
    } satisfies SessionResponse);
  });

  app.get('/api/tracks', async (c) => c.json({ tracks: await session.tracks() } satisfies TracksResponse));

  app.get('/api/tracks/:lang', async (c) => {
    const language = c.req.param('lang');
    const cues: StudioCue[] | undefined = await session.track(language);
    return cues === undefined ? notServed(c, language) : c.json({ language, cues } satisfies TrackResponse);
  });

  const saveCue = async (c: Context, cueId: string) => {
    const change = await body(c, parseCueChange);
    if (change instanceof Response) return change;
    const saved = await session.save(c.req.param('lang') ?? '', cueId, change);
    switch (saved.outcome) {
      case 'saved':
        return c.json({ cue: saved.cue, also: saved.also } satisfies SavedCueResponse);
      case 'stale':
        return c.json({ error: 'stale', message: saved.message, cue: saved.cue } satisfies StaleError, 409);
      case 'invalid':
        return error(c, 400, 'invalid', saved.message);
      case 'not-found':
        return error(c, 404, 'not-found', saved.message);
    }
  };
  app.put('/api/tracks/:lang/cues/:id', (c) => saveCue(c, c.req.param('id')));
  // A cue id a URL path cannot carry: `.` and `..` (a WebVTT identifier may be either) are path steps to every URL parser.
  app.put('/api/tracks/:lang/cues', (c) => {
    const id = c.req.query('id');
    return id === undefined ? error(c, 400, 'invalid', 'no cue id: expected PUT /api/tracks/<lang>/cues/<id>, or ?id=<id> for an id of `.` or `..`') : saveCue(c, id);
  });

  app.post('/api/tracks/:lang/approve', async (c) => {
    const request = await body(c, parseApprove);
    if (request instanceof Response) return request;
    const language = c.req.param('lang');
    const result = await session.approve(language, request.cues);
    return result === undefined ? notServed(c, language) : c.json(result satisfies ApproveResponse);
  });

  app.post('/api/check', async (c) => {
    const request = await body(c, parseCheck);
    if (request instanceof Response) return request;
    const checked = await session.check(request.language, request.id, request.text);
    if (checked === undefined && !session.languages.includes(request.language)) return notServed(c, request.language);
    if (checked === undefined) return error(c, 404, 'not-found', `no cue ${JSON.stringify(request.id)} in language ${JSON.stringify(request.language)}; expected one of ${session.languages.join(', ')} and a cue id of ${session.title}`);
    return c.json(checked satisfies CheckResponse);
  });

  app.all('/api/*', (c) => error(c, 404, 'not-found', `no ${c.req.method} ${c.req.path} in the studio's API; see the README's list of endpoints`));

  app.get('/', async (c) => {
    const html = await page.index();
    return html === undefined ? c.text('The studio page is missing from this build (expected studio/page/index.html beside the server; `npm run build` copies it). The JSON API at /api/ answers.', 503) : c.html(html);
  });

  app.get('/assets/:file', async (c) => {
    const file = await page.asset(c.req.param('file'));
    if (file === undefined) return c.text('Not found', 404);
    return c.body(new Uint8Array(file.body), 200, { 'Content-Type': file.type, 'Cache-Control': 'no-cache' });
  });

  app.on(['GET', 'HEAD'], '/video', async (c) => {
    if (video === undefined) return c.text('No video: start the studio with --video <file>', 404);
    return videoResponse(video, c.req.header('range'), c.req.method === 'HEAD');
  });

  app.notFound((c) => c.text('Not found', 404));
  return app;
}
