// @ts-check
import { check, putCue } from './api.js';

/**
 * @typedef {import('./api.js').StudioCue} StudioCue
 * @typedef {import('./api.js').CueState} CueState
 * @typedef {import('./api.js').Finding} Finding
 * @typedef {'saved' | 'unsaved' | 'saving' | 'conflict' | 'error'} SaveStatus
 * @typedef {'edit' | 'undo' | 'redo'} EditKind
 * @typedef {Pick<StudioCue, 'findings' | 'budget' | 'metrics'>} Live
 */

/** A reviewer stops typing for this long, and the change is saved: well within the second the issue allows. */
export const SAVE_AFTER_MS = 500;
/** QC and figures follow typing more closely than saves do; the server answers them. */
const CHECK_AFTER_MS = 150;
/** A save the network or the server failed is tried again after this long; nothing typed is dropped meanwhile. */
const RETRY_AFTER_MS = 3000;

/** A cue's QC, as the server worked it out for its text. @param {StudioCue} cue @returns {Live} */
function liveOf(cue) {
  return { findings: cue.findings, budget: cue.budget, metrics: cue.metrics };
}

/**
 * Whether the cue as the server holds it now differs from the one shown only
 * by what it is checked against (the QC profile or frame rate the config
 * names now): nobody changed it, so there is no version to choose, only
 * findings to see.
 * @param {StudioCue} theirs @param {StudioCue} mine
 */
function checkedAnew(theirs, mine) {
  return theirs.text === mine.text && theirs.state === mine.state && theirs.comment === mine.comment && theirs.source === mine.source && theirs.start === mine.start && theirs.end === mine.end && JSON.stringify(theirs.terms) === JSON.stringify(mine.terms);
}

/**
 * One cue as the reviewer works on it: what the server last saved, what the
 * page holds now, and the save between them. Saves go one at a time, each
 * naming the revision it was made on; a stale one is kept aside as a
 * conflict for the reviewer to settle, never retried over the other version.
 */
export class CueEdit {
  /**
   * @param {string} lang
   * @param {StudioCue} cue
   * @param {(edit: CueEdit, external: boolean) => void} changed called after every change of state; `external` when the text or comment changed other than by typing
   * @param {(lang: string, cues: StudioCue[]) => void} [savedAlso] called with the other cues a save changed (the same sentence said elsewhere)
   */
  constructor(lang, cue, changed, savedAlso = () => {}) {
    this.lang = lang;
    // Declared for their types; `load` sets them, here and whenever the cue is shown afresh.
    /** The cue as the server last answered it. @type {StudioCue} */
    this.saved;
    /**
     * The text and comment as typed when the server last took them. The server keeps its own form (trimmed,
     * line breaks tidied); comparing with what was typed, not with that, keeps a pause after a space from
     * rewriting the text box under the cursor.
     * @type {{ text: string, comment: string }}
     */
    this.basis;
    /** @type {string} */
    this.text;
    /** @type {string} */
    this.comment;
    /** QC of `text`: the saved cue's until a check answers for what was typed. @type {Live} */
    this.live;
    /** @type {SaveStatus} */
    this.status;
    /** The server's reason when a save was refused or failed. @type {string} */
    this.error;
    /** @type {StudioCue | null} the other version, when a save was stale */
    this.conflict = null;
    /** Saved texts to go back to, and texts undone. @type {string[]} */
    this.undone = [];
    /** @type {string[]} */
    this.redone = [];
    /** @type {CueState | null} a decision waiting for the save in flight */
    this.wantState = null;
    /** An approval the server refused because the page had not shown the cue's findings: it waits to be asked again. */
    this.heldBack = false;
    /** @type {EditKind} what the next save records in the undo history */
    this.kind = 'edit';
    this.changed = changed;
    this.savedAlso = savedAlso;
    /** @type {Promise<void> | null} */
    this.inFlight = null;
    /** The text `live` is QC of. @type {string} */
    this.liveText;
    /** The revision this page's own "approve all" gave the cue, while a save made before it was on its way. @type {string | null} */
    this.approvedRevision = null;
    this.again = false;
    /** @type {ReturnType<typeof setTimeout> | undefined} */
    this.saveTimer = undefined;
    /** @type {ReturnType<typeof setTimeout> | undefined} */
    this.checkTimer = undefined;
    this.load(cue);
  }

  get id() {
    return this.saved.id;
  }

