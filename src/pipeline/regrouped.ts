import { cueStatusIn, highestStatus, lowestStatus, RANK } from '../memory/precedence.js';
import type { Diagnostic } from '../model/diagnostic.js';
import type { MemoryEntry, MemoryStatus, MemoryStore } from '../memory/store.js';
import { targetMissing, unitKey, type LanguagePair, type Suggestion, type Unit } from '../model/unit.js';
import { draftedBy } from './drafted-by.js';

/**
 * Cues `from` to `to` (exclusive) of a unit that one unit of an earlier cut
 * spans: `at[k - from]` is the earlier unit's cue that cue `k` is, -1 for a
 * cue put in since.
 */
interface Run {
  unit: Unit;
  from: number;
  to: number;
  at: number[];
  /** Only one shared cue, and the earlier unit's other cues are not beside it: see `runOf`. */
  weak: boolean;
}

/** A way to cover a unit's first cues with earlier units: the cues it gives words to, and the runs it takes. */
interface Cover {
  cues: number;
  pieces: { run: Run; entry: MemoryEntry }[];
}

/** A reviewer's work, or a human's imported one: a machine draft of another unit is asked again with its new sentence instead. */
function isHumanWork(entry: MemoryEntry): boolean {
  return entry.status !== 'draft' || entry.byReviewer === true;
}

/** The longest common run of equal cues, in order: pairs [cue of `a`, cue of `b`]. */
function sameCues(a: readonly string[], b: readonly string[]): [number, number][] {
  const longest = Array.from({ length: a.length + 1 }, () => Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) for (let j = b.length - 1; j >= 0; j--) longest[i]![j] = a[i] === b[j] ? longest[i + 1]![j + 1]! + 1 : Math.max(longest[i + 1]![j]!, longest[i]![j + 1]!);
  const pairs: [number, number][] = [];
  for (let i = 0, j = 0; i < a.length && j < b.length; ) {
    if (a[i] === b[j]) pairs.push([i++, j++]);
    else if (longest[i + 1]![j]! >= longest[i]![j + 1]!) i++;
    else j++;
  }
  return pairs;
}

/**
 * Where an earlier unit lies in a unit of the new cut, when the new cut only
 * moved its bounds: split it, cut cues from it, put cues into it, joined it
 * to others. Not where a cue of one took the place of a cue of the other: a
 * reworded cue changes its sentence, which is drafted again (see the fuzzy
 * suggestion). Nor where it shares fewer cues with the unit than it lost.
 * `neighbours` are the cues of the units drafted just before and after this
 * one: an earlier unit whose lost cues are all there was split. One that
 * shares a single cue and lost others elsewhere is `weak`: a short cue
 * (`好。`, `谢谢。`) may close many sentences, in other films of a shared
 * memory too, so such a cue is not taken for the same sentence re-cut.
 */
function runOf(unit: Unit, entry: MemoryEntry, neighbours: ReadonlySet<string>): Run | undefined {
  const pairs = sameCues(unit.source, entry.source);
  if (pairs.length === 0) return undefined;
  const bounds: [number, number][] = [[-1, -1], ...pairs, [unit.source.length, entry.source.length]];
  for (let p = 1; p < bounds.length; p++) {
    const [i0, j0] = bounds[p - 1]!;
    const [i1, j1] = bounds[p]!;
    // New cues where earlier ones were: a reworded cue, unless those earlier cues went on, unchanged, into a unit
    // beside this one (a cue put in that ends the sentence early splits it).
    if (i1 - i0 > 1 && j1 - j0 > 1 && !entry.source.slice(j0 + 1, j1).every((s) => neighbours.has(s))) return undefined;
  }
  const lost = entry.source.filter((s, j) => !pairs.some(([, pj]) => pj === j) && !neighbours.has(s));
  if (lost.length > pairs.length) return undefined;
  const from = pairs[0]![0];
  const to = pairs.at(-1)![0] + 1;
  const at = Array<number>(to - from).fill(-1);
  for (const [i, j] of pairs) at[i - from] = j;
  return { unit, from, to, at, weak: pairs.length === 1 && lost.length > 0 };
}

