import { parseLazily } from '../formats/parse-lazily.js';
import type { Diagnostic } from '../model/diagnostic.js';
import type { FrameRate, Lang, Track } from '../model/track.js';
import { SublocError } from '../errors.js';
import { readInput } from './read-input.js';

/**
 * What one run can localize: every cue of every language is held in memory
 * with its review notes, and the review sheet and XLIFF are each one string,
 * so a track far beyond any film's (about 1,500 cues, under 1 MiB) would end
 * in an out-of-memory crash or an over-long string instead of a message.
 */
export const MAX_SOURCE_CUES = 200_000;
export const MAX_SOURCE_BYTES = 64 * 1024 * 1024;

/**
 * The source track, read the one way `localize`, `review import` and
 * `deliver` all read it (so their sentence units agree); refused when it has
 * errors or no cues.
 */
export async function readSourceTrack(options: { input: string; source: Lang; title: string; encoding?: string; frameRate?: FrameRate }): Promise<{ track: Track; diagnostics: Diagnostic[] }> {
  // Only the source's own reader loads: a run on an SRT source never loads the XML stack.
  // The rate (`fps`, deliver's --source-fps) counts what frames a file gives without its rate (an SRT's `HH:MM:SS:FF`).
  const parsed = await parseLazily(await readInput(options.input, MAX_SOURCE_BYTES), {
    fileName: options.input,
    language: options.source,
    ...(options.encoding === undefined ? {} : { encoding: options.encoding }),
    ...(options.frameRate === undefined ? {} : { frameRate: options.frameRate }),
  });
  const first = parsed.diagnostics.find((d) => d.severity === 'error');
  if (first || parsed.track.cues.length === 0) {
    throw new SublocError('PARSE_FAILED', first ? first.message : 'no cues found; expected at least one timed cue', {
      file: options.input,
      ...(first?.line === undefined ? {} : { line: first.line }),
      diagnostics: parsed.diagnostics,
    });
  }
  if (parsed.track.cues.length > MAX_SOURCE_CUES) {
    throw new SublocError(
      'INPUT_UNREADABLE',
      `${options.input} has ${parsed.track.cues.length.toLocaleString('en')} cues; expected at most ${MAX_SOURCE_CUES.toLocaleString('en')} in one track (a feature film has about 1,500): split it into reels or episodes`,
      { file: options.input },
    );
  }
  const track: Track = { ...parsed.track, language: options.source, meta: { ...parsed.track.meta } };
  track.meta.title ??= options.title;
  return { track, diagnostics: parsed.diagnostics };
}
