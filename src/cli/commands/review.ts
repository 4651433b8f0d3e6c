import { existsSync } from 'node:fs';
import { basename, extname, relative, resolve } from 'node:path';
import { decode } from '../../formats/decode.js';
import { hasErrors } from '../../model/diagnostic.js';
import type { Track } from '../../model/track.js';
import { SublocError } from '../../errors.js';
import type { LocalizeInput, LocalizeOptions } from '../../pipeline/options.js';
import { readInput } from '../../pipeline/read-input.js';
import type { ImportPlan } from '../../review/import.js';
import type { Command, ParsedArgs } from '../command.js';
import { t } from '../i18n.js';
import { EXIT, type CliIo } from '../io.js';
import { printDiagnostic } from '../style.js';

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
  const [{ resolveLocalizeOptions }, { readSourceTrack }] = await Promise.all([import('../../pipeline/options.js'), import('../../pipeline/read-source.js')]);
  const options = await resolveLocalizeOptions(cli, io.cwd, io.env);
  const { track } = await readSourceTrack(options);
  return { options, track };
}

function report(file: string, plan: ImportPlan, written: { written: number; kept: number }, io: CliIo): void {
  const approved = plan.entries.filter((e) => e.status === 'approved').length;
  if (io.quiet === true) return;
  const units = plan.entries.length;
  const imported = units === 1 ? t('review.importedOne', { file, approved, reviewed: units - approved }) : t('review.imported', { file, n: units, approved, reviewed: units - approved });
  io.stdout(`${imported}${t('review.importedRest', { unchanged: plan.unchanged, skipped: plan.skipped, written: written.written, kept: written.kept })}\n`);
}

async function importAction(values: ParsedArgs['values'], files: string[], io: CliIo): Promise<number> {
  const [file, ...extra] = files;
  if (file === undefined) throw new SublocError('USAGE', t('review.error.noFile'));
  if (extra.length > 0) throw new SublocError('USAGE', t('review.error.oneFile', { argument: extra[0] ?? '' }));
  // Loaded when an import runs: `--help` and the other commands start without SQLite and the review readers.
  const [{ parse }, { openMemory }, { alignByTiming }, { planImport, planSubtitleImport }, { readXliff }, { segment }] = await Promise.all([
    import('../../formats/parse.js'),
    import('../../memory/sqlite.js'),
    import('../../review/align.js'),
    import('../../review/import.js'),
    import('../../review/xliff-read.js'),
    import('../../translate/segment.js'),
  ]);
  const path = resolve(io.cwd, file);
  const bytes = await readInput(path);
  const decoded = decode(bytes);
  const name = relative(io.cwd, path) || file;
  const print = (plan: Pick<ImportPlan, 'diagnostics'>) => {
    for (const d of plan.diagnostics) printDiagnostic(io, d, name);
  };
  if (hasErrors(decoded.diagnostics)) {
    print(decoded);
    io.stderr(`subloc review: ${t('review.refused', { file: name })}\n`);
    return EXIT.failed;
  }
  const xliff = isXliff(path, decoded.text);
  const read = xliff ? readXliff(decoded.text, name) : undefined;
  const named = LANGUAGE_IN_NAME.exec(basename(path))?.[1];
  const option = str(values['language']);
  if (option !== undefined && !xliff && named !== undefined && named.toLowerCase() !== option.toLowerCase()) {
    throw new SublocError('USAGE', t('review.error.languageMismatch', { option, named }));
  }
  const language = option ?? (read && read.targetLang !== '' ? read.targetLang : named);
  if (language === undefined) throw new SublocError('USAGE', t('review.error.noLanguage', { file: name, ext: extname(path) }));

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
      io.stderr(`subloc review: ${t('review.refusedFor', { file: name, title: options.title, language })}\n`);
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
  summary: () => t('review.summary'),
  usage: () => t('review.usage'),
  options: {
    config: { type: 'string', short: 'c', value: '<file>', description: () => t('option.config'), default: 'subloc.config.json' },
    title: { type: 'string', value: '<t>', description: () => t('option.title'), default: () => t('option.titleDefault') },
    language: { type: 'string', value: '<lang>', description: () => t('review.option.language'), default: () => t('review.option.languageDefault') },
    reviewer: { type: 'string', value: '<name>', description: () => t('review.option.reviewer'), default: () => t('review.option.reviewerDefault') },
    input: { type: 'string', short: 'i', value: '<file>', description: () => t('option.input'), default: () => t('option.inputDefault') },
    source: { type: 'string', value: '<lang>', description: () => t('option.sourceLanguage'), default: () => t('option.sourceLanguageDefault') },
    memory: { type: 'string', value: '<file>', description: () => t('option.memory'), default: () => t('option.memoryDefault') },
    encoding: { type: 'string', value: '<enc>', description: () => t('option.encoding'), default: () => t('option.encodingDefault') },
  },
  async run({ values, positionals }, io) {
    const [action, ...files] = positionals;
    if (action !== 'import') throw new SublocError('USAGE', action === undefined ? t('error.missingAction', { expected: 'import' }) : t('error.unknownAction', { name: action, expected: 'import' }));
    return importAction(values, files, io);
  },
};
