import { readFile, stat } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { checkReadable, fileErrorReason, SublocError } from '../errors.js';
import { formatById, formatIds } from '../formats/index.js';
import { excerpt } from '../formats/shared/excerpt.js';
import { dropFrameLabelToFrames, FILM, formatTimecode, frameRateLabel, framesToMs, msToFrames, nominalFps, parseFrameRate } from '../model/frame-rate.js';
import type { Diagnostic } from '../model/diagnostic.js';
import type { FrameRate, Lang, Ms, Track } from '../model/track.js';
import { FontError, readFont, type FontFile } from '../deliver/font.js';
import { messages } from '../deliver/messages.js';
import { deliveryProfiles } from '../deliver/profiles.js';
import { pastDay, type DeliveryTiming } from '../deliver/retime.js';
import { parseTimecode } from '../deliver/timecode.js';
import { loadProfile, type Profile } from '../qc/index.js';
import { projectConfig, resolveLocalizeOptions, type LocalizeInput } from './options.js';
import { readSourceTrack } from './read-source.js';
import { checkOutFolder } from './out-folder.js';
import { checkTitleNames } from './title-names.js';
import { COMMAND_LINE, configError, fileOrigin } from './origin.js';

/** What a user may say on the command line; the rest comes from `subloc.config.json`. */
export interface DeliverInput {
  config?: string;
  title?: string;
  input?: string;
  source?: string;
  encoding?: string;
  languages?: string[];
  profile?: string;
  formats?: string[];
  fps?: string;
  sourceFps?: string;
  retime?: boolean;
  start?: string;
  /** The timecode the source counts from (its programme start), at the source's rate. */
  sourceStart?: string;
  out?: string;
  memory?: string;
  allowQcErrors?: boolean;
  allowDrafts?: boolean;
  fixTiming?: boolean;
  /** The font DCP subtitles are drawn with, delivered as `font.ttf`. */
  font?: string;
}

/** A font read and checked once: delivered beside the DCP files of every language. */
export interface DeliveryFont {
  /** As the user named it, for messages. */
  name: string;
  data: Uint8Array;
  file: FontFile;
}

/** Everything resolved and checked once; `deliver` trusts it. */
export interface DeliverOptions {
  title: string;
  /** Absolute path of the source track `localize` ran on. */
  input: string;
  source: Lang;
  /** The source track, read once: its cues, and its own frame rate when the file says one. */
  sourceTrack: Track;
  /** What the reader said of the source track (characters replaced, markup dropped): findings of the source language when it is delivered. */
  sourceDiagnostics: Diagnostic[];
  encoding?: string;
  languages: Lang[];
  /** Absolute path of the memory the approved translations are read from. */
  memory: string;
  glossary?: string;
  /** The delivery profile's name, or the QC profile file's id. */
  profile: string;
  qcProfile: Profile;
  /** Format ids, each in the format table. */
  formats: string[];
  /** Formats the profile lists that this build has no adapter for: skipped, with a warning. */
  missingFormats: string[];
  timing: DeliveryTiming;
  /** `--source-start` as the source counts (its label at the source's rate), for the manifest; absent without it. */
  sourceStart?: string;
  /** Absolute output root; the delivery is `<out>/<title>/`. */
  out: string;
  allowQcErrors: boolean;
  /** Deliver cues whose translation is a draft no reviewer confirmed. */
  allowDrafts: boolean;
  /** Absolute path of `localize`'s `<out>/<title>`, whose review files may hold edits the memory lacks. */
  runFolder: string;
  /** Where `localize` records the other run folders it wrote (`LocalizeOptions.runFolders`): theirs may hold such edits too. */
  runFolders: string;
  /** Absolute path of the config file read, for the commands messages name. */
  config?: string;
  /** The rate `--source-fps` gave, which the source was read at: the commands messages name repeat it. */
  sourceFps?: FrameRate;
  /** Time each language to the QC profile, its own reading speed included, before the gate. */
  fixTiming: boolean;
  /** `--font`: delivered as `font.ttf` with every language whose formats need one, its glyphs checked against the text. */
  font?: DeliveryFont;
  /** `--font` was given for formats none of which draws with a font: it is not delivered. */
  fontUnused?: true;
  /** A video rate (23.976, 29.97, 59.94) and its whole rate on either side of the delivery: how the picture crossed decides the times. */
  pulldown?: Pulldown;
  /** No `--source-start`, and the source's first cue is an hour or more in: its label and its hour's, at the source's rate. */
  lateSource?: { first: string; start: string };
}

