import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { toTagged, type TaggedText } from '../model/tagged-text.js';
import type { Track } from '../model/track.js';
import { cueTextHash, type TrackVersion } from '../review/track-versions.js';
import { writeFileAtomic } from './write-atomic.js';

/** Beside a language's track files: the versions `localize` wrote, oldest first. */
const FILE = '.subloc-versions.json';
/** Enough for the runs a translator's copy may be some behind; each is a few hashes a cue. */
const KEEP = 10;

/** The versions recorded in a language folder; none when the file is missing or not what subloc writes. */
export async function readTrackVersions(languageDir: string): Promise<TrackVersion[]> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(join(languageDir, FILE), 'utf8'));
  } catch {
    return [];
  }
  const versions = (json as { versions?: unknown } | null)?.versions;
  if (!Array.isArray(versions)) return [];
  return versions.filter((v): v is TrackVersion => {
    const { at, cues, sources } = (v ?? {}) as { at?: unknown; cues?: unknown; sources?: unknown };
    const hashes = (o: unknown) => o !== null && typeof o === 'object' && Object.values(o).every((h) => typeof h === 'string');
    return typeof at === 'string' && !Number.isNaN(Date.parse(at)) && hashes(cues) && (sources === undefined || hashes(sources));
  });
}

/**
 * Adds the track as written now, with the source text of each cue. The same
 * texts as the version last recorded only move its time: what changed since
 * then (an approval, a comment) was seen by whoever copies the file now.
 */
export async function recordTrackVersion(languageDir: string, track: Track, sourceOf: (cueId: string) => TaggedText | undefined, at: string): Promise<void> {
  const cues: Record<string, string> = {};
  const sources: Record<string, string> = {};
  for (const cue of track.cues) {
    cues[cue.id] = cueTextHash(toTagged(cue.lines, track.language));
    const source = sourceOf(cue.id);
    if (source !== undefined) sources[cue.id] = cueTextHash(source);
  }
  const versions = await readTrackVersions(languageDir);
  const last = versions.at(-1);
  const same = last !== undefined && sameCues(last.cues, cues) && sameCues(last.sources ?? {}, sources);
  const kept = same ? [...versions.slice(0, -1), { at, cues, sources }] : [...versions, { at, cues, sources }].slice(-KEEP);
  await writeFileAtomic(join(languageDir, FILE), `${JSON.stringify({ versions: kept })}\n`);
}

function sameCues(a: Readonly<Record<string, string>>, b: Readonly<Record<string, string>>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k]);
}
