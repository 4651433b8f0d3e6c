import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { toTagged, toTaggedLines, type TaggedText } from '../model/tagged-text.js';
import type { Track } from '../model/track.js';
import { cueLayoutHash, cueTextHash, type TrackVersion, type TrackVersions } from '../review/track-versions.js';
import { writeFileAtomic } from './write-atomic.js';

/** Beside a language's track files: the versions `localize` wrote, oldest first. */
const FILE = '.subloc-versions.json';
/** Enough for the runs a translator's copy may be some behind; each is a hash a cue. */
const KEEP = 10;

/**
 * The versions recorded in a language folder. A file that is not what
 * subloc writes counts as a history lost: copies may be older than anything
 * in it (`pruned`). None when there is no file.
 */
export async function readTrackVersions(languageDir: string): Promise<TrackVersions & { missing: boolean }> {
  let text: string;
  try {
    text = await readFile(join(languageDir, FILE), 'utf8');
  } catch {
    return { versions: [], pruned: false, missing: true };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { versions: [], pruned: true, missing: false };
  }
  const { versions, pruned } = (json ?? {}) as { versions?: unknown; pruned?: unknown };
  if (!Array.isArray(versions)) return { versions: [], pruned: true, missing: false };
  const kept = versions.filter((v): v is TrackVersion => {
    const { at, cues, layouts } = (v ?? {}) as { at?: unknown; cues?: unknown; layouts?: unknown };
    const hashLists = (x: unknown) => x !== null && typeof x === 'object' && Object.values(x).every((texts) => Array.isArray(texts) && texts.every((h) => typeof h === 'string'));
    return typeof at === 'string' && !Number.isNaN(Date.parse(at)) && hashLists(cues) && (layouts === undefined || hashLists(layouts));
  });
  return { versions: kept, pruned: pruned === true || kept.length < versions.length, missing: false };
}

/**
 * Adds the track as written now, each cue named by its source text. The same
 * texts as the version last recorded only move its time: what changed since
 * then (an approval, a comment) was seen by whoever copies the file now.
 * `before` says whether the folder held this language's files already: then
 * a missing history is a lost one, and copies may be older than this version.
 */
export async function recordTrackVersion(languageDir: string, track: Track, sourceOf: (cueId: string) => TaggedText | undefined, at: string, before: boolean): Promise<void> {
  const cues: Record<string, string[]> = {};
  const layouts: Record<string, string[]> = {};
  const add = (into: Record<string, string[]>, source: string, hash: string) => {
    const hashes = (into[source] ??= []);
    if (!hashes.includes(hash)) hashes.push(hash);
  };
  for (const cue of track.cues) {
    const source = sourceOf(cue.id);
    if (source === undefined) continue;
    add(cues, cueTextHash(source), cueTextHash(toTagged(cue.lines, track.language)));
    add(layouts, cueTextHash(source), cueLayoutHash(toTaggedLines(cue.lines)));
  }
  const { versions, pruned, missing } = await readTrackVersions(languageDir);
  const last = versions.at(-1);
  const same = last?.layouts !== undefined && sameCues(last.cues, cues) && sameCues(last.layouts, layouts);
  const all = same ? [...versions.slice(0, -1), { at, cues, layouts }] : [...versions, { at, cues, layouts }];
  const kept = all.slice(-KEEP);
  const lost = pruned || kept.length < all.length || (missing && before);
  await writeFileAtomic(join(languageDir, FILE), `${JSON.stringify({ pruned: lost, versions: kept })}\n`);
}

function sameCues(a: Readonly<Record<string, readonly string[]>>, b: Readonly<Record<string, readonly string[]>>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => a[k]!.length === b[k]?.length && a[k]!.every((t, i) => t === b[k]![i]));
}