/**
 * A video-rate master delivered at its whole rate without `--retime`: right
 * only if the picture was converted in real time.
 */
export interface Pulldown {
  /** The video rate and its whole rate (`23.976`, `24`). */
  video: string;
  whole: string;
  formats: string[];
  /** How often the times, converted in real time, fall a frame further behind a picture played faster by 1001/1000. */
  frameLateEverySeconds: number;
}

/**
 * A master cut at 23.976 goes into a DCP played at 24: the one conversion a
 * delivery cannot guess, so it is said. DCP formats at 23.976 are refused
 * before any language is delivered: every language would lack them, and a
 * language is delivered whole or not at all.
 */
function pulldownOf(timing: DeliveryTiming, formats: readonly string[]): Pulldown | undefined {
  const { source, delivery } = timing;
  const whole = (rate: FrameRate) => ({ numerator: rate.numerator / 1000, denominator: 1 });
  const isVideo = (rate: FrameRate) => rate.denominator === 1001 && rate.numerator % 1000 === 0;
  const wholeOnly = formats.filter((id) => formatById(id)!.frameRates !== undefined);
  if (isVideo(delivery) && wholeOnly.length > 0) {
    const [video, to] = [frameRateLabel(delivery), frameRateLabel(whole(delivery))];
    throw new SublocError(
      'USAGE',
      `a delivery at ${video} fps cannot hold ${wholeOnly.join(', ')} (a DCP plays, and counts, whole frames a second), and a language is delivered whole or not at all; expected --fps ${to} --retime to keep the subtitles on the frames a DCP plays a ${video} master's at, --fps ${to} if the picture was converted to ${to} in real time, or --formats without the DCP formats`,
    );
  }
  if (!isVideo(source) || timing.retime || delivery.denominator !== 1 || delivery.numerator !== source.numerator / 1000) return undefined;
  return { video: frameRateLabel(source), whole: frameRateLabel(whole(source)), formats: [...formats], frameLateEverySeconds: Math.round(1000 / whole(source).numerator) };
}


