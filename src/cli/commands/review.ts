import { existsSync } from 'node:fs';
import { basename, extname, relative, resolve } from 'node:path';
import { decode } from '../../formats/decode.js';
import { parse } from '../../formats/parse.js';
import { formatDiagnostic, hasErrors } from '../../model/diagnostic.js';
import type { Track } from '../../model/track.js';
import { SublocError } from '../../errors.js';
import { openMemory } from '../../memory/sqlite.js';
import { resolveLocalizeOptions, type LocalizeInput, type LocalizeOptions } from '../../pipeline/options.js';
import { readInput } from '../../pipeline/read-input.js';
import { alignByTiming } from '../../review/align.js';
import { planImport, planSubtitleImport, type ImportPlan } from '../../review/import.js';
import { readXliff } from '../../review/xliff-read.js';
import { segment } from '../../translate/segment.js';
import type { Command, ParsedArgs } from '../command.js';
import { EXIT, type CliIo } from '../io.js';

const str = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value : undefined);
const XLIFF_EXTENSIONS = new Set(['.xlf', '.xliff', '.xlz']);
const LANGUAGE_IN_NAME = /\.([a-zA-Z]{2,3}(?:-[a-zA-Z]{4})?(?:-(?:[a-zA-Z]{2}|\d{3}))?)\.[^.]+$/;

function isXliff(file: string, text: string): boolean {
  return XLIFF_EXTENSIONS.has(extname(file).toLowerCase()) || /^\s*(<\?xml[^>]*\?>\s*)?(<!--[^]*?-->\s*)*<xliff[\s>]/.test(text);
}

/** The source track as the last `localize` cut it into units; options as `localize` resolves them. */
async function sourceTrack(values: ParsedArgs['values'], language: string, io: CliIo): Promise<{ options: LocalizeOptions; track: Track }> {
  const cli: LocalizeInput = { targets: [language], provider: 'offline' };
  const config = str(values['config']) ?? (existsSync(resolve(io.cwd, 'subloc.config.json')) ? 'subloc.config.json' : undefined);
  if (config !== undefined) cli.config = config;
  for (const key of ['input', 'source', 'title', 'memory', 'encoding'] as const) {
    const v = str(values[key]);
    if (v !== undefined) cli[key] = v;
  }
  const options = await resolveLocalizeOptions(cli, io.cwd, io.env);
  const parsed = parse(await readInput(options.input), { fileName: options.input, language: options.source, ...(options.encoding === undefined ? {} : { encoding: options.encoding }) });
  const first = parsed.diagnostics.find((d) => d.severity === 'error');
  if (first || parsed.track.cues.length === 0) {
    throw new SublocError('PARSE_FAILED', `cannot read the source track: ${first ? first.message : 'no cues found'}; expected the track \`subloc localize\` ran on`, {
      file: options.input,
      ...(first?.line === undefined ? {} : { line: first.line }),
      diagnostics: parsed.diagnostics,
    });
  }
  return { options, track: { ...parsed.track, language: options.source } };
}

function report(file: string, plan: ImportPlan, written: { written: number; kept: number }, io: CliIo): void {
  const approved = plan.entries.filter((e) => e.status === 'approved').length;
  io.stdout(
    `${file}: ${plan.entries.length} unit${plan.entries.length === 1 ? '' : 's'} imported (${approved} approved, ${plan.entries.length - approved} reviewed), ` +
      `${plan.unchanged} already in the memory, ${plan.skipped} not imported (not reviewed, incomplete or changed, see the messages above); ` +
      `memory: ${written.written} written, ${written.kept} kept (a higher status is stored)\n`,
  );
}

async function importAction(values: ParsedArgs['values'], files: string[], io: CliIo): Promise<number> {
  const [file, ...extra] = files;
  if (file === undefined) throw new SublocError('USAGE', 'expected the reviewed file to import (<file.xlf>, <file.srt> or <file.vtt>)');
  if (extra.length > 0) throw new SublocError('USAGE', `unexpected argument \`${extra[0]}\`; review import takes one file`);
  const path = resolve(io.cwd, file);
  const bytes = await readInput(path);
  const decoded = decode(bytes);
  const name = relative(io.cwd, path) || file;
  const print = (plan: Pick<ImportPlan, 'diagnostics'>) => {
    for (const d of plan.diagnostics) io.stderr(`${formatDiagnostic(d, name)}\n`);
  };
  if (hasErrors(decoded.diagnostics)) {
    print(decoded);
    io.stderr(`subloc review: ${name} was refused; nothing was imported\n`);
    return EXIT.failed;
  }
  const xliff = isXliff(path, decoded.text);
  const read = xliff ? readXliff(decoded.text, name) : undefined;
  const named = LANGUAGE_IN_NAME.exec(basename(path))?.[1];
  const option = str(values['language']);
  if (option !== undefined && !xliff && named !== undefined && named.toLowerCase() !== option.toLowerCase()) {
    throw new SublocError('USAGE', `--language ${option} but the file is named for ${named}; expected the language of the edited track`);
  }
  const language = option ?? (read && read.targetLang !== '' ? read.targetLang : named);
  if (language === undefined) throw new SublocError('USAGE', `cannot tell the language of ${name}; pass --language <lang> (e.g. en-US) or name the file <title>.<lang>${extname(path)}`);

  const { options, track } = await sourceTrack(values, language, io);
  const units = segment(track);
  const pair = { source: options.source, target: language };
  const reviewer = str(values['reviewer']);
  const store = openMemory(options.memory);
  try {
    const common = {
      language,
      sourceLang: options.source,
      units,
      now: new Date().toISOString(),
      stored: (source: readonly string[]) => store.fuzzy(source, pair, 1)?.entry,
      ...(reviewer === undefined ? {} : { reviewer }),
    };
    let plan: ImportPlan;
    if (read) plan = planImport(read, { ...common, title: options.title });
    else {
      const edited = parse(decoded.text, { fileName: path, language });
      if (hasErrors(edited.diagnostics)) plan = { entries: [], unchanged: 0, skipped: 0, refused: true, diagnostics: edited.diagnostics };
      else plan = planSubtitleImport(alignByTiming(edited.track, track.cues), edited.track.cues.length, { ...common, provider: edited.track.meta.sourceFormat ?? 'subtitles' });
    }
    print(plan);
    if (plan.refused) {
      io.stderr(`subloc review: ${name} was refused for ${options.title} (${language}); nothing was imported\n`);
      return EXIT.failed;
    }
    report(name, plan, store.put(plan.entries), io);
    return EXIT.ok;
  } finally {
    store.close();
  }
}

export const review: Command = {
  name: 'review',
  summary: "Import a translator's reviewed XLIFF, or an edited SRT/WebVTT aligned by timing, into the translation memory.",
  usage:
    'subloc review import <file.xlf|file.srt|file.vtt> [--title <t>] [--language <lang>] [--reviewer <name>] [--config subloc.config.json] [--input <source track>] [--source <lang>] [--memory <file>]',
  options: {
    config: { type: 'string', short: 'c' },
    title: { type: 'string' },
    language: { type: 'string' },
    reviewer: { type: 'string' },
    input: { type: 'string', short: 'i' },
    source: { type: 'string' },
    memory: { type: 'string' },
    encoding: { type: 'string' },
  },
  async run({ values, positionals }, io) {
    const [action, ...files] = positionals;
    if (action !== 'import') throw new SublocError('USAGE', `${action === undefined ? 'missing action' : `unknown action \`${action}\``}; expected import`);
    return importAction(values, files, io);
  },
};