function cuesWithWords(run: Run, entry: MemoryEntry): number {
  const targets = run.unit.source.map((_, k) => (k >= run.from && k < run.to && run.at[k - run.from]! >= 0 ? entry.target[run.at[k - run.from]!]! : ''));
  const draft = { unitId: run.unit.id, targets, origin: 'memory-exact', provider: 'memory', billedCharacters: 0 } as const;
  return run.at.filter((j, i) => j >= 0 && !targetMissing(draft, run.unit, run.from + i)).length;
}

/** The cover giving words to the most cues, in the fewest pieces (the longest earlier units). */
function bestCover(unit: Unit, found: readonly { run: Run; entry: MemoryEntry }[]): Cover {
  const best: Cover[] = [{ cues: 0, pieces: [] }];
  for (let i = 1; i <= unit.source.length; i++) {
    let here = best[i - 1]!;
    for (const piece of found) {
      if (piece.run.to !== i) continue;
      const before = best[piece.run.from]!;
      const cues = before.cues + cuesWithWords(piece.run, piece.entry);
      if (cues > here.cues || (cues === here.cues && before.pieces.length + 1 < here.pieces.length)) here = { cues, pieces: [...before.pieces, piece] };
    }
    best.push(here);
  }
  return best[unit.source.length]!;
}

/** The unit's entry put together from the pieces: their cues as they were, every other cue empty and a draft. */
function entryOf(unit: Unit, pair: LanguagePair, pieces: Cover['pieces']): MemoryEntry {
  const n = unit.source.length;
  const target = Array<string>(n).fill('');
  const cueStatus = Array<MemoryStatus>(n).fill('draft');
  const comments = Array<string>(n).fill('');
  const filledBy = Array<string>(n).fill('');
  for (const { run, entry } of pieces) {
    const machine = draftedBy(entry);
    run.at.forEach((j, i) => {
      if (j < 0) return;
      target[run.from + i] = entry.target[j]!;
      // A weak match's translation may be another sentence's: kept as a draft, for the reviewer to confirm.
      cueStatus[run.from + i] = run.weak ? 'draft' : cueStatusIn(entry, j);
      comments[run.from + i] = entry.comments?.[j] ?? '';
      filledBy[run.from + i] = machine[j]!;
    });
  }
  const status = lowestStatus(cueStatus);
  const first = pieces[0]!.entry;
  const entry: MemoryEntry = {
    sourceLang: pair.source,
    targetLang: pair.target,
    source: [...unit.source],
    target,
    // Human work matches under any glossary version, as each piece did.
    glossaryVersion: '',
    provider: first.provider,
    status,
    updatedAt: pieces.map((p) => p.entry.updatedAt).reduce((a, b) => (Date.parse(b) > Date.parse(a) ? b : a)),
  };
  if (cueStatus.some((s) => s !== status)) entry.cueStatus = cueStatus;
  if (comments.some((c) => c !== '')) entry.comments = comments;
  if (filledBy.some((p) => p !== '')) entry.filledBy = filledBy;
  // A weak match's draft is nobody's decision: were it a reviewer's, the next film would take it as a sentence she translated.
  if (pieces.some((p) => p.run.weak)) return entry;
  if (first.reviewer !== undefined) entry.reviewer = first.reviewer;
  if (pieces.every((p) => p.entry.byReviewer === true)) entry.byReviewer = true;
  return entry;
}

/** Whether cue `k` of the regrouped entry is the later word on it than the exact entry's: the higher status, at equal status the newer, never an empty cue. */
function wins(regrouped: { entry: MemoryEntry; at: readonly string[] }, hit: MemoryEntry, k: number): boolean {
  if (regrouped.entry.target[k] === '') return false;
  if (hit.target[k] === undefined || hit.target[k] === '') return true;
  const status = RANK[cueStatusIn(regrouped.entry, k)] - RANK[cueStatusIn(hit, k)];
  return status > 0 || (status === 0 && regrouped.entry.target[k] !== hit.target[k] && Date.parse(regrouped.at[k]!) > Date.parse(hit.updatedAt));
}

