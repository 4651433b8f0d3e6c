import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { toTagged, type TaggedText } from '../model/tagged-text.js';
import type { Track } from '../model/track.js';
import { cueTextHash, sourceKeys, type TrackVersion, type TrackVersions } from '../review/track-versions.js';
import { writeFileAtomic } from './write-atomic.js';

/** Beside a language's track files: the versions `localize` wrote, oldest first. */
const FILE = '.subloc-versions.json';
/** Enough for the runs a translator's copy may be some behind; each is a hash a cue. */
const KEEP = 10;

/** The versions recorded in a language folder; none when the file is missing or not what subloc writes. */
export async function readTrackVersions(languageDir: string): Promise<TrackVersions> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(join(languageDir, FILE), 'utf8'));
  } catch {
    return { versions: [], pruned: false };
  }
  const { versions, pruned } = (json ?? {}) as { versions?: unknown; pruned?: unknown };
  if (!Array.isArray(versions)) return { versions: [], pruned: false };
  const kept = versions.filter((v): v is TrackVersion => {
    const { at, cues } = (v ?? {}) as { at?: unknown; cues?: unknown };
    return typeof at === 'string' && !Number.isNaN(Date.parse(at)) && cues !== null && typeof cues === 'object' && Object.values(cues).every((h) => typeof h === 'string');
  });
  return { versions: kept, pruned: pruned === true || kept.length < versions.length };
}

/**
 * Adds the track as written now, each cue named by its source text. The same
 * texts as the version last recorded only move its time: what changed since
 * then (an approval, a comment) was seen by whoever copies the file now.
 */
export async function recordTrackVersion(languageDir: string, track: Track, sourceOf: (cueId: string) => TaggedText | undefined, at: string): Promise<void> {
  const keys = sourceKeys(track.cues.flatMap((c) => {
    const source = sourceOf(c.id);
    return source === undefined ? [] : [{ id: c.id, source }];
  }));
  const cues: Record<string, string> = {};
  for (const cue of track.cues) {
    const key = keys.get(cue.id);
    if (key !== undefined) cues[key] = cueTextHash(toTagged(cue.lines, track.language));
  }
  const { versions, pruned } = await readTrackVersions(languageDir);
  const last = versions.at(-1);
  const all = last !== undefined && sameCues(last.cues, cues) ? [...versions.slice(0, -1), { at, cues }] : [...versions, { at, cues }];
  const kept = all.slice(-KEEP);
  await writeFileAtomic(join(languageDir, FILE), `${JSON.stringify({ pruned: pruned || kept.length < all.length, versions: kept })}\n`);
}

function sameCues(a: Readonly<Record<string, string>>, b: Readonly<Record<string, string>>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k]);
}
