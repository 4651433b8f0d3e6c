import { createHash } from 'node:crypto';
import { isNoncharacter } from '../formats/shared/character-reference.js';
import { codePointName } from '../formats/shared/control-characters.js';
import { compareStatus, lowestStatus } from '../memory/precedence.js';
import { STUDIO_PROVIDER, type MemoryEntry, type MemoryStatus } from '../memory/store.js';
import { fromTagged, plainOf, taggedOf, type TaggedText } from '../model/tagged-text.js';
import { sameStyle, span, type Style } from '../model/spans.js';
import type { FrameRate, Ms } from '../model/track.js';
import type { Profile } from '../qc/index.js';
import type { LanguagePair, Unit } from '../model/unit.js';
import { draftedBy } from './drafted-by.js';
import type { CueChange } from './review-session-types.js';

/** What the memory holds for one unit, cue by cue: the state a change is planned on. */
export interface UnitRecord {
  /** The unit's source, cue by cue: what the texts translate. */
  source: readonly TaggedText[];
  texts: TaggedText[];
  states: MemoryStatus[];
  comments: string[];
  /** The machine provider whose draft each cue is (`''`: a person's; see `draftedBy`); absent when no cue is. */
  drafters?: string[];
}

/** Longest translation and comment a change may carry: a cue is a line or two; more is a paste gone wrong. */
export const MAX_TEXT = 1000;
export const MAX_COMMENT = 2000;

// Line breaks (\n, \r\n, \r, and NEL, U+2028 and U+2029 from a word processor) are the reviewer's, and a tab
// pasted from a table or a web page is a space to the reader; any other control character is a paste gone wrong.
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u0084\u0086-\u009f]/;
const LINE_BREAK = /\r\n|[\r\n\u0085\u2028\u2029]/;
const STATES: readonly MemoryStatus[] = ['draft', 'reviewed', 'approved'];

/**
 * The first character a reviewer's text or comment may not hold, and where:
 * a control character, half of a surrogate pair, or a noncharacter (U+FFFE,
 * U+FFFF …), which subloc's readers drop from a subtitle file, so that a
 * draft carrying one would read back as an edit nobody made.
 */
function strayCharacter(text: string): string | undefined {
  let index = 0;
  for (const char of text) {
    const code = char.codePointAt(0)!;
    const at = `at character ${index + 1}`;
    if (CONTROL.test(char)) return `the control character ${codePointName(code)} ${at}`;
    if (code >= 0xd800 && code <= 0xdfff) return `half of a character (the lone surrogate ${codePointName(code)}) ${at}`;
    if (isNoncharacter(code)) return `the noncharacter ${codePointName(code)} ${at}, which no subtitle file may carry`;
    index += char.length;
  }
  return undefined;
}

/** The unit as its exact memory entry says it; without one, every cue untranslated and a draft. */
export function unitRecord(unit: Unit, entry: MemoryEntry | undefined): UnitRecord {
  const n = unit.source.length;
  const source = unit.source;
  if (entry === undefined) return { source, texts: Array<string>(n).fill(''), states: Array<MemoryStatus>(n).fill('draft'), comments: Array<string>(n).fill('') };
  const record: UnitRecord = {
    source,
    texts: [...entry.target],
    states: entry.cueStatus === undefined ? Array<MemoryStatus>(n).fill(entry.status) : [...entry.cueStatus],
    comments: entry.comments === undefined ? Array<string>(n).fill('') : [...entry.comments],
  };
  const drafters = draftedBy(entry);
  if (drafters.some((p) => p !== '')) record.drafters = drafters;
  return record;
}

/** What a cue's findings are checked against besides its unit's record: the glossary's rules for the unit's terms, the QC rules, and the cue's timing. */
export interface CueBasis {
  /** The unit's own glossary version in the cue's language (`DraftVersions.own`). */
  glossaryVersion: string;
  /** The QC profile and frame rate the cue is checked under (`checkingRules`). */
  rules: string;
  /** The cue's times as the track is written: on the frame grid when there is one. */
  start: Ms;
  end: Ms;
}

/** A short name of the QC profile's figures and the frame rate, which a cue's findings depend on as much as on its text. */
export function checkingRules(profile: Profile, frameRate: FrameRate | undefined): string {
  return createHash('sha256')
    .update(JSON.stringify([profile, frameRate ?? null]))
    .digest('base64url')
    .slice(0, 16);
}