/**
 * The unit's exact entry with the cues regrouping gives later work for, each
 * with its status and comment; undefined when it gives none. The exact entry
 * may be an earlier cut's (stored by the run on it) or another film's, and a
 * reviewer may have approved the cue since in another sentence unit.
 */
function merged(unit: Unit, hit: MemoryEntry, regrouped: { entry: MemoryEntry; at: readonly string[] }): { entry: MemoryEntry; taken: number[] } | undefined {
  const taken = unit.source.flatMap((_, k) => (wins(regrouped, hit, k) ? [k] : []));
  if (taken.length === 0) return undefined;
  const from = (k: number) => taken.includes(k);
  const cueStatus = unit.source.map((_, k) => cueStatusIn(from(k) ? regrouped.entry : hit, k));
  const comments = unit.source.map((_, k) => (from(k) ? regrouped.entry.comments?.[k] : hit.comments?.[k]) ?? '');
  const [machineHit, machineRegrouped] = [draftedBy(hit), draftedBy(regrouped.entry)];
  const filledBy = unit.source.map((_, k) => (from(k) ? machineRegrouped[k]! : machineHit[k]!));
  const status = lowestStatus(cueStatus);
  const updatedAt = [hit.updatedAt, ...taken.map((k) => regrouped.at[k]!)].reduce((a, b) => (Date.parse(b) > Date.parse(a) ? b : a));
  const entry: MemoryEntry = { ...hit, target: unit.source.map((_, k) => (from(k) ? regrouped.entry.target[k]! : hit.target[k]!)), status, updatedAt };
  delete entry.cueStatus;
  delete entry.comments;
  delete entry.filledBy;
  // A reviewer's cue in a machine draft makes it a reviewer's entry, matched under any glossary version as each piece was.
  if (hit.byReviewer !== true && regrouped.entry.byReviewer === true) {
    Object.assign(entry, { byReviewer: true, glossaryVersion: '' });
    if (regrouped.entry.reviewer !== undefined) entry.reviewer = regrouped.entry.reviewer;
  }
  if (cueStatus.some((st) => st !== status)) entry.cueStatus = cueStatus;
  if (comments.some((c) => c !== '')) entry.comments = comments;
  if (filledBy.some((p) => p !== '')) entry.filledBy = filledBy;
  return { entry, taken };
}

export interface Regrouped {
  entry: MemoryEntry;
  /** Of a unit with an exact entry: the cues the entry put together from earlier units replaced there (see `merged`). */
  over?: { hit: MemoryEntry; cues: number[] };
  /** Whether a cue came from a weak match only: a draft nobody decided, not stored as the unit's. */
  weak: boolean;
  /** The unit's exact entry stands as it is (`entry` is it), and only `before` is offered beside it: nothing to report or store. */
  offered?: true;
  /**
   * Of a weak match: the whole translation of the earlier sentence each cue
   * was lent from, cue by cue, with its best status: what the reviewer
   * confirmed before the cut took its other cues, offered beside the draft.
   */
  before?: Suggestion;
}

/** What the earlier sentences of a weak cover said, for each cue it lends words to (see `Regrouped.before`). */
function beforeOf(unit: Unit, pieces: Cover['pieces']): Suggestion {
  const targets = Array<string>(unit.source.length).fill('');
  const statuses: MemoryStatus[] = [];
  for (const { run, entry } of pieces) {
    run.at.forEach((j, i) => j >= 0 && (targets[run.from + i] = entry.target.join(' ')));
    statuses.push(...entry.source.map((_, j) => cueStatusIn(entry, j)));
  }
  const shared = pieces.reduce((n, p) => n + p.run.at.filter((j) => j >= 0).length, 0);
  const whole = pieces.reduce((n, p) => n + p.entry.source.length, 0);
  return { targets, score: shared / whole, status: highestStatus(statuses), previous: true };
}

