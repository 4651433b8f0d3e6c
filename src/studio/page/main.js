// @ts-check
import { approveCues, getSession, getTrack, getTracks } from './api.js';
import { CueEdit } from './cue-edit.js';
import { CueRow, needsAttention } from './cue-row.js';
import { Player } from './player.js';
import { cueAt } from './time.js';

/**
 * @typedef {import('./api.js').Session} Session
 * @typedef {import('./api.js').StudioCue} StudioCue
 */

/** Rows built before the page counts as ready: more than a screen. The rest follow in slices that keep the page responsive. */
const FIRST_ROWS = 40;
const SLICE_ROWS = 150;

/** @template {HTMLElement} T @param {string} id @returns {T} */
function byId(id) {
  const node = document.getElementById(id);
  if (node === null) throw new Error(`the page has no #${id}`);
  return /** @type {T} */ (node);
}

const ui = {
  title: byId('title'),
  language: /** @type {HTMLSelectElement} */ (byId('language')),
  summary: byId('summary'),
  saveStatus: byId('save-status'),
  fatal: byId('fatal'),
  screen: byId('screen'),
  overlay: byId('overlay'),
  play: /** @type {HTMLButtonElement} */ (byId('play')),
  time: byId('time'),
  follow: /** @type {HTMLInputElement} */ (byId('follow')),
  view: /** @type {HTMLSelectElement} */ (byId('filter-view')),
  finding: /** @type {HTMLSelectElement} */ (byId('filter-finding')),
  shown: byId('shown'),
  approveClean: /** @type {HTMLButtonElement} */ (byId('approve-clean')),
  bulkStatus: byId('bulk-status'),
  list: byId('cues'),
  empty: byId('empty'),
  confirm: /** @type {HTMLDialogElement} */ (byId('confirm-approve')),
  confirmText: byId('confirm-text'),
  confirmFindings: byId('confirm-findings'),
  help: /** @type {HTMLDialogElement} */ (byId('help')),
};

const studio = {
  /** @type {Session | null} */
  session: null,
  lang: '',
  /** The cues of the track shown, in time order. @type {CueEdit[]} */
  edits: [],
  /** Their times, as the playhead looks them up. @type {{ start: number, end: number }[]} */
  times: [],
  /** @type {Map<string, CueRow>} */
  rows: new Map(),
  /** @type {Map<string, number>} */
  index: new Map(),
  /** The cue being edited (focus) or else played. @type {CueEdit | null} */
  current: null,
  /** The cue under the playhead, highlighted. @type {number} */
  playing: -1,
  /** Increments on every track load: slices of an older track's rows stop. */
  generation: 0,
  /** While another language's track loads: the list shown is read-only, since it is about to be replaced. */
  loading: false,
  statusQueued: false,
  /** @type {ConstructorParameters<typeof CueRow>[1] | null} */
  context: null,
};

/** @type {Player} */
let player;

async function start() {
  const session = await getSession();
  studio.session = session;
  document.title = `${session.title} — subloc review studio`;
  ui.title.textContent = session.title;
  /** @type {HTMLVideoElement | null} */
  let video = null;
  if (session.video !== null) {
    video = document.createElement('video');
    video.controls = true;
    video.preload = 'auto';
    video.setAttribute('aria-label', 'Film');
    const source = document.createElement('source');
    source.src = session.video.url;
    source.type = session.video.type;
    video.append(source);
    ui.screen.prepend(video);
    ui.screen.classList.add('with-video');
  }
  player = new Player({ video, time: ui.time, button: ui.play, overlay: ui.overlay });
  player.onTick(follow);
  const tracks = await getTracks();
  ui.language.replaceChildren(
    ...session.languages.map((lang) => {
      const option = document.createElement('option');
      option.value = lang;
      const track = tracks.find((t) => t.language === lang);
      option.textContent = track === undefined ? lang : languageLabel(lang, track.counts.approved, track.cues);
      return option;
    }),
  );
  const wanted = decodeURIComponent(location.hash.slice(1));
  const lang = session.languages.includes(wanted) ? wanted : session.languages[0];
  if (lang === undefined) throw new Error('the server serves no target language: check "targets" in the config, or --language');
  ui.language.value = lang;
  ui.language.addEventListener('change', () => void switchTo(ui.language.value));
  // The address names the language (a bookmark, a link a colleague sent, a typed `#de-DE`): follow it as the list is followed.
  window.addEventListener('hashchange', () => {
    const named = decodeURIComponent(location.hash.slice(1));
    if (named === studio.lang || !session.languages.includes(named)) return;
    ui.language.value = named;
    void switchTo(named);
  });
  ui.view.addEventListener('change', applyFilters);
  ui.finding.addEventListener('change', applyFilters);
  ui.approveClean.addEventListener('click', () => void approveClean());
  byId('help-open').addEventListener('click', () => ui.help.showModal());
  document.addEventListener('keydown', onKey);
  window.addEventListener('beforeunload', (event) => {
    if (studio.edits.some((e) => e.dirty || e.status === 'conflict')) event.preventDefault();
  });
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') for (const edit of studio.edits) void edit.flush();
  });
  await load(lang);
}