/** What exFAT and NTFS, the drives festivals receive deliveries on, refuse in a file name. */
const NOT_ON_FESTIVAL_DRIVES = /[<>:"|?*]/;
/** Windows reserves these with any extension too: `NUL.txt` and `CON.x` are the device. */
const DEVICE_NAMES = /^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$/i;

/**
 * The title names the delivery's folder and files, which are copied to a
 * festival's drive: a name that drive refuses would fail there, not here.
 */
function checkDeliveryTitle(title: string, languages: readonly Lang[], suffixes: readonly string[]): void {
  const quoted = JSON.stringify(excerpt(title));
  const character = NOT_ON_FESTIVAL_DRIVES.exec(title)?.[0];
  const problem =
    character !== undefined ? `contains \`${character}\`, which exFAT and NTFS drives refuse in a file name`
    : /[. ]$/.test(title) ? 'ends with a dot or a space, which Windows drops from a file name'
    : DEVICE_NAMES.test(title) ? 'is a name Windows keeps for a device'
    : undefined;
  if (problem !== undefined) throw new SublocError('USAGE', `the title ${quoted} ${problem}; expected a title that names a folder on any drive, such as \`hotline-beijing\` (set it with --title or \`title\` in the config)`);
  checkTitleNames(title, languages.flatMap((l) => suffixes.map((s) => `${title}.${l}.${s}`)));
}

function rate(text: string, where: string): FrameRate {
  const parsed = parseFrameRate(text);
  if (!parsed) throw new SublocError('USAGE', `${where}: ${messages.badRate(text)}`);
  return parsed;
}

/**
 * Source track, languages and memory as `localize` and `review import`
 * resolve them; the config is `subloc.config.json` in `cwd` when not named.
 * Output defaults to `deliverables/` beside the config (else in `cwd`).
 */
export async function resolveDeliverOptions(cli: DeliverInput, cwd: string, env: Readonly<Record<string, string | undefined>>): Promise<DeliverOptions> {
  const config = projectConfig(cli.config, cwd);
  const shared: LocalizeInput = { provider: 'offline', sourceAmongTargets: true, targetsOption: '--language' };
  if (config !== undefined) shared.config = config;
  if (cli.languages !== undefined) shared.targets = cli.languages;
  if (cli.sourceFps !== undefined) shared.fps = cli.sourceFps;
  for (const key of ['title', 'input', 'source', 'encoding', 'memory'] as const) {
    const v = cli[key];
    if (v !== undefined) shared[key] = v;
  }
  const base = await resolveLocalizeOptions(shared, cwd, env);

  const profileName = cli.profile ?? 'festival';
  const delivery = Object.hasOwn(deliveryProfiles, profileName) ? deliveryProfiles[profileName] : undefined;
  const qcProfile = loadNamedProfile(delivery?.qcProfile ?? profileName, cwd);
  let formats: string[];
  let missingFormats: string[] = [];
  if (cli.formats !== undefined) {
    for (const id of cli.formats) if (!formatById(id)) throw new SublocError('USAGE', `--formats: ${messages.unknownFormat(id, formatIds)}`);
    formats = [...new Set(cli.formats)];
  } else {
    const listed = (delivery ?? deliveryProfiles['festival']!).formats;
    formats = listed.filter((id) => formatById(id) !== undefined);
    missingFormats = listed.filter((id) => formatById(id) === undefined);
  }

  checkDeliveryTitle(base.title, base.targets, formats.map((id) => formatById(id)!.suffix));
  const deliveryFps = cli.fps === undefined ? undefined : rate(cli.fps, '--fps');
  const { track: sourceTrack, diagnostics: sourceDiagnostics } = await readSourceTrack(base);
  // The source file's own rate (TTML ttp:frameRate, SMPTE DCP EditRate) outranks the config's fps; --source-fps outranks both.
  const source = (cli.sourceFps === undefined ? undefined : base.frameRate) ?? sourceTrack.frameRate ?? base.frameRate ?? FILM;
  const deliveryRate = deliveryFps ?? source;
  const start = cli.start ?? '00:00:00:00';
  const parsed = parseTimecode(start, deliveryRate);
  if ('error' in parsed) throw new SublocError('USAGE', `--start: ${parsed.error}`);
  // A source read from frame timecodes counts in labels (at 23.976 an hour of them is 3,603.6 s); any other in seconds as written.
  const clock: SourceClock = { rate: source, labels: sourceTrack.meta.frameLabels !== undefined };
  const sourceStart = sourceStartOf(cli.sourceStart, sourceTrack, clock);
  const timing: DeliveryTiming = { source, delivery: deliveryRate, retime: cli.retime === true, startFrames: parsed.frames, sourceStart };
  const late = pastDay(sourceTrack, timing);
  if (late) throw new SublocError('USAGE', `--start ${start}: ${messages.pastDay(late.cue.id, formatTimecode(late.frames, deliveryRate), frameRateLabel(deliveryRate), timing.retime)}`);

  const configDir = config === undefined ? cwd : dirname(resolve(cwd, config));
  const options: DeliverOptions = {
    title: base.title,
    input: base.input,
    source: base.source,
    sourceTrack,
    sourceDiagnostics,
    // One of each, spelt one way (see resolveLocalizeOptions): `en-US` and `en-us` would be one folder written twice.
    languages: base.targets,
    memory: base.memory,
    profile: delivery?.id ?? qcProfile.id,
    qcProfile,
    formats,
    missingFormats,
    timing,
    out: cli.out !== undefined ? checkOutFolder(resolve(cwd, cli.out), COMMAND_LINE, '--out') : checkOutFolder(resolve(configDir, 'deliverables'), config === undefined ? COMMAND_LINE : fileOrigin(config), 'the default output folder'),
    allowQcErrors: cli.allowQcErrors === true,
    allowDrafts: cli.allowDrafts === true,
    runFolder: join(base.out, base.title),
    runFolders: base.runFolders,
    fixTiming: cli.fixTiming ?? base.fixTiming,
  };
  // The delivery replaces its language folders whole: a source track inside would be delivered over.
  const inside = relative(join(options.out, options.title), options.input);
  if (!inside.startsWith('..') && !isAbsolute(inside)) {
    throw new SublocError('USAGE', `the source track ${options.input} is inside the delivery folder ${join(options.out, options.title)}, which deliver replaces language by language; expected it elsewhere: copy it out and pass --input, or deliver into another folder with --out`, { file: options.input });
  }
  if (base.encoding !== undefined) options.encoding = base.encoding;
  if (base.config !== undefined) options.config = base.config;
  if (base.fpsOption !== undefined) options.sourceFps = base.fpsOption;
  if (base.glossary !== undefined) options.glossary = base.glossary;
  if (cli.sourceStart !== undefined) options.sourceStart = shownTime(sourceStart, clock);
  const lateSource = cli.sourceStart === undefined ? lateSourceOf(sourceTrack, clock) : undefined;
  if (lateSource !== undefined) options.lateSource = lateSource;
  const pulldown = pulldownOf(timing, formats);
  if (pulldown !== undefined) options.pulldown = pulldown;
  if (cli.font !== undefined) {
    options.font = await deliveryFont(resolve(cwd, cli.font), cli.font);
    if (!formats.some((id) => formatById(id)!.font !== undefined)) options.fontUnused = true;
  }
  return options;
}

/** How the source counts its times: its rate, and whether as timecode labels (an SRT's `HH:MM:SS:FF`, read so) or in seconds as written. */
interface SourceClock {
  rate: FrameRate;
  labels: boolean;
}

const TIMECODE_FIELDS = /^(\d{1,2}):(\d{2}):(\d{2})[:;](\d{2,3})$/;

/** A timecode `--source-start` names, as the source counts: a label's frames, or its seconds as written and its frames after them. */
function timecodeMs(text: string, clock: SourceClock): Ms | { error: string } {
  const parsed = parseTimecode(text, clock.rate);
  if ('error' in parsed) return parsed;
  if (clock.labels) return framesToMs(parsed.frames, clock.rate);
  const [h, m, s, f] = TIMECODE_FIELDS.exec(text.trim())!.slice(1).map(Number) as [number, number, number, number];
  return ((h * 60 + m) * 60 + s) * 1000 + framesToMs(f, clock.rate);
}

/** A source time as the source counts it: its label, or its seconds as written and the frame within the second. */
function shownTime(ms: Ms, clock: SourceClock): string {
  if (clock.labels) return formatTimecode(msToFrames(ms, clock.rate), clock.rate);
  const second = Math.floor(ms / 1000);
  const fps = nominalFps(clock.rate);
  // Whole seconds as labels count them, never drop-frame: the frames of a label are the frames within its second.
  return formatTimecode(second * fps + Math.min(msToFrames(ms - second * 1000, clock.rate), fps - 1), { numerator: clock.rate.numerator, denominator: clock.rate.denominator });
}

/**
 * A source whose first cue is an hour or more in is counted from a programme
 * start (01:00:00:00, broadcast's 10:00:00:00), not from the film's first
 * frame: the cue's time and the hour to give as `--source-start`, as the source counts.
 */
function lateSourceOf(track: Track, clock: SourceClock): { first: string; start: string } | undefined {
  if (track.cues.length === 0) return undefined;
  const first = Math.min(...track.cues.map((c) => c.start));
  const hour = (hours: number) => (clock.labels ? framesToMs(clock.rate.dropFrame ? dropFrameLabelToFrames(hours, 0, 0, 0, clock.rate) : hours * 3600 * nominalFps(clock.rate), clock.rate) : hours * 3_600_000);
  const hours = Math.floor(first / hour(1));
  return hours === 0 ? undefined : { first: shownTime(first, clock), start: `${String(hours).padStart(2, '0')}:00:00:00` };
}

/** `--source-start`, a timecode as the source counts, in milliseconds; refused past the source's first cue, which would fall before the programme. */
function sourceStartOf(text: string | undefined, track: Track, clock: SourceClock): Ms {
  if (text === undefined) return 0;
  const start = timecodeMs(text, clock);
  if (typeof start !== 'number') throw new SublocError('USAGE', `--source-start: ${start.error}`);
  const before = track.cues.find((c) => c.start < start);
  if (before !== undefined) throw new SublocError('USAGE', `--source-start ${text}: ${messages.beforeSourceStart(before.id, shownTime(before.start, clock), frameRateLabel(clock.rate))}`);
  return start;
}

/** `--font`, read and its character map checked: a file that is no single TrueType or OpenType font is refused here. */
async function deliveryFont(path: string, name: string): Promise<DeliveryFont> {
  let data: Uint8Array;
  try {
    checkReadable(await stat(path));
    data = await readFile(path);
  } catch (cause) {
    throw new SublocError('INPUT_UNREADABLE', `--font ${name}: ${fileErrorReason(cause)}`, { file: path, cause });
  }
  try {
    return { name, data, file: readFont(data) };
  } catch (cause) {
    if (!(cause instanceof FontError)) throw cause;
    throw new SublocError('INPUT_UNREADABLE', `${name}: ${messages.notAFont(cause.message)}`, { file: path, cause });
  }
}

/** A profile named on the command line: a name that is none (not a file either) is a usage error. */
function loadNamedProfile(name: string, cwd: string): Profile {
  try {
    return loadProfile(name, cwd);
  } catch (cause) {
    if (cause instanceof SublocError && cause.file === undefined) throw configError(COMMAND_LINE, cause.message);
    throw cause;
  }
}
