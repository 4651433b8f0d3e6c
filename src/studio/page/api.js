// @ts-check
/**
 * The studio's JSON API as the page calls it (src/studio/api.ts is the
 * contract). Same origin only: the browser sends the page's `Origin` and the
 * token cookie itself.
 */

/**
 * The contract's own types (src/studio/api.ts), checked against by `tsc -p tsconfig.page.json`.
 * @typedef {import('../api.js').StudioCue} StudioCue
 * @typedef {StudioCue['findings'][number]} Finding
 * @typedef {import('../api.js').StudioMetrics} Metrics
 * @typedef {StudioCue['budget']} Budget
 * @typedef {import('../api.js').StudioTerm} Term
 * @typedef {import('../api.js').CueState} CueState
 * @typedef {import('../api.js').StudioProfile} StudioProfile
 * @typedef {import('../api.js').SessionResponse} Session
 * @typedef {import('../api.js').StateCounts} StateCounts
 * @typedef {import('../api.js').CueChange} CueChange
 * @typedef {{ ok: true, cue: StudioCue, also: StudioCue[] } | { ok: false, stale: StudioCue } | { ok: false, message: string }} SaveResult
 */

/** An answer that is neither what was asked nor a refusal the page handles: the server's own message. */
export class ApiError extends Error {
  /** @param {number} status @param {string} message */
  constructor(status, message) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
  }
}

/** @param {string} path @param {RequestInit} [init] */
async function call(path, init) {
  // The server answers `Referrer-Policy: no-referrer`, under which a browser sends a change's `Origin` as `null`;
  // `same-origin` sends the page's own origin to its own server, which refuses a change without it, and nothing to others.
  const response = await fetch(path, { ...init, referrerPolicy: 'same-origin', headers: { Accept: 'application/json', ...(init?.body !== undefined ? { 'Content-Type': 'application/json' } : {}) } });
  /** @type {any} */
  let body = null;
  try {
    body = await response.json();
  } catch {
    // A proxy's or the browser's own error page: reported below with the status.
  }
  return { status: response.status, body };
}

/** @param {number} status @param {any} body @param {string} what */
function refusal(status, body, what) {
  return new ApiError(status, typeof body?.message === 'string' ? body.message : `${what}: the server answered HTTP ${status}, expected JSON`);
}

/** @returns {Promise<Session>} */
export async function getSession() {
  const { status, body } = await call('/api/session');
  if (status !== 200) throw refusal(status, body, 'GET /api/session');
  return body;
}

/** @returns {Promise<{ language: string, cues: number, counts: StateCounts }[]>} */
export async function getTracks() {
  const { status, body } = await call('/api/tracks');
  if (status !== 200) throw refusal(status, body, 'GET /api/tracks');
  return body.tracks;
}

/** @param {string} lang @returns {Promise<StudioCue[]>} */
export async function getTrack(lang) {
  const { status, body } = await call(`/api/tracks/${encodeURIComponent(lang)}`);
  if (status !== 200) throw refusal(status, body, `GET /api/tracks/${lang}`);
  return body.cues;
}

/**
 * A save: the cue as saved, the cue as stored now when `revision` was stale
 * (nothing saved), or the server's reason for refusing the change.
 * @param {string} lang @param {string} id @param {CueChange} change @returns {Promise<SaveResult>}
 */
export async function putCue(lang, id, change) {
  // A URL parser takes `.` and `..` (escaped or not) for path steps: such an id goes in the query.
  const cue = id === '.' || id === '..' ? `cues?id=${encodeURIComponent(id)}` : `cues/${encodeURIComponent(id)}`;
  const { status, body } = await call(`/api/tracks/${encodeURIComponent(lang)}/${cue}`, { method: 'PUT', body: JSON.stringify(change) });
  if (status === 200) return { ok: true, cue: body.cue, also: body.also ?? [] };
  if (status === 409 && body?.cue) return { ok: false, stale: body.cue };
  if (status >= 400 && status < 500) return { ok: false, message: refusal(status, body, `saving cue ${id}`).message };
  throw refusal(status, body, `saving cue ${id}`);
}

/** @param {string} lang @param {{ id: string, revision: string }[]} cues @returns {Promise<{ cues: StudioCue[], refused: { id: string, reason: string }[], also: StudioCue[] }>} */
export async function approveCues(lang, cues) {
  const { status, body } = await call(`/api/tracks/${encodeURIComponent(lang)}/approve`, { method: 'POST', body: JSON.stringify({ cues }) });
  if (status !== 200) throw refusal(status, body, 'approving the clean cues');
  return body;
}

/** @param {string} language @param {string} id @param {string} text @returns {Promise<{ findings: Finding[], budget: Budget, metrics: Metrics }>} */
export async function check(language, id, text) {
  const { status, body } = await call('/api/check', { method: 'POST', body: JSON.stringify({ language, id, text }) });
  if (status !== 200) throw refusal(status, body, `checking cue ${id}`);
  return body;
}