/**
 * Follows another language once every change to this one is saved. A change
 * that cannot be (a conflict to settle, a save the server keeps failing)
 * keeps the page on its language, the list and the address saying so: the
 * other language's list would replace it, and the typing with it.
 * @param {string} lang
 */
async function switchTo(lang) {
  const stay = (/** @type {string} */ message) => {
    ui.language.value = studio.lang;
    if (location.hash.slice(1) !== studio.lang) history.replaceState(null, '', `#${encodeURIComponent(studio.lang)}`);
    ui.bulkStatus.textContent = message;
  };
  await Promise.all(studio.edits.map((edit) => edit.flush()));
  const held = studio.edits.find((e) => e.status === 'conflict' || e.status === 'error' || e.dirty);
  if (held !== undefined) {
    stay(`Still on ${studio.lang}: cue ${held.id} is not saved (${held.status === 'conflict' ? 'a conflict to settle' : held.error || 'unsaved changes'}); settle it, then choose ${lang} again`);
    const row = rowAt(studio.index.get(held.id) ?? -1);
    row?.textarea.focus();
    row?.node.scrollIntoView({ block: 'nearest' });
    return;
  }
  try {
    await load(lang);
  } catch (error) {
    stay(`Still on ${studio.lang}: ${lang} could not be opened (${error instanceof Error ? error.message : String(error)}); try again`);
  }
}

/**
 * Shows a language's track. The list shown stays read-only while it loads:
 * typing there would go to cues about to be replaced, unsaved, unseen.
 * @param {string} lang
 */
async function load(lang) {
  await Promise.all(studio.edits.map((edit) => edit.flush()));
  const generation = ++studio.generation;
  let cues;
  studio.loading = true;
  ui.list.inert = true;
  ui.list.setAttribute('aria-busy', 'true');
  try {
    cues = await getTrack(lang);
  } finally {
    if (generation === studio.generation) {
      studio.loading = false;
      ui.list.inert = false;
      ui.list.removeAttribute('aria-busy');
    }
  }
  if (generation !== studio.generation) return;
  studio.lang = lang;
  if (location.hash.slice(1) !== lang) history.replaceState(null, '', `#${encodeURIComponent(lang)}`);
  const session = /** @type {Session} */ (studio.session);
  studio.edits = [...cues].sort((a, b) => a.start - b.start).map((cue) => new CueEdit(lang, cue, changed, savedAlso));
  studio.times = studio.edits.map((edit) => ({ start: edit.saved.start, end: edit.saved.end }));
  studio.index = new Map(studio.edits.map((edit, i) => [edit.id, i]));
  studio.rows = new Map();
  studio.current = null;
  studio.playing = -1;
  ui.list.replaceChildren();
  ui.list.lang = lang;
  const context = (studio.context = { sourceLang: session.sourceLang, lang, profile: session.profile, actions: { seek, decide: (/** @type {CueEdit} */ edit, /** @type {'reviewed' | 'approved'} */ state) => void decide(edit, state), focus: (/** @type {CueEdit} */ edit) => (studio.current = edit) } });
  renderRows(FIRST_ROWS, context);
  player.subtitles(lang, studio.edits.map((e) => ({ id: e.id, start: e.saved.start, end: e.saved.end, text: e.text })));
  fillFindingFilter();
  showStatus();
  document.body.dataset['ready'] = 'true';
  performance.mark('studio-ready');
  const rest = () => {
    if (generation !== studio.generation) return;
    renderRows(studio.rows.size + SLICE_ROWS, context);
    if (studio.rows.size < studio.edits.length) setTimeout(rest, 0);
    else {
      document.body.dataset['rendered'] = 'all';
      performance.mark('studio-rendered');
      applyFilters();
    }
  };
  delete document.body.dataset['rendered'];
  if (studio.rows.size < studio.edits.length) setTimeout(rest, 0);
  else rest();
}

