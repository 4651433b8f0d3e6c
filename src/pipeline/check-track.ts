import { resolve } from 'node:path';
import { hasErrors, type Diagnostic } from '../model/diagnostic.js';
import type { FrameRate, Lang, Track } from '../model/track.js';
import type { Profile } from '../qc/profile.js';
import type { QcOptions } from '../qc/run.js';
import { readInput } from './read-input.js';

export interface CheckTrackInput {
  /** The track to check, as the user named it (relative to `cwd`). */
  file: string;
  /** The track's language, whose limits apply. @default the file's own (a TTML or DCP says it), if it says one */
  language?: Lang;
  /** A profile name or file. */
  profile: string;
  frameRate?: FrameRate;
  /** The source track, for the rules that compare (untranslated cues, numbers, glossary). */
  source?: { file: string; language?: Lang };
  /** The glossary file; needs `source`. */
  glossary?: string;
  cwd: string;
  /** What reading each file found, as soon as it is read. */
  onRead?: (file: string, diagnostics: readonly Diagnostic[]) => void;
}

export type CheckTrackResult =
  | { outcome: 'checked'; track: Track; language: Lang; profile: Profile; findings: Diagnostic[] }
  /** A file that has errors or no cues is not checked: QC of a half-read track would mislead. */
  | { outcome: 'unreadable'; file: string; reason: 'errors' | 'no-cues' }
  /** Neither the caller nor the file says the track's language. */
  | { outcome: 'no-language'; file: string };

/** `subloc qc`: one track read as `convert` reads it, checked against a profile and, given its source, against the source and the glossary. */
export async function checkTrack(input: CheckTrackInput): Promise<CheckTrackResult> {
  // Loaded when a check runs: the CLI's `--help` and the other commands start without the rules and the glossary.
  const [{ parse }, { loadProfile }, { runQc }, { createMatcher, loadGlossary }] = await Promise.all([import('../formats/parse.js'), import('../qc/load-profile.js'), import('../qc/run.js'), import('../glossary/index.js')]);
  const profile = loadProfile(input.profile, input.cwd);
  const rate = input.frameRate === undefined ? {} : { frameRate: input.frameRate };
  const read = async (file: string, language: Lang): Promise<Track | Extract<CheckTrackResult, { outcome: 'unreadable' }>> => {
    const parsed = parse(await readInput(resolve(input.cwd, file)), { fileName: file, language, ...rate });
    input.onRead?.(file, parsed.diagnostics);
    if (hasErrors(parsed.diagnostics)) return { outcome: 'unreadable', file, reason: 'errors' };
    if (parsed.track.cues.length === 0) return { outcome: 'unreadable', file, reason: 'no-cues' };
    return parsed.track;
  };

  const track = await read(input.file, input.language ?? 'und');
  if ('outcome' in track) return track;
  const language = input.language ?? (track.language === 'und' ? undefined : track.language);
  if (language === undefined) return { outcome: 'no-language', file: input.file };
  const options: QcOptions = { language, profile, ...rate };
  if (input.source !== undefined) {
    const glossary = input.glossary === undefined ? undefined : await loadGlossary(resolve(input.cwd, input.glossary), input.source.language === undefined ? {} : { source: input.source.language });
    // Unknown (`und`) unless told: then a cue identical to its source is not taken for untranslated.
    const source = await read(input.source.file, input.source.language ?? glossary?.sourceLanguage ?? 'und');
    if ('outcome' in source) return source;
    options.source = source;
    if (glossary) options.glossary = { glossary, matcher: createMatcher(glossary) };
  }
  return { outcome: 'checked', track, language, profile, findings: runQc(track, options) };
}
