import { SublocError } from '../errors.js';
import { dayFrames } from '../deliver/timecode.js';
import { extname } from 'node:path';
import { formatById, formatForPath } from '../formats/index.js';
import { FILM } from '../model/frame-rate.js';
import { parse } from '../formats/parse.js';
import { hasErrors, type Diagnostic } from '../model/diagnostic.js';
import type { FrameRate, Lang, Track } from '../model/track.js';
import type { Profile } from '../qc/profile.js';
import { fixTiming, type TimingChange } from '../timing/fix-timing.js';
import { readInput } from './read-input.js';
import { writeFileAtomic } from './write-atomic.js';

export interface FixTrackTimingInput {
  input: string;
  /** Where the fixed track goes: in the input's own format, unless its name says another (`film.srt` from `film.vtt`). */
  output: string;
  /** The track's language, whose reading speed the text needs: over what the file says of itself (a TTML or DCP does). */
  language?: Lang;
  profile: Profile;
  /** The grid every time lands on; the track's own rate when unset, else 24. */
  frameRate?: FrameRate;
}

export interface FixTrackTimingResult {
  changes: TimingChange[];
  /** The language the track was timed for: the one asked, else the file's own. */
  language: Lang;
  /** The reader's and writer's reports, then what the fix could not do. */
  diagnostics: Diagnostic[];
  cues: number;
  /** The grid the times were put on. */
  frameRate: FrameRate;
}

/**
 * `subloc timing fix`: a track read, timed to the profile on the delivery
 * frame grid, and written whole (to a temporary file, then renamed), or
 * nothing written when the track could not be read.
 */
export async function fixTrackTiming(options: FixTrackTimingInput): Promise<FixTrackTimingResult> {
  const parsed = parse(await readInput(options.input), { fileName: options.input, ...(options.language === undefined ? {} : { language: options.language }), ...(options.frameRate === undefined ? {} : { frameRate: options.frameRate }) });
  if (hasErrors(parsed.diagnostics)) {
    throw new SublocError('PARSE_FAILED', `${options.input}: not fixed; expected a track without errors: fix the errors above`, { file: options.input, diagnostics: parsed.diagnostics });
  }
  const language = options.language ?? (parsed.track.language === 'und' ? undefined : parsed.track.language);
  if (language === undefined) throw new SublocError('USAGE', `cannot tell the language of ${options.input}; pass --language <lang> (e.g. en-US) or name the file <title>.<lang>${extname(options.input)}`, { file: options.input });
  // The language asked for (or the file name's), not the file's own tag: a template's `Language: en` on a Japanese track
  // would time it at English speed. No out-time reaches 24:00:00:00, where timecodes wrap.
  // A 25 fps TTML or DCP stays on its own frames: times moved to 24 fps frames would fall between the picture's.
  const frameRate = options.frameRate ?? parsed.track.frameRate ?? FILM;
  const fix = (track: Track) => fixTiming(track, { language, profile: options.profile, frameRate, lastFrame: dayFrames(frameRate) - 1 });
  let fixed = fix(parsed.track);
  // `.xml` is TTML, EBU-TT-D or DCP alike: the format read, unless the output's name asks for another.
  const suffixed = formatForPath(options.output);
  const named = suffixed !== undefined && (options.output.toLowerCase().endsWith(`.${suffixed.suffix}`) || extname(options.output).toLowerCase() !== extname(options.input).toLowerCase()) ? suffixed : undefined;
  const adapter = named ?? formatById(parsed.track.meta.sourceFormat ?? '') ?? suffixed;
  if (adapter === undefined) throw new SublocError('USAGE', `cannot tell the format of ${options.output} from its name; expected a name ending in .srt, .vtt or .ttml`);
  // A broadcast tool's `HH:MM:SS:FF` export goes back to it in its own notation, on the frames it was read at.
  const labels = parsed.track.meta.frameLabels;
  const written = adapter.serialize(fixed.track, { frameRate, ...(labels === undefined ? {} : { frameLabels: labels }) });
  await writeFileAtomic(options.output, written.text);
  // A writer that numbers cues anew (SRT: 1, 2, 3…): the changes and findings name each cue as the file written does,
  // the one the subtitler opens next. The fix is the same whatever the cues are called.
  const ids = adapter.parse(written.text, { frameRate }).track.cues.map((c) => c.id);
  if (ids.length === fixed.track.cues.length && ids.some((id, k) => id !== fixed.track.cues[k]!.id)) {
    fixed = fix({ ...parsed.track, cues: parsed.track.cues.map((c, k) => ({ ...c, id: ids[k]! })) });
  }
  // A time already on its frame as finely as the file could write it (an Interop tick short of the frame) did not move.
  const step = formatById(parsed.track.meta.sourceFormat ?? '')?.timeStepMs ?? 1;
  const changes = fixed.changes.filter((c) => c.rule !== 'frame-grid' || Math.abs(c.after - c.before) >= step);
  return { changes, language, diagnostics: [...parsed.diagnostics, ...written.diagnostics, ...fixed.findings], cues: fixed.track.cues.length, frameRate };
}
