import { SublocError } from '../../errors.js';
import type { ImportPlan } from '../../review/import.js';
import type { ReviewImportInput } from '../../pipeline/review-import.js';
import type { Command, ParsedArgs } from '../command.js';
import { t } from '../i18n.js';
import { EXIT, type CliIo } from '../io.js';
import { printDiagnostic } from '../style.js';

const str = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value : undefined);

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
  const input: ReviewImportInput = { file, cwd: io.cwd, env: io.env };
  for (const key of ['config', 'input', 'source', 'title', 'memory', 'encoding', 'language', 'reviewer'] as const) {
    const v = str(values[key]);
    if (v !== undefined) input[key] = v;
  }
  // Loaded when an import runs: `--help` and the other commands start without SQLite and the review readers.
  const { importReview } = await import('../../pipeline/review-import.js');
  const result = await importReview(input);
  switch (result.outcome) {
    case 'language-mismatch':
      throw new SublocError('USAGE', t('review.error.languageMismatch', { option: result.option, named: result.named }));
    case 'no-language':
      throw new SublocError('USAGE', t('review.error.noLanguage', { file: result.name, ext: result.extension }));
    case 'unreadable':
      for (const d of result.diagnostics) printDiagnostic(io, d, result.name);
      io.stderr(`subloc review: ${t('review.refused', { file: result.name })}\n`);
      return EXIT.failed;
    case 'refused':
      for (const d of result.plan.diagnostics) printDiagnostic(io, d, result.name);
      io.stderr(`subloc review: ${t('review.refusedFor', { file: result.name, title: result.title, language: result.language })}\n`);
      return EXIT.failed;
    case 'imported':
      for (const d of result.plan.diagnostics) printDiagnostic(io, d, result.name);
      report(result.name, result.plan, result.written, io);
      return EXIT.ok;
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
    memory: { type: 'string', value: '<file|url>', description: () => t('option.memory'), default: () => t('option.memoryDefault') },
    encoding: { type: 'string', value: '<enc>', description: () => t('option.encoding'), default: () => t('option.encodingDefault') },
  },
  async run({ values, positionals }, io) {
    const [action, ...files] = positionals;
    if (action !== 'import') throw new SublocError('USAGE', action === undefined ? t('error.missingAction', { expected: 'import' }) : t('error.unknownAction', { name: action, expected: 'import' }));
    return importAction(values, files, io);
  },
};