/**
 * What the memory holds for the units' cues as units of an earlier cut: an
 * editor inserted a cue before a sentence or into it, cut one from it,
 * closed a gap or opened one, and cues reviewed in one sentence unit now
 * form another, with a source the memory never saw. Each such cue keeps its
 * reviewed or approved translation, status and comment (its own source text
 * is unchanged); the cues no earlier unit covers are left empty, to be
 * drafted. Where the memory holds an exact entry for the unit (`hits`, by
 * the unit's place), a cue takes the earlier unit's translation only where
 * it is the later word: the higher status, at equal status the newer (an
 * earlier cut's run stored the exact entry; the reviewer approved the cue in
 * another cut since), and never from a weak match. Units given nothing are
 * not in the map.
 */
export function regroupedEntries(covers: ReadonlyMap<string, EarlierCover>, track: readonly Unit[], hits: readonly (MemoryEntry | undefined)[]): Map<string, Regrouped> {
  const out = new Map<string, Regrouped>();
  track.forEach((unit, u) => {
    const cover = covers.get(unit.id);
    const regrouped = cover && overExact(unit, hits[u], cover);
    if (regrouped !== undefined) out.set(unit.id, regrouped);
  });
  return out;
}

/** What the memory's earlier units give a unit of the track, before it is weighed against the unit's own exact entry (`overExact`). */
export interface EarlierCover {
  /** The unit's entry put together from them: each covered cue's translation, status and comment, the others empty. */
  entry: MemoryEntry;
  /** When each cue's translation was made (its earlier unit's time). */
  at: string[];
  weak: boolean;
  before?: Suggestion;
}

/** The covers of the track's units by unit id (`regroupedEntries` without the exact entries): one lookup for the whole track. */
export async function earlierCovers(memory: MemoryStore, track: readonly Unit[], pair: LanguagePair): Promise<Map<string, EarlierCover>> {
  const out = new Map<string, EarlierCover>();
  const cues = new Set(track.flatMap((u) => u.source));
  if (cues.size === 0) return out;
  // One lookup for every cue of every unit: a server memory answers it in one round trip.
  const earlier = (await memory.reviewedWithCues([...cues], pair)).filter(isHumanWork);
  // Of equal covers, the first found is kept: the higher status, then the newer.
  earlier.sort((a, b) => RANK[b.status] - RANK[a.status] || Date.parse(b.updatedAt) - Date.parse(a.updatedAt));
  track.forEach((unit, u) => {
    // Each unit's neighbours in the track: where a split's other half is.
    const neighbours = new Set([...(track[u - 1]?.source ?? []), ...(track[u + 1]?.source ?? [])]);
    const own = unitKey(unit.source);
    const pieces = earlier.flatMap((entry) => {
      // The unit's own entry is the exact one, not an earlier unit.
      const run = unitKey(entry.source) === own ? undefined : runOf(unit, entry, neighbours);
      return run === undefined ? [] : [{ run, entry }];
    });
    const strong = bestCover(unit, pieces.filter((p) => !p.run.weak));
    // A weak match only where it gives words to every cue of the unit, and only as a draft to review (entryOf).
    const weak = strong.cues > 0 ? undefined : bestCover(unit, pieces);
    const cover = strong.cues > 0 ? strong : weak!.cues === unit.source.length ? weak! : undefined;
    if (cover === undefined) return;
    const isWeak = cover.pieces.some((p) => p.run.weak);
    out.set(unit.id, { entry: entryOf(unit, pair, cover.pieces), at: cuesAt(unit, cover.pieces), weak: isWeak, ...(isWeak ? { before: beforeOf(unit, cover.pieces) } : {}) });
  });
  return out;
}

/**
 * A unit's cover weighed against its exact entry, when the memory holds
 * one; undefined when the entry stands as it is. A weak cover (a cue's
 * words in a sentence that has lost its other cues, this film's after a
 * cut or another film's) never outranks a machine draft of this very
 * sentence, but its sentence is offered beside it; over a reviewer's entry
 * it is the later word when every cue it lends was confirmed after that
 * entry, and is lent as a draft to review.
 */