/** Builds the rows up to `count` (cues in time order), in one fragment. @param {number} count @param {ConstructorParameters<typeof CueRow>[1]} context */
function renderRows(count, context) {
  const fragment = document.createDocumentFragment();
  for (let i = studio.rows.size; i < Math.min(count, studio.edits.length); i++) {
    const edit = /** @type {CueEdit} */ (studio.edits[i]);
    const row = new CueRow(edit, context);
    row.node.hidden = !matchesFilter(edit);
    studio.rows.set(edit.id, row);
    fragment.append(row.node);
  }
  ui.list.append(fragment);
}

/** The row of the cue at `i`, built now if the slices have not reached it yet. @param {number} i */
function rowAt(i) {
  const edit = studio.edits[i];
  if (edit === undefined) return undefined;
  const built = studio.rows.get(edit.id);
  if (built !== undefined) return built;
  if (studio.context === null) return undefined;
  renderRows(i + 1, studio.context);
  return studio.rows.get(edit.id);
}

/**
 * Cues a save changed besides its own: the same sentence said elsewhere,
 * which the memory keeps one translation for. Each shows it, unless it
 * holds typing of its own (whose save then meets it as a conflict).
 * @param {string} lang @param {import('./api.js').StudioCue[]} cues
 */
function savedAlso(lang, cues) {
  if (lang !== studio.lang) return;
  for (const cue of cues) studio.edits[studio.index.get(cue.id) ?? -1]?.replace(cue);
}

/** @param {CueEdit} edit @param {boolean} external */
function changed(edit, external) {
  // A cue of the language shown before, whose last answer came late: another language's cue of that id is not it.
  if (edit.lang !== studio.lang) return;
  studio.rows.get(edit.id)?.update(external);
  player.retitle(edit.id, edit.text);
  if (studio.edits[studio.playing] === edit) player.caption(edit.text);
  showStatus();
}

/** The page-wide save status and counts, once a frame however many cues changed. */
function showStatus() {
  if (studio.statusQueued) return;
  studio.statusQueued = true;
  requestAnimationFrame(() => {
    studio.statusQueued = false;
    const edits = studio.edits;
    const conflict = edits.find((e) => e.status === 'conflict');
    const failed = edits.find((e) => e.status === 'error');
    const status = conflict !== undefined ? `Conflict on cue ${conflict.id}: choose a version`
      : failed !== undefined ? `Not saved: cue ${failed.id}: ${failed.error}`
      : edits.some((e) => e.status === 'saving') ? 'Saving…'
      : edits.some((e) => e.dirty) ? 'Unsaved changes'
      : 'All changes saved';
    ui.saveStatus.textContent = status;
    document.body.dataset['saveStatus'] = conflict !== undefined ? 'conflict' : failed !== undefined ? 'error' : status === 'Saving…' ? 'saving' : status === 'Unsaved changes' ? 'unsaved' : 'saved';
    const count = (/** @type {string} */ state) => edits.filter((e) => e.state === state).length;
    const option = [...ui.language.options].find((o) => o.value === studio.lang);
    if (option !== undefined) option.textContent = languageLabel(studio.lang, count('approved'), edits.length);
    ui.summary.textContent = `${edits.length} cues: ${count('approved')} approved, ${count('reviewed')} reviewed, ${count('draft')} draft; ${edits.filter(needsAttention).length} need attention`;
  });
}

/** @param {string} lang @param {number} approved @param {number} cues */
function languageLabel(lang, approved, cues) {
  return `${lang} (${approved} of ${cues} approved)`;
}