/**
 * Cue `k`'s revision: a hash of what a reviewer can change on it, so it
 * changes exactly when one of them does, and of the source it translates and
 * what it is checked against (`CueBasis`), so that a change made on a page
 * showing another cut (cues renumbered or retimed since), another glossary or
 * another QC profile or frame rate is refused rather than saved onto a
 * sentence, or approved under findings, the page did not show.
 */
export function cueRevision(record: UnitRecord, k: number, basis: CueBasis): string {
  return createHash('sha256')
    .update(JSON.stringify([record.source, k, record.texts[k], record.states[k], record.comments[k], basis.glossaryVersion, basis.rules, basis.start, basis.end]))
    .digest('base64url')
    .slice(0, 16);
}

/** The reviewer's text as a translation: lines trimmed, empty ones dropped, their breaks kept. */
function normalizeText(text: string): string {
  return text
    .replace(/\t/g, ' ')
    .split(LINE_BREAK)
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .join('\n');
}

/**
 * The new text in the stored text's styling. The studio edits plain text, so
 * styles are carried through the edit: what is unchanged before and after it
 * keeps its own style (a second speaker's italic line stays italic when the
 * first line is edited), and what was typed takes the style of the text it
 * replaced, when that had one, else of the text before it. Line breaks and
 * spaces may differ (the studio shows the fitted lines) without ending the
 * match.
 */
function styled(text: string, stored: TaggedText): TaggedText {
  // Each character with the span it stands in: its style is the span's (its text aside).
  const old = fromTagged(stored).flatMap((s) => [...s.text].map((char) => ({ char, style: s })));
  const typed = [...text];
  const style: (Style | undefined)[] = typed.map(() => undefined);
  const space = (c: string | undefined) => c !== undefined && /\s/.test(c);
  // From the start: equal characters, or white space on either side, match.
  let i = 0;
  let j = 0;
  while (i < old.length && j < typed.length) {
    if (old[i]!.char === typed[j]) style[j++] = old[i++]!.style;
    else if (space(typed[j])) style[j++] = old[i]!.style;
    else if (space(old[i]!.char)) i++;
    else break;
  }
  // From the end, not past what the start matched.
  let oi = old.length - 1;
  let tj = typed.length - 1;
  while (oi >= i && tj >= j) {
    if (old[oi]!.char === typed[tj]) style[tj--] = old[oi--]!.style;
    else if (space(typed[tj])) style[tj--] = old[oi]!.style;
    else if (space(old[oi]!.char)) oi--;
    else break;
  }
  // What was typed in between: the style of what it replaced, when one style covered that, else its neighbour's.
  const replaced = old.slice(i, oi + 1).filter((c) => !space(c.char));
  const covering = replaced.length > 0 && replaced.every((c) => sameStyle(replaced[0]!.style, c.style)) ? replaced[0]!.style : undefined;
  for (let k = j; k <= tj; k++) style[k] = covering ?? style[k - 1] ?? style[tj + 1] ?? old[0]?.style ?? {};
  return taggedOf(typed.map((char, k) => span(char, style[k] ?? {})));
}

/** A typed text as it is stored: lines trimmed, breaks kept, markup characters as text, the stored text's styling kept. */
export function typedText(text: string, stored: TaggedText): TaggedText {
  return styled(normalizeText(text), stored);
}

export type ChangeResult = { record: UnitRecord; changed: boolean } | { refused: 'stale' | 'invalid'; message: string };

export interface ChangeContext {
  cueId: string;
  language: string;
  /** The cue's text as the studio shows it (the track's lines): sent back unchanged, it changes nothing. */
  shown: string;
  basis: CueBasis;
}

/**
 * A change to cue `k` of a unit, planned on what the memory holds. The
 * memory's rule holds cue by cue: a state only stays or goes up (draft →
 * reviewed → approved), so a decision is never taken back; a text edit keeps
 * the cue's state; a cue is never emptied, nor reviewed without a text.
 */
