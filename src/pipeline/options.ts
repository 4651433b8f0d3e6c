import { readFile, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { unknownEncoding } from '../formats/decode.js';
import { formatIds } from '../formats/format-ids.js';
import { excerpt, foundValue } from '../formats/shared/excerpt.js';
import type { FormatId } from '../formats/types.js';
import type { Lang } from '../model/track.js';
import { checkReadable, fileErrorReason, SublocError } from '../errors.js';
import { existsSync, statSync } from 'node:fs';
import { JsonSyntaxError, parseJson, type JsonDocument } from '../formats/shared/json-source.js';
import { jsonText } from '../formats/shared/json-text.js';
import { glossaryFits } from '../glossary/index.js';
import { memoryPath } from '../memory/path.js';
import { BCP47, fromFileName } from '../model/file-name.js';
import { canonicalLanguageTag } from '../model/language.js';
import { parseFrameRate } from '../model/frame-rate.js';
import type { FrameRate } from '../model/track.js';
import { loadProfile, namesProfileFile, profiles, type Profile } from '../qc/index.js';
import { PROVIDER_IDS, providers, type ProviderId } from '../translate/providers.js';
import { COMMAND_LINE, configError, fileOrigin, type Origin } from './origin.js';
import { checkOutFolder } from './out-folder.js';
import { RUN_FOLDERS } from './run-folders.js';

/** What a user may say, on the command line or in `subloc.config.json`. */
export interface LocalizeInput {
  config?: string;
  title?: string;
  input?: string;
  source?: string;
  targets?: string[];
  provider?: string;
  formats?: string[];
  out?: string;
  encoding?: string;
  glossary?: string;
  memory?: string;
  tmx?: string[];
  concurrency?: number;
  dryRun?: boolean;
  profile?: string;
  fps?: string;
  fixTiming?: boolean;
  condense?: boolean;
  /** `deliver` only: the source language may be among `targets`, delivered as it was written. */
  sourceAmongTargets?: boolean;
  /** The command's option that names its languages, for the message when there are none. @default `--target` */
  targetsOption?: string;
  /** The languages when neither `targets` nor the config names any (the studio's `--language`). */
  targetsIfNone?: string[];
}

/** Everything resolved, defaulted and checked once; downstream trusts it. */
export interface LocalizeOptions {
  /** Absolute path of the config file read, when one was: the commands a refusal names are given it. */
  config?: string;
  title: string;
  /** Absolute path of the source track. */
  input: string;
  source: Lang;
  targets: Lang[];
  provider: ProviderId;
  formats: FormatId[];
  /** Absolute output root; tracks go to `<out>/<title>/<lang>/`. */
  out: string;
  /** Absolute path of the folder where each run folder written is recorded (`.subloc/run-folders/` beside the config, else in `cwd`), for `deliver` to check. */
  runFolders: string;
  encoding?: string;
  /** Absolute path of the glossary, when there is one. */
  glossary?: string;
  /** Absolute path of the memory database (or `:memory:`), or a Postgres URL: its password must never be shown (see `publicLocation`). */
  memory: string;
  /** Reviewed memories (TMX) imported before drafting; absolute paths. */
  tmx: string[];
  /** DeepL requests in flight at once. @default 4 */
  concurrency: number;
  /** Count what DeepL would bill; translate nothing. */
  dryRun: boolean;
  /** Time the source to the profile before drafting (`subloc timing fix`), a template every language shares. @default false */
  fixTiming: boolean;
  /** DeepL drafts aim for each cue's character budget where DeepL takes custom instructions (`--no-condense` turns it off). @default true */
  condense: boolean;
  /** The QC and fitting profile. @default the built-in `default` (Netflix figures) */
  profile: Profile;
  /** Absolute path of the file `profile` was read from; unset for a built-in profile. */
  profileFile?: string;
  /** The picture's frame rate, for gaps in frames and frame-based formats. @default the track's, else 24 */
  frameRate?: FrameRate;
  /** `frameRate` when the command line gave it (`--fps`, deliver's `--source-fps`), not the config: the commands a refusal names repeat it, as they repeat `config`. */
  fpsOption?: FrameRate;
}

function fail(where: Origin, message: string): never {
  throw configError(where, message);
}

/** Control characters: a title with one cannot be typed back or shown in a file list. */
const CONTROL = /[\u0000-\u001f\u007f]/;

/**
 * The title names the run's folder and every file in it, so it must be one
 * file name: a `/`, `\\`, `.` or `..` would put the outputs somewhere else.
 */
function checkTitle(title: string, where: Origin, field: string): string {
  const problem =
    title.trim() === '' ? 'is empty'
    : title === '.' || title === '..' ? 'names a folder, not a file'
    : /[\\/]/.test(title) ? 'contains a path separator'
    : CONTROL.test(title) ? 'contains a control character'
    : undefined;
  if (problem === undefined) return title;
  return fail(where, `${field} ${JSON.stringify(excerpt(title))} ${problem}; expected one file name such as \`hotline-beijing\`, which names the output folder and files`);
}

/** A list of strings shown as written; anything else by its kind (it may be nested too deep to print). */
function shownList(value: unknown): string {
  return Array.isArray(value) && value.every((v) => typeof v !== 'object' || v === null) ? JSON.stringify(value) : foundValue(value);
}

/** Reads one field of the config file: undefined when it is not there, its value when it is valid; refuses anything else. */
type FieldReader<T> = (value: unknown, where: Origin, field: string) => T | undefined;

const stringList: FieldReader<string[]> = (value, where, field) => {
  if (value === undefined) return undefined;
  if (typeof value === 'string') return value.split(',').map((s) => s.trim()).filter(Boolean);
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value;
  return fail(where, `\`${field}\` must be a list of strings, found ${shownList(value)}`);
};

const optionalString: FieldReader<string> = (value, where, field) => {
  if (value === undefined) return undefined;
  if (typeof value === 'string' && value.trim() !== '') return value;
  return fail(where, `\`${field}\` must be a non-empty string, found ${foundValue(value)}`);
};

const frameRateField: FieldReader<string> = (value, where, field) => {
  if (value === undefined) return undefined;
  if (typeof value === 'number' || typeof value === 'string') return String(value);
  return fail(where, `\`${field}\` must be a frame rate such as 24 or "29.97df", found ${foundValue(value)}`);
};

const booleanField: FieldReader<boolean> = (value, where, field) => {
  if (value === undefined || typeof value === 'boolean') return value;
  return fail(where, `\`${field}\` must be true or false, found ${foundValue(value)}`);
};

const concurrencyField: FieldReader<number> = (value, where, field) => {
  if (value === undefined || (typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 64)) return value;
  return fail(where, `\`${field}\` must be a whole number from 1 to 64, found ${foundValue(value)}`);
};

type ConfigField = Exclude<keyof LocalizeInput, 'config' | 'dryRun' | 'sourceAmongTargets' | 'targetsOption' | 'targetsIfNone'>;
type ConfigValues = Required<Pick<LocalizeInput, ConfigField>>;

/** Every field of `subloc.config.json` and how it is read, in the order they are checked and listed. */
const CONFIG_FIELDS: { readonly [K in ConfigField]: FieldReader<ConfigValues[K]> } = {
  title: optionalString,
  input: optionalString,
  source: optionalString,
  targets: stringList,
  provider: optionalString,
  formats: stringList,
  out: optionalString,
  encoding: optionalString,
  glossary: optionalString,
  memory: optionalString,
  tmx: stringList,
  concurrency: concurrencyField,
  profile: optionalString,
  fps: frameRateField,
  fixTiming: booleanField,
  condense: booleanField,
};
const FIELD_NAMES = Object.keys(CONFIG_FIELDS) as ConfigField[];

/** The config's values, and where each was said. */
interface ConfigFile {
  values: Partial<ConfigValues>;
  /** The config file itself, for what concerns no one field of it. */
  file: Origin;
  /** Its folder, which its relative paths and the default memory are taken from; unset without a config. */
  dir?: string;
  /** Where `field`'s value sits in the file; with `index`, that item of its list. */
  at(field: ConfigField, index?: number): Origin;
}

const NO_CONFIG: ConfigFile = { values: {}, file: COMMAND_LINE, at: () => COMMAND_LINE };

/**
 * Read with the locating JSON reader the glossary and profiles use, which
 * says at which line and column the text stops being JSON (JSON.parse says
 * neither), refuses a key given twice (JSON.parse keeps the last `targets`
 * without a word), and keeps where each value sits, so a refused field is
 * said at its line.
 */
async function readConfig(path: string): Promise<ConfigFile> {
  let raw: Uint8Array;
  try {
    checkReadable(await stat(path));
    raw = await readFile(path);
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    const why = code === 'EISDIR' ? 'it is a folder; expected a JSON file such as subloc.config.json' : fileErrorReason(cause);
    throw new SublocError('CONFIG_INVALID', `cannot read config ${path}: ${why}`, { cause, file: path });
  }
  let doc: JsonDocument;
  try {
    doc = parseJson(jsonText(raw));
  } catch (cause) {
    if (!(cause instanceof JsonSyntaxError)) throw cause;
    throw new SublocError('CONFIG_INVALID', `${path}:${cause.line}:${cause.column}: not valid JSON: ${cause.message}`, { cause, file: path, line: cause.line });
  }
  const file = fileOrigin(path);
  const json = doc.value;
  if (json === null || typeof json !== 'object' || Array.isArray(json)) return fail(file, 'expected a JSON object');
  for (const key of Object.keys(json)) {
    if (key !== '$schema' && !Object.hasOwn(CONFIG_FIELDS, key)) fail(fileOrigin(path, doc.keyPosition([key])), `unknown field \`${excerpt(key)}\`; expected one of ${FIELD_NAMES.join(', ')}`);
  }
  const at = (field: ConfigField, index?: number): Origin => fileOrigin(path, doc.position(index === undefined ? [field] : [field, index]) ?? doc.position([field]));
  const values: Partial<ConfigValues> = {};
  const read = <K extends ConfigField>(field: K) => {
    const value = CONFIG_FIELDS[field](Object.hasOwn(json, field) ? json[field] : undefined, at(field), field);
    if (value !== undefined) values[field] = value;
  };
  for (const field of FIELD_NAMES) read(field);
  return { values, file, dir: dirname(path), at };
}

/** A file the config names, which must be there: refused at its line otherwise, saying where a relative path is read from. */
function inConfigFolder(path: string, field: ConfigField, config: ConfigFile, configDir: string, index?: number): string {
  if (existsSync(path) && !statSync(path).isDirectory()) return path;
  if (existsSync(path)) return fail(config.at(field, index), `\`${field}\` names ${path}, which is a folder; expected a file`);
  return fail(config.at(field, index), `\`${field}\` names ${path}, which does not exist; expected a file (a relative path in the config is read from its folder, ${configDir})`);
}

/** The config a command reads: the one named, else `subloc.config.json` in `cwd` when there is one. */
export function projectConfig(named: string | undefined, cwd: string): string | undefined {
  return named ?? (existsSync(resolve(cwd, DEFAULT_CONFIG)) ? DEFAULT_CONFIG : undefined);
}

const DEFAULT_CONFIG = 'subloc.config.json';

/** The memory of a command given `cli` and its config: every command that opens one takes it from here. */
function memoryOf(cli: Pick<LocalizeInput, 'memory'>, config: ConfigFile, place: { cwd: string; env: Readonly<Record<string, string | undefined>> }): string {
  return memoryPath({ option: cli.memory, configured: config.values.memory, configDir: config.dir, ...place });
}

/** The memory a command uses that reads nothing else of the config (`subloc memory`). */
export async function resolveMemory(cli: Pick<LocalizeInput, 'config' | 'memory'>, cwd: string, env: Readonly<Record<string, string | undefined>>): Promise<string> {
  const config = cli.config === undefined ? NO_CONFIG : await readConfig(resolve(cwd, cli.config));
  return memoryOf(cli, config, { cwd, env });
}

/**
 * Command-line values win over the config file; relative paths in the config
 * file are relative to the config file's folder, on the command line to `cwd`.
 */
export async function resolveLocalizeOptions(cli: LocalizeInput, cwd: string, env: Readonly<Record<string, string | undefined>>): Promise<LocalizeOptions> {
  const configPath = cli.config === undefined ? undefined : resolve(cwd, cli.config);
  const config = configPath === undefined ? NO_CONFIG : await readConfig(configPath);
  const file = config.values;
  const configDir = config.dir ?? cwd;
  const where = config.file;
  /** Where the value in use was said: the command line wins over the config. */
  const origin = (field: ConfigField): Origin => (cli[field] !== undefined ? COMMAND_LINE : config.at(field));

  const inputRel = cli.input ?? file.input;
  if (inputRel === undefined) fail(where, 'no input track; pass --input <file> or set `input` in the config');
  const input = cli.input !== undefined ? resolve(cwd, cli.input) : inConfigFolder(resolve(configDir, inputRel), 'input', config, configDir);
  const named = fromFileName(input);

  const source = cli.source ?? file.source ?? named.language;
  if (source === undefined) fail(where, 'no source language; pass --source <lang> (BCP 47, e.g. zh-Hans) or name the file `<title>.<lang>.srt`');
  const targets = cli.targets ?? file.targets ?? cli.targetsIfNone;
  if (targets === undefined || targets.length === 0) fail(origin('targets'), `no target languages; pass ${cli.targetsOption ?? '--target'} en-US,fr-FR or set \`targets\``);
  for (const [tag, field] of [[source, 'source'], ...targets.map((t) => [t, 'targets'] as const)] as const) {
    if (!BCP47.test(tag)) fail(origin(field), `\`${excerpt(tag)}\` is not a BCP 47 language tag; expected something like zh-Hans, en-US, fr-FR`);
  }
  const sourceTag = canonicalLanguageTag(source);
  const intoSource = targets.find((t) => canonicalLanguageTag(t) === sourceTag);
  // On the command line the list came from --target, deliver's --language or a review file's language.
  const list = cli.targets === undefined ? '`targets` lists' : 'the languages asked for include';
  if (intoSource !== undefined && cli.sourceAmongTargets !== true) fail(origin('targets'), `${list} \`${excerpt(intoSource)}\`, the source language ${sourceTag}; expected the languages to translate into`);

  // Without a key the offline provider is the default: the run still drafts everything the memory knows.
  const provider = cli.provider ?? file.provider ?? (providers.deepl.unavailable?.(env) === undefined ? 'deepl' : 'offline');
  if (!Object.hasOwn(providers, provider)) fail(origin('provider'), `unknown provider \`${excerpt(provider)}\`; expected one of ${PROVIDER_IDS.join(', ')}`);
  // A dry run asks no provider, so it needs nothing of the environment.
  const unavailable = cli.dryRun ? undefined : providers[provider as ProviderId].unavailable?.(env);
  // Not the option's fault but the environment's: the job cannot run here (exit 1), however it was asked for.
  if (unavailable !== undefined) throw configError(origin('provider'), unavailable, new SublocError('CONFIG_INVALID', unavailable));

  const formats = cli.formats ?? file.formats ?? ['srt'];
  for (const f of formats) {
    if (!(formatIds as readonly string[]).includes(f)) fail(origin('formats'), `unknown format \`${excerpt(f)}\`; expected one of ${formatIds.join(', ')}`);
  }

  const outRel = cli.out ?? file.out ?? 'out';
  const out = cli.out !== undefined ? checkOutFolder(resolve(cwd, cli.out), COMMAND_LINE, '--out') : checkOutFolder(resolve(configDir, outRel), file.out === undefined ? where : config.at('out'), '`out`');
  const encoding = cli.encoding ?? file.encoding;
  const unknown = encoding === undefined ? undefined : unknownEncoding(encoding);
  if (unknown !== undefined) fail(origin('encoding'), unknown);
  // The glossary defaults to glossary.json in the working directory, as a user expects when one is there and its terms
  // are written as the track is: a film in another language or script run from the same folder goes without it.
  const here = resolve(cwd, 'glossary.json');
  const glossary =
    cli.glossary !== undefined ? resolve(cwd, cli.glossary)
    : file.glossary !== undefined ? inConfigFolder(resolve(configDir, file.glossary), 'glossary', config, configDir)
    : existsSync(here) && glossaryFits(here, source) ? here
    : undefined;
  const tmx = [...(file.tmx ?? []).map((p, i) => inConfigFolder(resolve(configDir, p), 'tmx', config, configDir, i)), ...(cli.tmx ?? []).map((p) => resolve(cwd, p))];
  // A profile name stays a name; a path in the config file is relative to it.
  const profileRef = cli.profile ?? file.profile ?? 'default';
  const profileFromFile = cli.profile === undefined && file.profile !== undefined;
  if (profileFromFile && namesProfileFile(profileRef)) inConfigFolder(resolve(configDir, profileRef), 'profile', config, configDir);
  let profile: Profile;
  try {
    profile = loadProfile(profileRef, profileFromFile ? configDir : cwd);
  } catch (cause) {
    // A profile named in the config is the config's problem: say which file to fix; a name typed wrong is a usage error.
    if (!(cause instanceof SublocError) || cause.file !== undefined) throw cause;
    throw profileFromFile ? configError(config.at('profile'), cause.message, cause) : configError(COMMAND_LINE, cause.message);
  }
  const fps = cli.fps ?? file.fps;
  const frameRate = fps === undefined ? undefined : parseFrameRate(fps);
  if (fps !== undefined && frameRate === undefined) fail(origin('fps'), `\`${excerpt(fps)}\` is not a frame rate; expected 23.976, 24, 25, 29.97, 29.97df, 30, 48, 50, 59.94, 59.94df, 60 or N/D`);

  // BCP 47 tags ignore case, and so do the memory and the drives festivals copy to (exFAT, NTFS, APFS): spelt one way,
  // `en-us` finds the glossary's `en-US` rendering, and `en-US` with `en-us` is one language, drafted and billed once.
  const languages = { source: sourceTag, targets: [...new Set(targets.map(canonicalLanguageTag))] };
  const options: LocalizeOptions = {
    title:
      cli.title !== undefined ? checkTitle(cli.title, COMMAND_LINE, '--title')
      : file.title !== undefined ? checkTitle(file.title, config.at('title'), '`title`')
      : checkTitle(named.title, fileOrigin(input), 'pass --title <t>: the title from the file name,'),
    input,
    ...languages,
    provider: provider as ProviderId,
    formats: [...new Set(formats)] as FormatId[],
    out,
    runFolders: resolve(configDir, RUN_FOLDERS),
    memory: memoryOf(cli, config, { cwd, env }),
    tmx,
    concurrency: cli.concurrency ?? file.concurrency ?? 4,
    dryRun: cli.dryRun ?? false,
    fixTiming: cli.fixTiming ?? file.fixTiming ?? false,
    condense: cli.condense ?? file.condense ?? true,
    profile,
  };
  if (configPath !== undefined) options.config = configPath;
  if (frameRate !== undefined) options.frameRate = frameRate;
  if (frameRate !== undefined && cli.fps !== undefined) options.fpsOption = frameRate;
  if (!Object.hasOwn(profiles, profileRef)) options.profileFile = resolve(profileFromFile ? configDir : cwd, profileRef);
  if (encoding !== undefined) options.encoding = encoding;
  if (glossary !== undefined) options.glossary = glossary;
  return options;
}
