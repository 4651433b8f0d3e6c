import { cueStatusIn, lowestStatus } from '../memory/precedence.js';
import type { Diagnostic } from '../model/diagnostic.js';
import type { MemoryEntry, MemoryStatus, MemoryStore } from '../memory/store.js';
import { targetMissing, type LanguagePair, type Unit } from '../model/unit.js';

/** Cues `from` to `to` (exclusive) of a unit, fewer than all of them: where a smaller unit of an earlier cut may lie. */
interface Run {
  unit: Unit;
  from: number;
  to: number;
}

/** A way to cover a unit's first cues with earlier units: the cues it gives words to, and the runs it takes. */
interface Cover {
  cues: number;
  pieces: { run: Run; entry: MemoryEntry }[];
}

/** A reviewer's work, or a human's imported one: a machine draft of a smaller unit is asked again with its new sentence instead. */
function isHumanWork(entry: MemoryEntry): boolean {
  return entry.status !== 'draft' || entry.byReviewer === true;
}

function cuesWithWords(run: Run, entry: MemoryEntry): number {
  const part: Unit = { ...run.unit, source: run.unit.source.slice(run.from, run.to) };
  const draft = { unitId: part.id, targets: entry.target, origin: 'memory-exact', provider: 'memory', billedCharacters: 0 } as const;
  return part.source.filter((_, k) => !targetMissing(draft, part, k)).length;
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
    for (let k = run.from; k < run.to; k++) {
      target[k] = entry.target[k - run.from]!;
      cueStatus[k] = cueStatusIn(entry, k - run.from);
      comments[k] = entry.comments?.[k - run.from] ?? '';
    }
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
  if (first.reviewer !== undefined) entry.reviewer = first.reviewer;
  if (pieces.every((p) => p.entry.byReviewer === true)) entry.byReviewer = true;
  return entry;
}

/**
 * For units the memory has no entry for, what it holds for their cues as
 * smaller units of an earlier cut: an editor inserted a cue before a
 * sentence, or closed a gap, and cues reviewed as units of their own now
 * form one unit with a source the memory never saw. Each such cue keeps its
 * reviewed or approved translation, status and comment (its own source text
 * is unchanged); the cues no earlier unit covers are left empty, to be
 * drafted. Units none of whose cues are covered are not in the map.
 */
export async function regroupedEntries(memory: MemoryStore, units: readonly Unit[], pair: LanguagePair): Promise<Map<string, MemoryEntry>> {
  const runs: Run[] = [];
  for (const unit of units) {
    const n = unit.source.length;
    for (let from = 0; from < n; from++) for (let to = from + 1; to <= n; to++) if (to - from < n) runs.push({ unit, from, to });
  }
  const out = new Map<string, MemoryEntry>();
  if (runs.length === 0) return out;
  // One lookup for every run of every unit: a server memory answers it in one round trip. Only human work
  // counts, which every glossary version finds: the empty one keeps machine drafts out of the answer.
  const hits = await memory.exactMany(
    runs.map((r) => r.unit.source.slice(r.from, r.to)),
    pair,
    '',
  );
  const found = new Map<Unit, { run: Run; entry: MemoryEntry }[]>();
  runs.forEach((run, i) => {
    const entry = hits[i];
    if (entry === undefined || !isHumanWork(entry)) return;
    const list = found.get(run.unit) ?? [];
    list.push({ run, entry });
    found.set(run.unit, list);
  });
  for (const [unit, pieces] of found) {
    const cover = bestCover(unit, pieces);
    if (cover.cues > 0) out.set(unit.id, entryOf(unit, pair, cover.pieces));
  }
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
    message: `cues ${unit.cueIds.join(', ')} now form one sentence unit the memory has no translation for (the source changed); cue ${kept.join(', ')} ${kept.length === 1 ? 'keeps its' : 'keep their'} ${statuses} translation, made when ${kept.length === 1 ? 'it was' : 'they were'} translated without the others${rest}`,
  };
}