export function applyCueChange(record: UnitRecord, k: number, change: CueChange, ctx: ChangeContext): ChangeResult {
  const where = `cue ${ctx.cueId} (${ctx.language})`;
  const invalid = (message: string): ChangeResult => ({ refused: 'invalid', message: `${where}: ${message}` });
  if (change.text === undefined && change.state === undefined && change.comment === undefined) return invalid('the change has no `text`, `state` or `comment`; expected at least one');
  const revision = cueRevision(record, k, ctx.basis);
  if (change.revision !== revision) {
    return { refused: 'stale', message: `${where} changed since revision ${change.revision} was shown (its text, state or comment, or its source, timing, glossary terms, QC profile or frame rate; it is now ${revision}); nothing was saved: compare the current version and save again on it` };
  }
  const current = record.states[k]!;
  let text = record.texts[k]!;
  if (change.text !== undefined && change.text !== ctx.shown) {
    const stray = strayCharacter(change.text);
    if (stray !== undefined) return invalid(`\`text\` contains ${stray}; expected words and line breaks only (delete it and type again)`);
    const normalized = normalizeText(change.text);
    if (normalized === '') return invalid('`text` is empty; expected the translation (the studio never empties a cue)');
    if (normalized.length > MAX_TEXT) return invalid(`\`text\` has ${normalized.length} characters; expected at most ${MAX_TEXT}`);
    if (normalized !== normalizeText(ctx.shown)) text = styled(normalized, record.texts[k]!);
  }
  const state = change.state ?? current;
  if (!STATES.includes(state)) return invalid(`\`state\` is ${JSON.stringify(state)}; expected draft, reviewed or approved`);
  if (compareStatus(state, current) < 0) {
    return invalid(`the cue is ${current} and cannot go back to ${state}: a reviewer's decision is never taken back (the memory never downgrades reviewed or approved work); edit its text instead, which keeps it ${current}`);
  }
  if (state !== 'draft' && plainOf(text).trim() === '') return invalid(`the cue has no translation to mark ${state}; expected a \`text\` with it`);
  let comment = record.comments[k]!;
  if (change.comment !== undefined) {
    if (change.comment.length > MAX_COMMENT) return invalid(`\`comment\` has ${change.comment.length} characters; expected at most ${MAX_COMMENT}`);
    const stray = strayCharacter(change.comment);
    if (stray !== undefined) return invalid(`\`comment\` contains ${stray}; expected words and line breaks only (delete it and type again)`);
    // One line end, as the text's: a NEL or separator a tool pasted would not come back the same through a TMX or XLIFF.
    comment = change.comment.split(LINE_BREAK).join('\n').trim();
  }
  const changed = text !== record.texts[k] || state !== current || comment !== record.comments[k];
  if (!changed) return { record, changed };
  const with_ = <T>(list: T[], value: T) => list.map((v, i) => (i === k ? value : v));
  const next: UnitRecord = { source: record.source, texts: with_(record.texts, text), states: with_(record.states, state), comments: with_(record.comments, comment) };
  // A machine's draft the reviewer rewrote or decided is theirs now; one they only commented on is still the machine's.
  const drafters = record.drafters && (text !== record.texts[k] || state !== current ? with_(record.drafters, '') : record.drafters);
  if (drafters?.some((p) => p !== '')) next.drafters = drafters;
  return { record: next, changed };
}

/** The memory entry a reviewer's record becomes: the unit's status the lowest of its cues', matching under any glossary. */
export function reviewerEntry(unit: Unit, record: Omit<UnitRecord, 'source'>, ctx: { pair: LanguagePair; reviewer: string; now: string }): MemoryEntry {
  const status = lowestStatus(record.states);
  const entry: MemoryEntry = {
    sourceLang: ctx.pair.source,
    targetLang: ctx.pair.target,
    source: [...unit.source],
    target: [...record.texts],
    // Like a review import: a reviewer's translation holds whatever glossary version the next run drafts under.
    glossaryVersion: '',
    provider: STUDIO_PROVIDER,
    status,
    cueStatus: [...record.states],
    reviewer: ctx.reviewer,
    byReviewer: true,
    comments: [...record.comments],
    updatedAt: ctx.now,
  };
  // The cues of a machine's draft the reviewer left as they were stay the machine's (see `draftedBy`).
  if (record.drafters?.some((p) => p !== '')) entry.filledBy = [...record.drafters];
  return entry;
}
