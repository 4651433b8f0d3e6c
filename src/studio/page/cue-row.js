// @ts-check
import { diffText } from './diff.js';
import { clock } from './time.js';

/**
 * @typedef {import('./cue-edit.js').CueEdit} CueEdit
 * @typedef {import('./api.js').StudioProfile} StudioProfile
 * @typedef {{ seek: (edit: CueEdit) => void, decide: (edit: CueEdit, state: 'reviewed' | 'approved') => void, focus: (edit: CueEdit) => void }} RowActions
 */

const STATUS = { saved: 'Saved', unsaved: 'Unsaved changes', saving: 'Saving…', conflict: 'Conflict: choose a version', error: 'Not saved' };

/**
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag @param {string} [className] @param {string} [text]
 * @returns {HTMLElementTagNameMap[K]}
 */
function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className !== undefined) node.className = className;
  // Cue texts come from files and other people: always text, never markup.
  if (text !== undefined) node.textContent = text;
  return node;
}

/**
 * A button whose accessible name holds its visible label, so that a voice user saying what they see reaches it.
 * @param {string} label @param {string} name @param {() => void} action
 */
function button(label, name, action) {
  const b = el('button', undefined, label);
  b.type = 'button';
  b.setAttribute('aria-label', name);
  b.addEventListener('click', action);
  return b;
}

/** One decimal, as QC reports figures. @param {number} n */
const fixed1 = (n) => (Math.round(n * 10) / 10).toFixed(1);

/** A cue in the list: its source, its translation being edited, its figures, findings, glossary terms, machine draft and decisions. */
export class CueRow {
  /**
   * @param {CueEdit} edit
   * @param {{ sourceLang: string, lang: string, profile: StudioProfile, actions: RowActions }} context
   */
  constructor(edit, context) {
    const id = edit.id;
    const cue = edit.saved;
    this.edit = edit;
    this.context = context;
    this.node = el('li', 'cue');
    this.node.dataset['cueId'] = id;
    this.node.id = `cue-${id}`;

    const head = el('div', 'cue-head');
    head.append(el('span', 'cue-number', id));
    const times = `${clock(cue.start)} → ${clock(cue.end)}`;
    const seek = button(times, `Seek to cue ${id}, ${times}`, () => context.actions.seek(edit));
    seek.className = 'seek';
    head.append(seek, el('span', 'duration', `${fixed1((cue.end - cue.start) / 1000)} s`));
    this.badge = el('span', 'state');
    // Plain text: the page's one live status announces saves; a live region a row would talk over typing.
    this.status = el('span', 'save-status');
    head.append(this.badge, this.status);

    const source = el('div', 'source');
    source.append(el('span', 'label', `Source (${context.sourceLang})`));
    this.sourceText = el('p', 'text', cue.source);
    this.sourceText.lang = context.sourceLang;
    source.append(this.sourceText);
    if (cue.repeats !== undefined && cue.repeats.length > 0) {
      const others = cue.repeats.map((r) => `cue ${r}`).join(', ');
      source.append(el('p', 'repeats', `Said again at ${others}: one translation for all, saved with this one.`));
    }

    const target = el('div', 'target');
    this.textarea = el('textarea', 'translation');
    this.textarea.setAttribute('aria-label', `Translation of cue ${id}`);
    this.textarea.lang = context.lang;
    this.textarea.spellcheck = true;
    this.textarea.value = edit.text;
    this.textarea.rows = Math.max(2, edit.text.split('\n').length);
    // Text an input method is still composing (kana before the kanji is chosen) is not the translator's yet:
    // it is taken when the composition ends, so no pause while choosing saves half-typed text, nor enters Undo.
    this.textarea.addEventListener('input', (event) => {
      if (!(/** @type {InputEvent} */ (event)).isComposing) edit.setText(this.textarea.value);
    });
    this.textarea.addEventListener('compositionend', () => edit.setText(this.textarea.value));
    this.textarea.addEventListener('focus', () => context.actions.focus(edit));
    this.error = el('p', 'save-error');
    this.error.hidden = true;
    this.figures = el('ul', 'figures');
    this.figures.setAttribute('aria-label', `Figures of cue ${id}`);
    this.findings = el('ul', 'findings');
    this.findings.setAttribute('aria-label', `Findings on cue ${id}`);
    this.terms = el('ul', 'terms');
    this.terms.setAttribute('aria-label', `Glossary terms in cue ${id}`);
    this.machine = el('div', 'machine');
    this.conflict = el('div', 'conflict');
    this.conflict.hidden = true;
    this.conflict.setAttribute('role', 'group');
    this.conflict.setAttribute('aria-label', `Conflict on cue ${id}`);
    this.theirs = el('p', 'text');
    this.theirsMeta = el('p', 'meta');
    this.conflictTitle = el('p', 'conflict-title');
    this.conflict.append(
      this.conflictTitle,
      this.theirs,
      this.theirsMeta,
      button('Keep mine', `Keep mine: my version of cue ${id}`, () => {
        // An approval kept is asked again on the findings of the version it now goes onto.
        if (edit.keepMine()) context.actions.decide(edit, 'approved');
      }),
      button('Take theirs', `Take theirs: their version of cue ${id}`, () => edit.takeTheirs()),
    );

    const commentLabel = el('label', 'comment');
    commentLabel.append(el('span', 'label', 'Comment'));
    this.commentBox = el('textarea');
    this.commentBox.rows = 1;
    this.commentBox.setAttribute('aria-label', `Comment on cue ${id}`);
    this.commentBox.value = edit.comment;
    this.commentBox.addEventListener('input', (event) => {
      if (!(/** @type {InputEvent} */ (event)).isComposing) edit.setComment(this.commentBox.value);
    });
    this.commentBox.addEventListener('compositionend', () => edit.setComment(this.commentBox.value));
    this.commentBox.addEventListener('focus', () => context.actions.focus(edit));
    commentLabel.append(this.commentBox);

    const actions = el('div', 'actions');
    this.reviewButton = button('Mark reviewed', `Mark reviewed: cue ${id}`, () => context.actions.decide(edit, 'reviewed'));
    this.approveButton = button('Approve', `Approve cue ${id}`, () => context.actions.decide(edit, 'approved'));
    this.undoButton = button('Undo', `Undo the last saved change to cue ${id}`, () => edit.undo());
    this.redoButton = button('Redo', `Redo the change undone on cue ${id}`, () => edit.redo());
    actions.append(this.reviewButton, this.approveButton, this.undoButton, this.redoButton);

    target.append(el('span', 'label', `Translation (${context.lang})`), this.textarea, this.error, this.conflict, this.figures, this.findings, this.terms, this.machine, commentLabel, actions);
    const body = el('div', 'cue-body');
    body.append(source, target);
    this.node.append(head, body);
    this.update(false);
  }