export function overExact(unit: Unit, hit: MemoryEntry | undefined, cover: EarlierCover): Regrouped | undefined {
  const lent = cover.before === undefined ? { weak: cover.weak } : { weak: cover.weak, before: cover.before };
  if (hit === undefined) return { entry: cover.entry, ...lent };
  if (cover.weak) {
    const covered = unit.source.flatMap((_, k) => (cover.entry.target[k] === '' ? [] : [k]));
    const later = isHumanWork(hit) && covered.every((k) => Date.parse(cover.at[k]!) > Date.parse(hit.updatedAt) && cover.entry.target[k] !== hit.target[k]);
    if (later) return { entry: cover.entry, over: { hit, cues: covered }, ...lent };
    return isHumanWork(hit) ? undefined : { entry: hit, offered: true, ...lent };
  }
  const over = merged(unit, hit, cover);
  return over && { entry: over.entry, over: { hit, cues: over.taken }, ...lent };
}

/** When each cue's translation in the pieces was made (its earlier unit's time), the epoch for a cue none covers. */
function cuesAt(unit: Unit, pieces: Cover['pieces']): string[] {
  const at = Array<string>(unit.source.length).fill(new Date(0).toISOString());
  for (const { run, entry } of pieces) run.at.forEach((j, i) => j >= 0 && (at[run.from + i] = entry.updatedAt));
  return at;
}

/** What the run report says of a unit put together by `regroupedEntries`: which cues kept their earlier translation, which are drafted, and what they replaced. */
export function regroupedNote(unit: Unit, regrouped: Regrouped): Diagnostic {
  const { entry, over } = regrouped;
  if (over !== undefined) {
    const kept = over.cues.map((k) => unit.cueIds[k]!);
    const statuses = [...new Set(over.cues.map((k) => cueStatusIn(entry, k)))].join(', ');
    const one = kept.length === 1;
    const was = [...new Set(over.cues.map((k) => cueStatusIn(over.hit, k)))].join(', ');
    const higher = over.cues.every((k) => RANK[cueStatusIn(entry, k)] > RANK[cueStatusIn(over.hit, k)]);
    const held = `the ${was} one the memory held for ${unit.cueIds.length === 1 ? `cue ${unit.id} as a sentence unit of its own` : `cues ${unit.cueIds.join(', ')} as one sentence unit`} (an earlier cut's, or another sentence's)`;
    return {
      code: 'memory/regrouped',
      severity: 'info',
      cueId: unit.id,
      message: `cue ${kept.join(', ')} ${one ? 'takes its' : 'take their'} ${statuses} translation, made when ${one ? 'it was' : 'they were'} cut into other sentence units: ${higher ? 'a higher status than' : 'newer than, or above,'} ${held}`,
    };
  }
  const kept = unit.cueIds.filter((_, k) => entry.target[k] !== '');
  const statuses = [...new Set(unit.cueIds.flatMap((_, k) => (entry.target[k] !== '' ? [cueStatusIn(entry, k)] : [])))].join(', ');
  const drafted = unit.cueIds.filter((_, k) => entry.target[k] === '');
  const rest = drafted.length === 0 ? '' : `; cue ${drafted.join(', ')} ${drafted.length === 1 ? 'is' : 'are'} drafted`;
  return {
    code: 'memory/regrouped',
    severity: 'info',
    cueId: unit.id,
    message: `${unit.cueIds.length === 1 ? `cue ${unit.id} now forms a sentence unit of its own` : `cues ${unit.cueIds.join(', ')} now form one sentence unit`} the memory has no translation for (a new cut changed the sentence units); cue ${kept.join(', ')} ${kept.length === 1 ? 'keeps its' : 'keep their'} ${statuses} translation, made when ${kept.length === 1 ? 'it was' : 'they were'} cut into other sentence units${rest}`,
  };
}
