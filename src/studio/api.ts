/**
 * The review studio's JSON API: the one contract between its server and its
 * page. The page uses nothing else; the README documents the same.
 *
 * Every change (`PUT`, `POST`) needs `Content-Type: application/json` and an
 * `Origin` header equal to the page's own origin (`http://<host>:<port>`), or,
 * from a browser that sends no `Origin` on a same-origin request (a Chromium
 * started with `--disable-web-security`, as some packaged ones are), none with
 * `Sec-Fetch-Site: same-origin`, which no page can forge;
 * every request needs a `Host` equal to the address served. A server that
 * listens on an address other than loopback also needs its token on every
 * request: `Authorization: Bearer <token>`, or `?token=<token>` on the first
 * page load, which sets an HttpOnly, SameSite=Strict cookie for the rest.
 *
 * Errors answer `ApiError` with the HTTP status: 400 invalid, 403 a foreign
 * `Origin` or a missing token, 404 an unknown language, cue or path, 409 a
 * stale revision (`StaleError`), 413 a body too large, 415 a body not JSON,
 * 421 a foreign `Host`.
 */
import type { Diagnostic } from '../model/diagnostic.js';
import type { Lang, Ms } from '../model/track.js';

/** A cue's review state. An untranslated cue is a `draft` whose `text` is `''` and whose `origin` is `untranslated`. */
export type CueState = 'draft' | 'reviewed' | 'approved';

/**
 * Where the cue's current text came from: `machine` (a provider's draft),
 * `memory` (an exact memory match), `fuzzy` (a similar source's translation),
 * `needs-review` (a draft whose source changed since a reviewed translation),
 * `reviewed`/`approved` (a reviewer's), `untranslated`.
 */
export type CueOrigin = 'untranslated' | 'machine' | 'memory' | 'fuzzy' | 'needs-review' | 'reviewed' | 'approved';

/** `GET /api/session`: everything the page learns before it asks for a track. */
export interface SessionResponse {
  title: string;
  sourceLang: Lang;
  /** The target languages served, in the config's order (limited by `--language`). */
  languages: Lang[];
  /** `--reviewer`, recorded with every save; null when not given. */
  reviewer: string | null;
  /** `--video`, served at `/video` with range requests. */
  video: { url: '/video'; type: 'video/mp4' | 'video/webm' } | null;
  profile: StudioProfile;
  token?: never;
}

/**
 * The QC profile's figures, resolved for each served language, so the page
 * can show live figures between two `/api/check` answers. Widths count as
 * the server counts them: CJK full-width 1, half-width 0.5, others 1.
 */
export interface StudioProfile {
  id: string;
  name: string;
  maxLines: number;
  minDurationMs: Ms;
  maxDurationMs: Ms;
  /** Characters per line, per served language. */
  maxCharsPerLine: Record<Lang, number>;
  /** Reading speed limit in characters per second, per served language. */
  maxCps: Record<Lang, number>;
}

/** A cue's counts by state, for the track list. `untranslated` cues are not counted as `draft`. */
export interface StateCounts {
  draft: number;
  reviewed: number;
  approved: number;
  untranslated: number;
}

/** `GET /api/tracks`. */
export interface TracksResponse {
  tracks: { language: Lang; cues: number; counts: StateCounts }[];
}

/** A glossary term found in the cue's source, with what the translation should say. */
export interface StudioTerm {
  /** The form found in the source. */
  source: string;
  /** The preferred rendering in this language (the source form itself for a do-not-translate term). */
  preferred: string;
  /** Renderings the glossary forbids in this language. */
  forbidden: string[];
}

/** Figures of the cue's current text against the profile. */
export interface StudioMetrics {
  /** Characters per second, to 0.1; 0 for a cue without duration. */
  charsPerSecond: number;
  lines: number;
  /** The widest line, counted as reading speed counts (CJK half-width 0.5). */
  maxLineWidth: number;
  durationMs: Ms;
}

export interface StudioCue {
  id: string;
  /** The sentence unit: cues of one unit are stored together in the memory. */
  unitId: string;
  start: Ms;
  end: Ms;
  /** Plain text, `\n` between lines. */
  source: string;
  /** The source with its markup (`<i>`, `<b>`…) when it has any. */
  sourceTagged?: string;
  /** The current translation, plain, `\n` between lines; `''` when untranslated. */
  text: string;
  /** The draft before any reviewer touched it (a machine or memory draft, or a fuzzy suggestion); null when none. */
  machine: string | null;
  state: CueState;
  origin: CueOrigin;
  /** Opaque; send it back with a change. It changes whenever the cue's stored text, state or comment changes. */
  revision: string;
  /** QC and glossary findings on the current text (`code`, `severity`, `message`). */
  findings: Diagnostic[];
  /** Characters used, as reading speed counts them, and the cue's character budget under the profile. */
  budget: { used: number; budget: number };
  metrics: StudioMetrics;
  terms: StudioTerm[];
  /** The reviewer's comment; `''` when none. */
  comment: string;
  /** Who last saved a decision on this cue's unit. */
  reviewer?: string;
}

/** `GET /api/tracks/<lang>`. */
export interface TrackResponse {
  language: Lang;
  cues: StudioCue[];
}

/**
 * `PUT /api/tracks/<lang>/cues/<id>`: at least one of `text`, `state`,
 * `comment`, and always the `revision` the change was made on.
 *
 * Rules (the memory's: status is never downgraded, reviewed and approved work
 * never overwritten by a lower status):
 * - `state` may only stay or go up (draft → reviewed → approved); a lower
 *   state is refused with 400: this version does not take a decision back.
 * - A `text` change keeps the cue's state (an edit of an approved cue stays
 *   approved, as the reviewer's own work); a text on an untranslated cue
 *   makes it a `draft` unless `state` says more.
 * - `text` is plain, `\n` between lines, at most 1,000 characters (more
 *   lines than the profile allows is a QC finding, not a refusal: a reviewer
 *   may save a cue on the way to fitting it); `comment` at most 2,000
 *   characters.
 */
export interface CueChange {
  text?: string;
  state?: CueState;
  comment?: string;
  revision: string;
}

/** 200 to a `PUT`: the cue as saved, with its new revision and figures. */
export interface SavedCueResponse {
  cue: StudioCue;
}

/** 409 to a `PUT` whose revision is stale: the cue as stored now, to show the reviewer. Nothing was saved. */
export interface StaleError {
  error: 'stale';
  message: string;
  cue: StudioCue;
}

/** Every other refusal. */
export interface ApiError {
  error: 'invalid' | 'not-found' | 'forbidden' | 'misdirected' | 'too-large' | 'unsupported-media-type' | 'internal';
  message: string;
}

/** `POST /api/tracks/<lang>/approve`: the cues the page shows as clean, each with the revision shown. */
export interface ApproveRequest {
  cues: { id: string; revision: string }[];
}

/**
 * 200 to an approve: the cues approved (as saved), and those refused with the
 * reason (a stale revision, an error-severity finding, untranslated, unknown).
 */
export interface ApproveResponse {
  cues: StudioCue[];
  refused: { id: string; reason: string }[];
}

/** `POST /api/check`: QC of a text being typed, not saved. */
export interface CheckRequest {
  language: Lang;
  id: string;
  text: string;
}

export interface CheckResponse {
  findings: Diagnostic[];
  budget: { used: number; budget: number };
  metrics: StudioMetrics;
}