function fillFindingFilter() {
  const codes = [...new Set(studio.edits.flatMap((e) => e.live.findings.map((f) => f.code)))].sort();
  const keep = ui.finding.value;
  const any = document.createElement('option');
  any.value = '';
  any.textContent = 'Any finding or none';
  ui.finding.replaceChildren(
    any,
    ...codes.map((code) => {
      const option = document.createElement('option');
      option.value = code;
      option.textContent = code;
      return option;
    }),
  );
  ui.finding.value = codes.includes(keep) ? keep : '';
}

/** @param {CueEdit} edit */
function matchesFilter(edit) {
  const view = ui.view.value;
  const code = ui.finding.value;
  const byView = view === 'all' || (view === 'attention' ? needsAttention(edit) : edit.state === view);
  return byView && (code === '' || edit.live.findings.some((f) => f.code === code));
}

/** Filters apply when chosen, not while typing: a cue being fixed does not vanish under the cursor. */
function applyFilters() {
  let shown = 0;
  for (const edit of studio.edits) {
    const row = studio.rows.get(edit.id);
    const visible = matchesFilter(edit);
    if (visible) shown++;
    if (row !== undefined) row.node.hidden = !visible;
  }
  ui.shown.textContent = shown === studio.edits.length ? `Showing all ${shown} cues` : `Showing ${shown} of ${studio.edits.length} cues`;
  ui.empty.hidden = shown > 0;
}

/** @param {CueEdit} edit */
function seek(edit) {
  studio.current = edit;
  player.seek(edit.saved.start);
}

/** The cue under the playhead highlighted, its text under the picture, its row kept in view while playing. @param {number} ms */
function follow(ms) {
  const at = cueAt(studio.times, ms);
  player.caption(at >= 0 ? /** @type {CueEdit} */ (studio.edits[at]).text : '');
  if (at === studio.playing) return;
  const before = studio.edits[studio.playing];
  if (before !== undefined) {
    const row = studio.rows.get(before.id);
    row?.node.classList.remove('current');
    row?.node.removeAttribute('aria-current');
  }
  studio.playing = at;
  if (at < 0) return;
  const row = rowAt(at);
  if (row === undefined) return;
  row.node.classList.add('current');
  row.node.setAttribute('aria-current', 'true');
  if (player.playing && ui.follow.checked) row.node.scrollIntoView({ block: 'nearest' });
}

/**
 * A decision on one cue. Approving a cue QC finds errors on asks first, in
 * the page's own dialog, on the findings the server checks it against: when
 * those are not the ones shown (the config names another QC profile since
 * the page loaded), the server refuses the approval, the cue shows them, and
 * the reviewer is asked on them. Resolves true when the decision was made.
 * @param {CueEdit} edit @param {'reviewed' | 'approved'} state
 */
async function decide(edit, state) {
  // As many times as the findings change under the page, within reason: each is a change to the config.
  for (let attempt = 0; attempt < 3; attempt++) {
    // QC of the text as typed now, not of the last check: a quick Ctrl+Enter after typing comes before it.
    if (state === 'approved') await edit.checked();
    if (state === 'approved' && edit.hasError && !(await confirmApprove(edit))) return false;
    if (await edit.decide(state)) return true;
  }
  return false;
}

/** @param {CueEdit} edit @returns {Promise<boolean>} */
function confirmApprove(edit) {
  const errors = edit.live.findings.filter((f) => f.severity === 'error');
  ui.confirmText.textContent = `QC finds ${errors.length === 1 ? 'an error' : `${errors.length} errors`} in cue ${edit.id}. Approve it anyway?`;
  ui.confirmFindings.replaceChildren(
    ...errors.map((f) => {
      const item = document.createElement('li');
      item.textContent = `${f.code}: ${f.message}`;
      return item;
    }),
  );
  ui.confirm.returnValue = '';
  ui.confirm.showModal();
  return new Promise((settle) => ui.confirm.addEventListener('close', () => settle(ui.confirm.returnValue === 'approve'), { once: true }));
}

