import { readFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { formatById, formatIds } from '../formats/index.js';
import type { FormatId } from '../formats/types.js';
import type { Lang } from '../model/track.js';
import { SublocError } from '../errors.js';
import { translators, type ProviderId } from '../translate/providers.js';

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
}

/** Everything resolved, defaulted and checked once; downstream trusts it. */
export interface LocalizeOptions {
  title: string;
  /** Absolute path of the source track. */
  input: string;
  source: Lang;
  targets: Lang[];
  provider: ProviderId;
  formats: FormatId[];
  /** Absolute output root; tracks go to `<out>/<title>/<lang>/`. */
  out: string;
  encoding?: string;
}

const BCP47 = /^[a-zA-Z]{2,3}(-[a-zA-Z]{4})?(-([a-zA-Z]{2}|\d{3}))?(-[a-zA-Z\d]{5,8})*$/;

function fail(where: string, message: string): never {
  throw new SublocError('CONFIG_INVALID', `${where}: ${message}`, { file: where });
}

function stringList(value: unknown, where: string, field: string): string[] | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string') return value.split(',').map((s) => s.trim()).filter(Boolean);
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value;
  return fail(where, `\`${field}\` must be a list of strings, found ${JSON.stringify(value)}`);
}

function optionalString(value: unknown, where: string, field: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string' && value.trim() !== '') return value;
  return fail(where, `\`${field}\` must be a non-empty string, found ${JSON.stringify(value)}`);
}

const CONFIG_FIELDS = new Set(['$schema', 'title', 'input', 'source', 'targets', 'provider', 'formats', 'out', 'encoding']);

async function readConfig(path: string): Promise<LocalizeInput> {
  let raw: string;
  try {
    raw = await readFile(path, 'utf8');
  } catch (cause) {
    throw new SublocError('CONFIG_INVALID', `cannot read config ${path}: ${(cause as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (cause as Error).message}`, { cause, file: path });
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (cause) {
    return fail(path, `not valid JSON (${(cause as Error).message})`);
  }
  if (json === null || typeof json !== 'object' || Array.isArray(json)) return fail(path, 'expected a JSON object');
  const obj = json as Record<string, unknown>;
  for (const key of Object.keys(obj)) {
    if (!CONFIG_FIELDS.has(key)) fail(path, `unknown field \`${key}\`; expected one of ${[...CONFIG_FIELDS].filter((f) => f !== '$schema').join(', ')}`);
  }
  const input: LocalizeInput = {};
  const put = <K extends keyof LocalizeInput>(key: K, value: LocalizeInput[K] | undefined) => {
    if (value !== undefined) input[key] = value;
  };
  put('title', optionalString(obj['title'], path, 'title'));
  put('input', optionalString(obj['input'], path, 'input'));
  put('source', optionalString(obj['source'], path, 'source'));
  put('targets', stringList(obj['targets'], path, 'targets'));
  put('provider', optionalString(obj['provider'], path, 'provider'));
  put('formats', stringList(obj['formats'], path, 'formats'));
  put('out', optionalString(obj['out'], path, 'out'));
  put('encoding', optionalString(obj['encoding'], path, 'encoding'));
  return input;
}

/** `hotline-beijing.zh-Hans.srt` → title `hotline-beijing`, language `zh-Hans`. */
function fromFileName(path: string): { title: string; language?: string } {
  const parts = basename(path).split('.');
  parts.pop();
  const last = parts[parts.length - 1];
  if (parts.length > 1 && last !== undefined && BCP47.test(last)) {
    parts.pop();
    return { title: parts.join('.'), language: last };
  }
  return { title: parts.join('.') };
}

/**
 * Command-line values win over the config file; relative paths in the config
 * file are relative to the config file's folder, on the command line to `cwd`.
 */
export async function resolveLocalizeOptions(cli: LocalizeInput, cwd: string): Promise<LocalizeOptions> {
  const configPath = cli.config === undefined ? undefined : resolve(cwd, cli.config);
  const file = configPath === undefined ? {} : await readConfig(configPath);
  const configDir = configPath === undefined ? cwd : resolve(configPath, '..');
  const where = configPath ?? 'command line';

  const inputRel = cli.input ?? file.input;
  if (inputRel === undefined) fail(where, 'no input track; pass --input <file> or set `input` in the config');
  const input = cli.input !== undefined ? resolve(cwd, cli.input) : resolve(configDir, inputRel);
  const named = fromFileName(input);

  const source = cli.source ?? file.source ?? named.language;
  if (source === undefined) fail(where, 'no source language; pass --source <lang> (BCP 47, e.g. zh-Hans) or name the file `<title>.<lang>.srt`');
  const targets = cli.targets ?? file.targets;
  if (targets === undefined || targets.length === 0) fail(where, 'no target languages; pass --target en-US,fr-FR or set `targets`');
  for (const tag of [source, ...targets]) {
    if (!BCP47.test(tag)) fail(where, `\`${tag}\` is not a BCP 47 language tag; expected something like zh-Hans, en-US, fr-FR`);
  }

  const provider = cli.provider ?? file.provider ?? 'pseudo';
  if (!Object.hasOwn(translators, provider)) fail(where, `unknown provider \`${provider}\`; expected one of ${Object.keys(translators).join(', ')}`);

  const formats = cli.formats ?? file.formats ?? ['srt'];
  for (const f of formats) {
    if (!formatById(f)) fail(where, `unknown format \`${f}\`; expected one of ${formatIds.join(', ')}`);
  }

  const outRel = cli.out ?? file.out ?? 'out';
  const out = cli.out !== undefined ? resolve(cwd, cli.out) : resolve(configDir, outRel);
  const encoding = cli.encoding ?? file.encoding;

  const options: LocalizeOptions = {
    title: cli.title ?? file.title ?? named.title,
    input,
    source,
    targets: [...new Set(targets)],
    provider: provider as ProviderId,
    formats: [...new Set(formats)] as FormatId[],
    out,
  };
  if (encoding !== undefined) options.encoding = encoding;
  return options;
}
