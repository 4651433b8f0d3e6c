import { cueStatusIn, lowestStatus, RANK } from '../memory/precedence.js';
import type { Diagnostic } from '../model/diagnostic.js';
import type { MemoryEntry, MemoryStatus, MemoryStore } from '../memory/store.js';
import { targetMissing, type LanguagePair, type Unit } from '../model/unit.js';

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
  for (const { run, entry } of pieces) {
    run.at.forEach((j, i) => {
      if (j < 0) return;
      target[run.from + i] = entry.target[j]!;
      // A weak match's translation may be another sentence's: kept as a draft, for the reviewer to confirm.
      cueStatus[run.from + i] = run.weak ? 'draft' : cueStatusIn(entry, j);
      comments[run.from + i] = entry.comments?.[j] ?? '';
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
  // A weak match's draft is nobody's decision: were it a reviewer's, the next film would take it as a sentence she translated.
  if (pieces.some((p) => p.run.weak)) return entry;
  if (first.reviewer !== undefined) entry.reviewer = first.reviewer;
  if (pieces.every((p) => p.entry.byReviewer === true)) entry.byReviewer = true;
  return entry;
}

/**
 * For units the memory has no entry for, what it holds for their cues as
 * units of an earlier cut: an editor inserted a cue before a sentence or
 * into it, cut one from it, closed a gap or opened one, and cues reviewed in
 * one sentence unit now form another, with a source the memory never saw.
 * Each such cue keeps its reviewed or approved translation, status and
 * comment (its own source text is unchanged); the cues no earlier unit
 * covers are left empty, to be drafted. Units none of whose cues are
 * covered are not in the map.
 */
export async function regroupedEntries(memory: MemoryStore, track: readonly Unit[], pending: ReadonlySet<Unit>, pair: LanguagePair): Promise<Map<string, MemoryEntry>> {
  // The units the memory has no entry for, and each one's neighbours in the track (drafted or not): where a split's other half is.
  const units = track.filter((u) => pending.has(u));
  const out = new Map<string, MemoryEntry>();
  const drafted = new Set(units.flatMap((u) => u.source));
  if (drafted.size === 0) return out;
  // One lookup for every cue of every unit: a server memory answers it in one round trip.
  const earlier = (await memory.reviewedWithCues([...drafted], pair)).filter(isHumanWork);
  // Of equal covers, the first found is kept: the higher status, then the newer.
  earlier.sort((a, b) => RANK[b.status] - RANK[a.status] || Date.parse(b.updatedAt) - Date.parse(a.updatedAt));
  track.forEach((unit, u) => {
    if (!pending.has(unit)) return;
    const neighbours = new Set([...(track[u - 1]?.source ?? []), ...(track[u + 1]?.source ?? [])]);
    const pieces = earlier.flatMap((entry) => {
      const run = runOf(unit, entry, neighbours);
      return run === undefined ? [] : [{ run, entry }];
    });
    const strong = bestCover(unit, pieces.filter((p) => !p.run.weak));
    if (strong.cues > 0) {
      out.set(unit.id, entryOf(unit, pair, strong.pieces));
      return;
    }
    // A weak match only where it gives words to every cue of the unit, and only as a draft to review (entryOf).
    const weak = bestCover(unit, pieces);
    if (weak.cues === unit.source.length) out.set(unit.id, entryOf(unit, pair, weak.pieces));
  });
  return out;
}

/** What the run report says of a unit put together by `regroupedEntries`: which cues kept their earlier translation, which are drafted. */
export function regroupedNote(unit: Unit, entry: MemoryEntry): Diagnostic {
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
