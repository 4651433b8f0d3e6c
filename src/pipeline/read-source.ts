import { parse } from '../formats/parse.js';
import type { Diagnostic } from '../model/diagnostic.js';
import type { Lang, Track } from '../model/track.js';
import { SublocError } from '../errors.js';
import { readInput } from './read-input.js';

/**
 * The source track, read the one way `localize`, `review import` and
 * `deliver` all read it (so their sentence units agree); refused when it has
 * errors or no cues.
 */
export async function readSourceTrack(options: { input: string; source: Lang; title: string; encoding?: string }): Promise<{ track: Track; diagnostics: Diagnostic[] }> {
  const parsed = parse(await readInput(options.input), { fileName: options.input, language: options.source, ...(options.encoding === undefined ? {} : { encoding: options.encoding }) });
  const first = parsed.diagnostics.find((d) => d.severity === 'error');
  if (first || parsed.track.cues.length === 0) {
    throw new SublocError('PARSE_FAILED', first ? first.message : 'no cues found; expected at least one timed cue', {
      file: options.input,
      ...(first?.line === undefined ? {} : { line: first.line }),
      diagnostics: parsed.diagnostics,
    });
  }
  const track: Track = { ...parsed.track, language: options.source, meta: { ...parsed.track.meta } };
  track.meta.title ??= options.title;
  return { track, diagnostics: parsed.diagnostics };
}
