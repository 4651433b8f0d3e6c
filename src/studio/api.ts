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
 * 421 a foreign `Host`, 503 a memory that cannot take a change now (its file
 * moved or removed, its disk full, another program holding it locked):
 * nothing was saved, and the same change may be sent again.
 */
import type { MemoryStatus } from '../memory/store.js';
import type { Lang, Ms } from '../model/track.js';
import type { CheckResult, CueChange as SessionChange, SessionCue, TrackSummary } from '../pipeline/review-session-types.js';
import type { ReviewState } from '../review/types.js';

/** A cue's review state (see `SessionCue.state`). */
export type CueState = MemoryStatus;

/** Where the cue's current text came from (see `SessionCue.origin`). */
export type CueOrigin = ReviewState;

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

/** A track's cues by state, for the track list. `untranslated` cues are not counted as `draft`. */
export type StateCounts = TrackSummary['counts'];

/** `GET /api/tracks`. */
export interface TracksResponse {
  tracks: TrackSummary[];
}

/** A glossary term found in the cue's source, with what the translation should say. */
export type StudioTerm = SessionCue['terms'][number];

/** Figures of the cue's current text against the profile. */
export type StudioMetrics = SessionCue['metrics'];

/** A cue as the page shows it: the review flow's cue, as it is. */
export type StudioCue = SessionCue;

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
export type CueChange = SessionChange;

/**
 * 200 to a `PUT`: the cue as saved, with its new revision and figures, and
 * the other cues the save changed: those saying the same sentence (the cue's
 * `repeats`), which the memory keeps one translation for.
 */
export interface SavedCueResponse {
  cue: StudioCue;
  also: StudioCue[];
}

/** 409 to a `PUT` whose revision is stale: the cue as stored now, to show the reviewer. Nothing was saved. */
export interface StaleError {
  error: 'stale';
  message: string;
  cue: StudioCue;
}

/** Every other refusal. */
export interface ApiError {
  error: 'invalid' | 'not-found' | 'forbidden' | 'misdirected' | 'too-large' | 'unsupported-media-type' | 'unavailable' | 'internal';
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
  /** Cues not named that the approval changed: those saying the same sentence as an approved one. */
  also: StudioCue[];
}

/** `POST /api/check`: QC of a text being typed, not saved. */
export interface CheckRequest {
  language: Lang;
  id: string;
  text: string;
}

/** 200 to a check: the figures and findings of that text in that cue, as it would be saved. */
export type CheckResponse = CheckResult;
