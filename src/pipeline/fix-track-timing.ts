import { SublocError } from '../errors.js';
import { dayFrames } from '../deliver/timecode.js';
import { extname } from 'node:path';
import { byteOrderMark } from '../formats/decode.js';
import { encode } from '../formats/encode.js';
import { formatById, formatForPath } from '../formats/index.js';
import { retimeText, type RetimeRefusal } from '../formats/retime-text.js';
import type { FormatAdapter, ParseOptions, ParseResult } from '../formats/types.js';
import { FILM, frameRateLabel } from '../model/frame-rate.js';
import { parse } from '../formats/parse.js';
import { clockTime } from '../formats/shared/clock-time.js';
import { hasErrors, type Diagnostic } from '../model/diagnostic.js';
import type { FrameRate, Lang, Track } from '../model/track.js';
import type { Profile } from '../qc/profile.js';
import { fixTiming, type TimingChange } from '../timing/fix-timing.js';
import { readInput } from './read-input.js';
import { wholeRateRefusal } from './whole-rate-refusal.js';
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
 * frame grid, and written (to a temporary file, then renamed). In its own
 * format only its times change, in place, the rest of the file byte for
 * byte; in another, the writer's file. Nothing is written when the track
 * could not be read, when the times cannot be written in place, or when the
 * writer finds errors.
 */
export async function fixTrackTiming(options: FixTrackTimingInput): Promise<FixTrackTimingResult> {
  const bytes = await readInput(options.input);
  const asked = { ...(options.language === undefined ? {} : { language: options.language }), ...(options.frameRate === undefined ? {} : { frameRate: options.frameRate }) };
  const parsed = parse(bytes, { fileName: options.input, ...asked, locateTimes: true });
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
  // The format the file is: its name's, where that is one the format read reads (`.ebu-tt-d.xml`, read as TTML), else the one read.
  const read = formatById(parsed.track.meta.sourceFormat ?? '');
  const byName = formatForPath(options.input);
  const own = byName !== undefined && read !== undefined && (byName.readAs ?? byName.id) === read.id ? byName : read;
  // `.xml` is TTML, EBU-TT-D or DCP alike: the format read, unless the output's name asks for another.
  const suffixed = formatForPath(options.output);
  const named = suffixed !== undefined && (options.output.toLowerCase().endsWith(`.${suffixed.suffix}`) || extname(options.output).toLowerCase() !== extname(options.input).toLowerCase()) ? suffixed : undefined;
  const adapter = named ?? own ?? suffixed;
  if (adapter === undefined) throw new SublocError('USAGE', `cannot tell the format of ${options.output} from its name; expected a name ending in .srt, .vtt or .ttml`);
  const refusal = wholeRateRefusal([adapter], frameRate, `nothing was written: expected --fps with the picture's rate, or an output in another format`);
  if (refusal !== undefined) throw new SublocError('USAGE', refusal, { file: options.input });

  let data: Uint8Array;
  let written: Diagnostic[] = [];
  let said = parsed.diagnostics;
  if (adapter === own) {
    const text = retimedInPlace(parsed, fixed.track, { input: options.input, frameRate, reader: adapter, asked });
    data = encode(text, parsed.track.meta.encoding, byteOrderMark(bytes));
    // The reader's notes say what the track it made leaves out (a voice's name, a STYLE block); the file written keeps it all.
    said = said.filter((d) => d.severity !== 'info');
  } else {
    // A broadcast tool's `HH:MM:SS:FF` export goes back to it in its own notation, on the frames it was read at.
    const labels = parsed.track.meta.frameLabels;
    const serialized = adapter.serialize(fixed.track, { frameRate, ...(labels === undefined ? {} : { frameLabels: labels }) });
    if (hasErrors(serialized.diagnostics)) {
      throw new SublocError('WRITE_FAILED', `${options.output}: not written: the ${adapter.name} file would hold the errors above; nothing was written, and any file there is as it was`, { file: options.output, diagnostics: serialized.diagnostics });
    }
    written = serialized.diagnostics;
    data = new TextEncoder().encode(serialized.text);
    // A writer that numbers cues anew (SRT: 1, 2, 3…): the changes and findings name each cue as the file written does,
    // the one the subtitler opens next. The fix is the same whatever the cues are called.
    const ids = adapter.parse(serialized.text, { frameRate }).track.cues.map((c) => c.id);
    if (ids.length === fixed.track.cues.length && ids.some((id, k) => id !== fixed.track.cues[k]!.id)) {
      fixed = fix({ ...parsed.track, cues: parsed.track.cues.map((c, k) => ({ ...c, id: ids[k]! })) });
    }
  }
  await writeFileAtomic(options.output, data);
  // A time already on its frame as finely as the file could write it (an Interop tick short of the frame) did not move.
  const step = read?.timeStepMs ?? 1;
  const changes = fixed.changes.filter((c) => c.rule !== 'frame-grid' || Math.abs(c.after - c.before) >= step);
  return { changes, language, diagnostics: [...said, ...written, ...fixed.findings], cues: fixed.track.cues.length, frameRate };
}

