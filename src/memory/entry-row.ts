import { plainOf, type TaggedText } from '../model/tagged-text.js';
import { CUE_SEPARATOR, unitKey } from '../model/unit.js';
import { lowestStatus, RANK } from './precedence.js';
import { codePoints } from './similarity.js';
import type { MemoryEntry, MemoryStatus } from './store.js';

/** An entry as a database row holds it: the columns every store reads back. */
export interface Row {
  source_lang: string;
  target_lang: string;
  source: string;
  target: string;
  glossary_version: string;
  provider: string;
  status: MemoryStatus;
  reviewer: string | null;
  by_reviewer: 0 | 1;
  comments: string | null;
  cue_status: string | null;
  filled_by: string | null;
  updated_at: string;
}

/** An entry as the columns every store writes, checked and in canonical form. */
export interface Params {
  sourceLang: string;
  targetLang: string;
  sourceKey: string;
  glossaryVersion: string;
  source: string;
  sourcePlain: string;
  plainLength: number;
  cueCount: number;
  target: string;
  provider: string;
  status: string;
  rank: number;
  reviewer: string | null;
  byReviewer: 0 | 1;
  comments: string | null;
  cueStatus: string | null;
  filledBy: string | null;
  updatedAt: string;
}

/** The plain words of a unit, cue by cue: what fuzzy matching compares. */
export function plainKey(source: readonly TaggedText[]): string {
  return source.map(plainOf).join(CUE_SEPARATOR);
}

export function toEntry(row: Row): MemoryEntry {
  const entry: MemoryEntry = {
    sourceLang: row.source_lang,
    targetLang: row.target_lang,
    source: JSON.parse(row.source) as TaggedText[],
    target: JSON.parse(row.target) as TaggedText[],
    glossaryVersion: row.glossary_version,
    provider: row.provider,
    status: row.status,
    updatedAt: row.updated_at,
  };
  if (row.reviewer !== null) entry.reviewer = row.reviewer;
  if (row.by_reviewer === 1) entry.byReviewer = true;
  if (row.comments !== null) entry.comments = JSON.parse(row.comments) as string[];
  if (row.cue_status !== null) entry.cueStatus = JSON.parse(row.cue_status) as MemoryStatus[];
  if (row.filled_by !== null) entry.filledBy = JSON.parse(row.filled_by) as string[];
  return entry;
}

export function toParams(entry: MemoryEntry): Params {
  const time = Date.parse(entry.updatedAt);
  if (Number.isNaN(time)) throw new TypeError(`updatedAt \`${entry.updatedAt}\` is not an ISO 8601 time`);
  if (!Object.hasOwn(RANK, entry.status)) throw new TypeError(`status \`${entry.status}\` is not one of ${Object.keys(RANK).join(', ')}`);
  const sourcePlain = plainKey(entry.source);
  return {
    sourceLang: entry.sourceLang,
    targetLang: entry.targetLang,
    sourceKey: unitKey(entry.source),
    glossaryVersion: entry.glossaryVersion,
    source: JSON.stringify(entry.source),
    sourcePlain,
    plainLength: codePoints(sourcePlain).length,
    cueCount: entry.source.length,
    target: JSON.stringify(entry.target),
    provider: entry.provider,
    status: entry.status,
    rank: RANK[entry.status],
    reviewer: entry.reviewer ?? null,
    byReviewer: entry.byReviewer === true ? 1 : 0,
    comments: commentsOf(entry),
    cueStatus: cueStatusOf(entry),
    filledBy: filledByOf(entry),
    // One canonical form, so times compare as text in SQL.
    updatedAt: new Date(time).toISOString(),
  };
}

/**
 * Whether writing `params` over the stored `row` of its unit would leave it
 * as it is: every column a write sets (all but the unit's key) holds the
 * same already. In stored form, so comments or cue statuses that say
 * nothing, or a time written otherwise, are no change either; Postgres's
 * `UPSERT` compares the same columns.
 */
export function storedAs(params: Params, row: Row): boolean {
  return (
    params.target === row.target &&
    params.status === row.status &&
    params.cueStatus === row.cue_status &&
    params.filledBy === row.filled_by &&
    params.comments === row.comments &&
    params.reviewer === row.reviewer &&
    params.byReviewer === row.by_reviewer &&
    params.provider === row.provider &&
    params.source === row.source &&
    Date.parse(params.updatedAt) === Date.parse(row.updated_at)
  );
}

/** The comments as stored: none when every cue's is empty, so an entry without comments reads back without the field. */
function commentsOf(entry: MemoryEntry): string | null {
  const comments = entry.comments;
  if (comments === undefined || comments.every((c) => c === '')) return null;
  if (comments.length !== entry.source.length) throw new TypeError(`comments has ${comments.length} items; expected one per cue (${entry.source.length})`);
  return JSON.stringify(comments);
}

/** The cues' machine providers as stored: none when no cue is a machine's, so an entry without them reads back without the field. */
function filledByOf(entry: MemoryEntry): string | null {
  const filled = entry.filledBy;
  if (filled === undefined || filled.every((p) => p === '')) return null;
  if (filled.length !== entry.source.length) throw new TypeError(`filledBy has ${filled.length} items; expected one per cue (${entry.source.length})`);
  return JSON.stringify(filled);
}

/** The cue statuses as stored: none when every cue has the unit's status; refused when the unit's is not the lowest. */
function cueStatusOf(entry: MemoryEntry): string | null {
  const statuses = entry.cueStatus;
  if (statuses === undefined || statuses.every((s) => s === entry.status)) return null;
  if (statuses.length !== entry.source.length) throw new TypeError(`cueStatus has ${statuses.length} items; expected one per cue (${entry.source.length})`);
  if (statuses.some((s) => !Object.hasOwn(RANK, s))) throw new TypeError(`cueStatus holds \`${statuses.join(', ')}\`; expected each of ${Object.keys(RANK).join(', ')}`);
  const lowest = lowestStatus(statuses);
  if (lowest !== entry.status) throw new TypeError(`status \`${entry.status}\` is not the lowest of the cues' statuses (${statuses.join(', ')})`);
  return JSON.stringify(statuses);
}