  /**
   * The state shown: a decision being saved already counts, but not one the
   * server refused as stale: until the conflict is settled the cue is what
   * the server holds, and is counted so.
   */
  get state() {
    return this.status === 'conflict' ? this.saved.state : (this.wantState ?? this.saved.state);
  }

  get dirty() {
    return this.text !== this.basis.text || this.comment !== this.basis.comment || (this.wantState !== null && this.wantState !== this.saved.state);
  }

  get hasError() {
    return this.live.findings.some((f) => f.severity === 'error');
  }

  /** @param {string} text */
  setText(text) {
    this.text = text;
    this.kind = 'edit';
    this.touch();
    this.checkSoon();
  }

  /** @param {string} comment */
  setComment(comment) {
    this.comment = comment;
    this.touch();
  }

  /**
   * Draft → reviewed → approved: saved at once, with whatever was typed.
   * Resolves false when an approval was held back: the cue is checked under
   * findings the page had not shown, which the reviewer sees first.
   * @param {CueState} state
   */
  async decide(state) {
    this.wantState = state;
    this.heldBack = false;
    // A save already on its way goes first, the decision with the one after it: resolved once that is answered.
    do await this.flush();
    while (this.inFlight !== null);
    return !this.heldBack;
  }

  /** After the save in flight: its answer adds the text it replaced to the history this steps through. */
  async undo() {
    await this.flush();
    this.step(this.undone, this.redone, 'undo');
  }

  async redo() {
    await this.flush();
    this.step(this.redone, this.undone, 'redo');
  }

  /** Resolves when `live` is QC of the text as typed now (or the check could not be made). */
  async checked() {
    if (this.liveText === this.text) return;
    clearTimeout(this.checkTimer);
    await this.checkNow();
  }

  /** @param {string[]} from @param {string[]} to @param {EditKind} kind */
  step(from, to, kind) {
    const text = from.pop();
    if (text === undefined) return;
    to.push(this.text);
    this.text = text;
    this.kind = kind;
    this.touch(true);
    this.checkSoon();
  }

  /**
   * Keeps the reviewer's version over the other one, saved again on the other's revision: what the reviewer
   * changed wins; what they left alone (the comment, say) takes the other version's. An approval is not sent
   * with it: the other version has findings of its own, to be asked about first. Returns whether one was held so.
   */
  keepMine() {
    const theirs = this.conflict;
    if (theirs === null) return false;
    if (this.text === this.basis.text) this.text = theirs.text;
    if (this.comment === this.basis.comment) this.comment = theirs.comment;
    this.saved = theirs;
    this.basis = { text: theirs.text, comment: theirs.comment };
    this.conflict = null;
    const approving = this.holdApproval();
    this.recheck(theirs);
    this.status = this.dirty ? 'unsaved' : 'saved';
    this.changed(this, true);
    void this.flush();
    return approving;
  }

  /** Drops an approval waiting to be saved, for the reviewer to be asked again; returns whether there was one. */
  holdApproval() {
    if (this.wantState !== 'approved') return false;
    this.wantState = null;
    this.heldBack = true;
    return true;
  }

  /** QC as the server holds it now for the cue's saved text; a text typed over it is checked again. @param {StudioCue} cue */
  recheck(cue) {
    this.live = liveOf(cue);
    this.liveText = cue.text;
    if (this.text !== cue.text) this.checkSoon();
  }

  /** Takes the other version as it is: nothing of the reviewer's is saved. */
  takeTheirs() {
    if (this.conflict === null) return;
    const theirs = this.conflict;
    this.conflict = null;
    this.wantState = null;
    this.show(theirs);
  }

  /**
   * The cue as this page's own "approve all" saved it. Typed in meanwhile, it
   * keeps the typing, to be saved on the approved revision: a save already on
   * its way, made on the revision before, comes back stale and goes again.
   * @param {StudioCue} cue
   */
  approvedHere(cue) {
    if (this.conflict !== null) return;
    if (!this.dirty && this.inFlight === null) {
      this.show(cue);
      return;
    }
    this.saved = cue;
    this.approvedRevision = cue.revision;
    this.changed(this, false);
    if (this.inFlight === null) void this.flush();
  }

  /** The cue as another request saved it (approve all), unless something here waits to be saved. @param {StudioCue} cue */
  replace(cue) {
    if (this.dirty || this.inFlight !== null || this.conflict !== null) return;
    this.show(cue);
  }

  /** @param {StudioCue} cue */
  show(cue) {
    this.load(cue);
    this.changed(this, true);
  }