/** Approves in one request every cue shown clean: saved, translated, no finding, not approved yet. */
async function approveClean() {
  const clean = studio.edits.filter((e) => e.status === 'saved' && !e.dirty && e.text !== '' && e.state !== 'approved' && e.live.findings.length === 0);
  if (clean.length === 0) {
    ui.bulkStatus.textContent = 'No cue to approve: every cue without findings is approved already';
    return;
  }
  ui.approveClean.disabled = true;
  ui.bulkStatus.textContent = `Approving ${clean.length} cues…`;
  try {
    const result = await approveCues(studio.lang, clean.map((e) => ({ id: e.id, revision: e.saved.revision })));
    // A cue typed in since the request left keeps its typing, saved on the approved revision.
    for (const cue of result.cues) studio.edits[studio.index.get(cue.id) ?? -1]?.approvedHere(cue);
    savedAlso(studio.lang, result.also);
    // A cue refused because another reviewer changed it meanwhile shows their version now: it was not being edited here.
    const stale = result.refused.filter((r) => r.reason.includes('changed since revision'));
    if (stale.length > 0) {
      const cues = await getTrack(studio.lang);
      for (const { id } of stale) {
        const edit = studio.edits[studio.index.get(id) ?? -1];
        const current = cues.find((c) => c.id === id);
        if (edit !== undefined && current !== undefined && !edit.dirty) edit.replace(current);
      }
    }
    applyFilters();
    const refused = result.refused.map((r) => `cue ${r.id}: ${r.reason}`);
    ui.bulkStatus.textContent = `Approved ${result.cues.length} ${result.cues.length === 1 ? 'cue' : 'cues'}${refused.length > 0 ? `; not approved: ${refused.join('; ')}` : ''}`;
  } catch (error) {
    ui.bulkStatus.textContent = `Nothing approved: ${error instanceof Error ? error.message : String(error)}`;
  } finally {
    ui.approveClean.disabled = false;
  }
}

/** The cue keys act on: the one being edited, else the one playing, else the first. */
function currentIndex() {
  // The cue whose row holds the focus; once the focus left the list (the Play button), the one under the picture.
  if (studio.current !== null && (ui.list.contains(document.activeElement) || studio.playing < 0)) return studio.index.get(studio.current.id) ?? 0;
  return studio.playing >= 0 ? studio.playing : 0;
}

/** Moves to the next (or previous) cue the filters show: seeks there and puts the cursor in its translation. @param {number} from @param {1 | -1} step */
function go(from, step) {
  for (let i = from + step; i >= 0 && i < studio.edits.length; i += step) {
    const edit = /** @type {CueEdit} */ (studio.edits[i]);
    if (!matchesFilter(edit)) continue;
    const row = rowAt(i);
    if (row === undefined) return;
    seek(edit);
    row.textarea.focus();
    row.node.scrollIntoView({ block: 'nearest' });
    return;
  }
}

/** @param {KeyboardEvent} event */
function onKey(event) {
  if (document.querySelector('dialog[open]') !== null || studio.loading) return;
  const edit = studio.edits[currentIndex()];
  /** @type {(() => void) | null} */
  let action = null;
  if (event.ctrlKey && !event.altKey && event.code === 'Space') action = () => player.toggle();
  else if (event.altKey && !event.ctrlKey && event.key === 'ArrowDown') action = () => go(currentIndex(), 1);
  else if (event.altKey && !event.ctrlKey && event.key === 'ArrowUp') action = () => go(currentIndex(), -1);
  else if (event.altKey && !event.ctrlKey && event.code === 'KeyR' && edit !== undefined) action = () => {
    player.seek(edit.saved.start);
    player.play();
  };
  else if (event.ctrlKey && !event.altKey && event.key === 'Enter' && edit !== undefined) action = () => {
    const from = currentIndex();
    void decide(edit, 'approved').then((done) => {
      if (done) go(from, 1);
    });
  };
  else if (event.altKey && !event.ctrlKey && event.code === 'KeyZ' && edit !== undefined) action = () => (event.shiftKey ? edit.redo() : edit.undo());
  if (action === null) return;
  event.preventDefault();
  action();
}

start().catch((error) => {
  ui.fatal.hidden = false;
  ui.fatal.textContent = `The studio could not start: ${error instanceof Error ? error.message : String(error)}`;
  ui.saveStatus.textContent = '';
});