/**
 * The file's text with each cue's times changed where they stand, and
 * nothing else: what the file holds that the model does not (a DCP's reel
 * and font, WebVTT's STYLE and NOTE blocks, voices and ruby) stays. Read back,
 * it must hold the fixed times and the text read, or nothing is written.
 */
function retimedInPlace(parsed: ParseResult, fixed: Track, at: { input: string; frameRate: FrameRate; reader: FormatAdapter; asked: ParseOptions }): string {
  const { input, frameRate } = at;
  const map = parsed.times;
  const cues = parsed.track.cues;
  if (map === undefined) throw new SublocError('WRITE_FAILED', `${input}: not fixed: its reader cannot say where its times stand; nothing was written`, { file: input });
  const retimed = retimeText(map, cues, fixed.cues, frameRate);
  if ('refused' in retimed) throw new SublocError('WRITE_FAILED', `${input}: not fixed: ${refusalReason(retimed.refused)}; nothing was written`, { file: input });
  const step = at.reader.timeStepMs ?? 1;
  // Read as the file was, with the options it was read with.
  const back = at.reader.parse(retimed.text, at.asked);
  const same = (a: number, b: number) => Math.abs(a - b) < step;
  const k = back.track.cues.length === cues.length ? back.track.cues.findIndex((c, i) => !same(c.start, fixed.cues[i]!.start) || !same(c.end, fixed.cues[i]!.end) || JSON.stringify([c.lines, c.placement]) !== JSON.stringify([cues[i]!.lines, cues[i]!.placement])) : 0;
  if (k >= 0) {
    const cue = fixed.cues[k] ?? cues[0];
    const where = cue === undefined ? 'its cues' : `cue ${cue.id}`;
    throw new SublocError('WRITE_FAILED', `${input}: not fixed: with its times changed in place, the file would not read back as the fixed track (${where} differs); nothing was written: write another format with -o`, { file: input });
  }
  return retimed.text;
}

function refusalReason(refused: RetimeRefusal): string {
  const edge = `${refused.edge}-time`;
  switch (refused.kind) {
    case 'unwritten':
      return `cue ${refused.cueId}'s ${edge} is not written in the file as its own (it comes from an element around it, or from the cue before it in a sequence), so the fix cannot move it alone: time the cue itself in the file, or write another format with -o`;
    case 'shared':
      return `cues ${refused.other} and ${refused.cueId} are one subtitle in the file, with one ${edge} for both rows, which the fix would move apart: give the rows one time by hand, or make them two subtitles`;
    case 'between-frames':
      return refused.counts === undefined
        ? `cue ${refused.cueId}'s new ${edge}, ${clockTime(refused.time, '.')}, cannot be written in the file's notation`
        : `cue ${refused.cueId}'s new ${edge}, ${clockTime(refused.time, '.')}, falls between two of the frames the file counts its times in (${frameRateLabel(refused.counts)} fps): expected --fps ${frameRateLabel(refused.counts)}, the file's own rate`;
  }
}