  /** Everything shown taken from `cue`, as saved. @param {StudioCue} cue */
  load(cue) {
    this.saved = cue;
    this.basis = { text: cue.text, comment: cue.comment };
    this.text = cue.text;
    this.comment = cue.comment;
    this.live = liveOf(cue);
    this.liveText = cue.text;
    this.status = 'saved';
    this.error = '';
  }

  /** @param {boolean} [external] */
  touch(external = false) {
    if (this.status !== 'conflict') {
      this.status = this.dirty ? 'unsaved' : 'saved';
      this.error = '';
    }
    this.changed(this, external);
    clearTimeout(this.saveTimer);
    if (this.dirty) this.saveTimer = setTimeout(() => void this.flush(), SAVE_AFTER_MS);
  }

  checkSoon() {
    clearTimeout(this.checkTimer);
    this.checkTimer = setTimeout(() => void this.checkNow(), CHECK_AFTER_MS);
  }

  async checkNow() {
    const text = this.text;
    try {
      const live = await check(this.lang, this.id, text);
      // An answer for a text since typed over is not shown.
      if (text !== this.text) return;
      this.live = live;
      this.liveText = text;
      this.changed(this, false);
    } catch {
      // The figures stay those of the last answer; the save reports what is wrong with the server.
    }
  }

  /** Saves what differs from the saved cue now; resolves when nothing is left to save or the save stopped. @returns {Promise<void>} */
  flush() {
    clearTimeout(this.saveTimer);
    if (this.inFlight !== null) {
      this.again = true;
      return this.inFlight;
    }
    if (this.conflict !== null || !this.dirty) return Promise.resolve();
    this.inFlight = this.send().finally(() => {
      this.inFlight = null;
    });
    return this.inFlight.then(() => {
      if (this.again) {
        this.again = false;
        return this.flush();
      }
      return undefined;
    });
  }

  async send() {
    const before = this.basis;
    const sent = { text: this.text, comment: this.comment, kind: this.kind };
    /** @type {import('./api.js').CueChange} */
    const change = { revision: this.saved.revision };
    if (sent.text !== before.text) change.text = sent.text;
    if (sent.comment !== before.comment) change.comment = sent.comment;
    if (this.wantState !== null && this.wantState !== this.saved.state) change.state = this.wantState;
    this.status = 'saving';
    this.changed(this, false);
    let result;
    try {
      result = await putCue(this.lang, this.id, change);
    } catch (error) {
      this.status = 'error';
      this.error = `${error instanceof Error ? error.message : String(error)}; trying again`;
      this.changed(this, false);
      clearTimeout(this.saveTimer);
      this.saveTimer = setTimeout(() => void this.flush(), RETRY_AFTER_MS);
      return;
    }
    if (result.ok) {
      this.saved = result.cue;
      this.approvedRevision = null;
      this.basis = { text: sent.text, comment: sent.comment };
      if (this.wantState !== null && result.cue.state === this.wantState) this.wantState = null;
      if (change.text !== undefined && sent.kind === 'edit') {
        this.undone.push(before.text);
        this.redone = [];
      }
      if (this.text === sent.text) {
        this.live = liveOf(result.cue);
        this.liveText = sent.text;
      }
      this.status = this.dirty ? 'unsaved' : 'saved';
      this.error = '';
      this.changed(this, false);
      this.savedAlso(this.lang, result.also);
      if (this.dirty) this.again = true;
    } else if ('stale' in result && result.stale.revision === this.approvedRevision) {
      // Stale only for this page's own approval, which came back first: the typing goes again on it.
      this.status = this.dirty ? 'unsaved' : 'saved';
      this.changed(this, false);
      if (this.dirty) this.again = true;
    } else if ('stale' in result && checkedAnew(result.stale, this.saved)) {
      // Checked under another profile or frame rate since the page loaded: the findings are shown; an edit goes
      // again at once, an approval waits for the reviewer to see them (`decide` resolves false).
      this.saved = result.stale;
      this.holdApproval();
      this.recheck(result.stale);
      this.status = this.dirty ? 'unsaved' : 'saved';
      this.changed(this, false);
      if (this.dirty) this.again = true;
    } else if ('stale' in result) {
      this.conflict = result.stale;
      this.status = 'conflict';
      this.changed(this, false);
    } else {
      this.wantState = null;
      this.status = 'error';
      this.error = result.message;
      this.changed(this, false);
    }
  }
}