  /** Shows the edit as it stands; the text boxes are rewritten only when their text changed other than by typing. @param {boolean} external */
  update(external) {
    const edit = this.edit;
    if (external) {
      if (this.textarea.value !== edit.text) this.textarea.value = edit.text;
      if (this.commentBox.value !== edit.comment) this.commentBox.value = edit.comment;
    }
    if (this.sourceText.textContent !== edit.saved.source) this.sourceText.textContent = edit.saved.source;
    const rows = Math.max(2, edit.text.split('\n').length);
    if (this.textarea.rows !== rows) this.textarea.rows = rows;
    const node = this.node;
    node.dataset['state'] = edit.state;
    node.dataset['status'] = edit.status;
    node.dataset['attention'] = String(needsAttention(edit));
    node.dataset['findings'] = edit.live.findings.map((f) => f.code).join(' ');
    node.dataset['severity'] = edit.live.findings.some((f) => f.severity === 'error') ? 'error' : edit.live.findings.length > 0 ? 'warning' : '';
    this.badge.textContent = edit.text === '' && edit.saved.origin === 'untranslated' ? 'untranslated' : edit.state;
    this.status.textContent = STATUS[edit.status];
    this.error.hidden = edit.error === '';
    this.error.textContent = edit.error;
    this.reviewButton.disabled = edit.state !== 'draft';
    this.approveButton.disabled = edit.state === 'approved';
    this.undoButton.disabled = edit.undone.length === 0;
    this.redoButton.disabled = edit.redone.length === 0;
    this.showFigures();
    this.showFindings();
    this.showTerms();
    this.showMachine();
    this.showConflict();
  }

  showFigures() {
    const { metrics, budget } = this.edit.live;
    const { profile, lang } = this.context;
    const cps = profile.maxCps[lang];
    const width = profile.maxCharsPerLine[lang];
    /** @type {[string, boolean][]} */
    const figures = [
      [`${fixed1(metrics.charsPerSecond)}${cps !== undefined ? ` / ${cps}` : ''} chars/s`, cps !== undefined && metrics.charsPerSecond > cps],
      [`${metrics.lines} / ${profile.maxLines} lines`, metrics.lines > profile.maxLines],
      [`${metrics.maxLineWidth}${width !== undefined ? ` / ${width}` : ''} chars/line`, width !== undefined && metrics.maxLineWidth > width],
      [`${budget.used} / ${budget.budget} characters`, budget.used > budget.budget],
    ];
    this.figures.replaceChildren(
      ...figures.map(([text, over]) => el('li', over ? 'over' : undefined, text)),
    );
  }

