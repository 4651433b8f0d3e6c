import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { toTagged } from '../model/tagged-text.js';
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
    const { at, cues } = (v ?? {}) as { at?: unknown; cues?: unknown };
    return typeof at === 'string' && !Number.isNaN(Date.parse(at)) && cues !== null && typeof cues === 'object' && Object.values(cues).every((h) => typeof h === 'string');
  });
}

/** Adds the track as written now, unless it is the version last recorded. */
export async function recordTrackVersion(languageDir: string, track: Track, at: string): Promise<void> {
  const cues: Record<string, string> = {};
  for (const cue of track.cues) cues[cue.id] = cueTextHash(toTagged(cue.lines, track.language));
  const versions = await readTrackVersions(languageDir);
  const last = versions.at(-1);
  if (last !== undefined && sameCues(last.cues, cues)) return;
  const kept = [...versions, { at, cues }].slice(-KEEP);
  await writeFileAtomic(join(languageDir, FILE), `${JSON.stringify({ versions: kept })}\n`);
}

function sameCues(a: Readonly<Record<string, string>>, b: Readonly<Record<string, string>>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k]);
}