  showFindings() {
    this.findings.replaceChildren(
      ...this.edit.live.findings.map((f) => {
        const item = el('li', `finding ${f.severity}`);
        item.append(el('span', 'severity', f.severity), ' ', el('code', undefined, f.code), ' ', el('span', 'message', f.message));
        return item;
      }),
    );
  }

  showTerms() {
    const edit = this.edit;
    const lower = edit.text.toLocaleLowerCase();
    this.terms.replaceChildren(
      ...edit.saved.terms.map((term) => {
        const item = el('li', 'term');
        item.append(el('span', 'term-source', term.source), ' → ');
        const insert = button(term.preferred, `Insert “${term.preferred}” into cue ${edit.id}`, () => this.insert(term.preferred));
        insert.className = lower.includes(term.preferred.toLocaleLowerCase()) ? 'preferred present' : 'preferred missing';
        item.append(insert);
        for (const word of term.forbidden) {
          const found = lower.includes(word.toLocaleLowerCase());
          const mark = el(found ? 'strong' : 'span', found ? 'forbidden found' : 'forbidden', found ? `forbidden “${word}” is in the translation` : `not “${word}”`);
          item.append(' ', mark);
        }
        return item;
      }),
    );
  }

  showMachine() {
    const { machine } = this.edit.saved;
    const label = el('span', 'label', 'Machine draft');
    if (machine === null) {
      this.machine.replaceChildren(label, el('p', 'none', 'none'));
      return;
    }
    const draft = el('p', 'text', machine);
    const changes = el('p', 'text diff');
    changes.setAttribute('aria-label', `Changes to the machine draft of cue ${this.edit.id}`);
    if (machine === this.edit.text) changes.append(el('span', 'none', 'unchanged'));
    else for (const part of diffText(machine, this.edit.text)) changes.append(part.op === 'same' ? document.createTextNode(part.text) : el(part.op, undefined, part.text));
    this.machine.replaceChildren(label, draft, el('span', 'label', 'Your changes'), changes);
  }

  showConflict() {
    const theirs = this.edit.conflict;
    this.conflict.hidden = theirs === null;
    if (theirs === null) return;
    const mine = this.edit.saved;
    const findings = theirs.findings.length === 0 ? 'no findings' : `findings now: ${theirs.findings.map((f) => f.code).join(', ')}`;
    // A new cut renumbers cues: the cue now at this id may translate another sentence.
    this.conflictTitle.textContent =
      theirs.source !== mine.source
        ? `The film was cut anew since this page loaded: cue ${theirs.id} now translates “${theirs.source}”, not “${mine.source}”. Your text is not saved; take the cue as it is now (reload the page to see the new cut), or keep yours only if it translates the new source. Its translation:`
        : theirs.start !== mine.start || theirs.end !== mine.end
          ? `The film was cut anew (or the config's frame rate changed) since this page loaded: cue ${theirs.id} now runs ${clock(theirs.start)}–${clock(theirs.end)}, not ${clock(mine.start)}–${clock(mine.end)} (${findings}). Nothing of your change is saved; take the cue as it is now (reload the page to see the new cut), or keep yours after checking it against the new timing. Its translation:`
          : JSON.stringify(theirs.terms) !== JSON.stringify(mine.terms)
            ? `The glossary changed since this page loaded: cue ${theirs.id} is now checked against ${theirs.terms.length === 0 ? 'no glossary term' : theirs.terms.map((t) => `${t.source} → ${t.preferred}${t.forbidden.length > 0 ? ` (not ${t.forbidden.join(', ')})` : ''}`).join('; ')} (${findings}). Nothing of your change is saved; take the cue as it is now (reload the page to see every cue under the new glossary), or keep yours after checking it. Its translation:`
            : theirs.repeats !== undefined && theirs.repeats.length > 0
          ? `This cue was saved while you were editing it, by someone else or at ${theirs.repeats.map((r) => `cue ${r}`).join(', ')} (the same sentence, one translation for all). Their version:`
          : 'Someone else saved this cue while you were editing it. Their version:';
    this.theirs.textContent = theirs.text;
    this.theirsMeta.textContent = `${theirs.state}${theirs.reviewer !== undefined ? `, by ${theirs.reviewer}` : ''}${theirs.comment !== '' ? `; comment: ${theirs.comment}` : ''}`;
  }

  /** The preferred rendering at the cursor, replacing a selection, as if typed. @param {string} text */
  insert(text) {
    const box = this.textarea;
    box.focus();
    box.setRangeText(text, box.selectionStart, box.selectionEnd, 'end');
    this.edit.setText(box.value);
  }
}

/** As the review sheet counts it: a finding on it, or nobody has reviewed it yet. @param {CueEdit} edit */
export function needsAttention(edit) {
  return edit.live.findings.length > 0 || edit.state === 'draft';
}
