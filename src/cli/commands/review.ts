import { existsSync, statSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import { isSublocError, SublocError } from '../../errors.js';
import type { LocalizeInput } from '../../pipeline/options.js';
import { videoType } from '../../studio/video.js';
import type { ImportPlan } from '../../review/import.js';
import { importedEntries } from '../../review/imported-entries.js';
import type { PutResult } from '../../memory/store.js';
import type { ReviewImportInput } from '../../pipeline/review-import.js';
import type { Command, ParsedArgs } from '../command.js';
import { t } from '../i18n.js';
import { EXIT, type CliIo } from '../io.js';
import { pickAction } from '../pick-action.js';
import { SHARED_OPTIONS, TITLE_OPTIONS } from '../shared-options.js';
import { printDiagnostic } from '../style.js';

const str = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value : undefined);

function report(file: string, plan: ImportPlan, written: PutResult, io: CliIo): void {
  if (io.quiet === true) return;
  // A sentence kept for its old text was not imported onto the track, as its message says: not counted so.
  const { imported: entries, keptForOldText } = importedEntries(plan);
  const approved = entries.filter((e) => e.status === 'approved').length;
  const reviewed = entries.filter((e) => e.status === 'reviewed').length;
  // A unit of the new cut with the file's confirmed cues and a cue put in, empty: a draft until that cue is translated.
  const partly = entries.length - approved - reviewed;
  const counts = { file, approved, reviewed, partly: partly === 0 ? '' : `, ${t('review.partly', { n: partly })}` };
  const imported = entries.length === 1 ? t('review.importedOne', counts) : t('review.imported', { ...counts, n: entries.length });
  const kept = keptForOldText.length === 0 ? '' : t('review.keptForOldText', { n: keptForOldText.length });
  io.stdout(`${imported}${kept}${t('review.importedRest', { unchanged: plan.unchanged + written.unchanged, skipped: plan.skipped, written: written.written, kept: written.kept })}\n`);
}

const SERVE_ONLY = ['video', 'port', 'host'] as const;

async function importAction(values: ParsedArgs['values'], files: string[], io: CliIo): Promise<number> {
  const serveOnly = SERVE_ONLY.find((o) => values[o] !== undefined);
  if (serveOnly !== undefined) throw new SublocError('USAGE', t('review.error.serveOnly', { option: `--${serveOnly}` }));
  const [file, ...extra] = files;
  if (file === undefined) throw new SublocError('USAGE', t('review.error.noFile'));
  if (extra.length > 0) throw new SublocError('USAGE', t('review.error.oneFile', { argument: extra[0] ?? '' }));
  const input: ReviewImportInput = { file, cwd: io.cwd, env: io.env };
  for (const key of ['config', 'input', 'source', 'title', 'memory', 'encoding', 'fps', 'language', 'reviewer', 'out'] as const) {
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
      // Said even under --quiet: the next localize refuses this file again, and the way out is not another import.
      if (result.stillRefused) io.stderr(`subloc review: ${t('review.stillRefused', { file: result.name })}\n`);
      return EXIT.ok;
  }
}

/** The studio's address stays the same from one session to the next (a reviewer's bookmark), unless `--port` says otherwise. */
const DEFAULT_PORT = 4180;

function portOf(value: string | undefined): number {
  if (value === undefined) return DEFAULT_PORT;
  const port = /^\d{1,5}$/.test(value.trim()) ? Number(value) : NaN;
  if (!(port >= 0 && port <= 65535)) throw new SublocError('USAGE', t('review.error.badPort', { value }));
  return port;
}

function videoFile(value: string | undefined, cwd: string): string | undefined {
  if (value === undefined) return undefined;
  const path = resolve(cwd, value);
  if (!existsSync(path)) throw new SublocError('USAGE', t('review.error.noVideo', { file: value }));
  if (!statSync(path).isFile()) throw new SublocError('USAGE', t('review.error.videoNotFile', { file: value }));
  if (videoType(path) === undefined) throw new SublocError('USAGE', t('review.error.videoType', { file: value, ext: extname(path) || '(no extension)' }));
  return path;
}

/** Resolves when the user stops the studio (Ctrl+C, or a service manager's SIGTERM). */
function stopped(): Promise<void> {
  return new Promise((resolveStop) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolveStop();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

async function serveAction(values: ParsedArgs['values'], extra: string[], io: CliIo): Promise<number> {
  if (extra.length > 0) throw new SublocError('USAGE', t('review.error.noArguments', { argument: extra[0] ?? '' }));
  const port = portOf(str(values['port']));
  const video = videoFile(str(values['video']), io.cwd);
  // Loaded when the studio starts: the other commands start without the server and the review flow.
  const [{ resolveLocalizeOptions, projectConfig }, { openReviewSession }, { startStudio }] = await Promise.all([
    import('../../pipeline/options.js'),
    import('../../pipeline/review-session.js'),
    import('../../studio/server.js'),
  ]);
  const asked = str(values['language'])?.split(',').map((l) => l.trim()).filter(Boolean);
  const localize: LocalizeInput = { provider: 'offline', targetsOption: '--language', ...(asked === undefined ? {} : { targetsIfNone: asked }) };
  const config = projectConfig(str(values['config']), io.cwd);
  if (config !== undefined) localize.config = config;
  for (const key of ['input', 'source', 'title', 'memory', 'encoding', 'fps'] as const) {
    const v = str(values[key]);
    if (v !== undefined) localize[key] = v;
  }
  const options = await resolveLocalizeOptions(localize, io.cwd, io.env);
  for (const language of asked ?? []) {
    if (!options.targets.includes(language)) throw new SublocError('USAGE', t('review.error.notTarget', { language, title: options.title, expected: options.targets.join(', ') }));
  }
  const reviewer = str(values['reviewer']);
  // The page sends a refused edit again every 3 s: the same refusal is said once a minute, not on every retry.
  const said = new Map<string, number>();
  const saying = (line: string) => {
    const now = Date.now();
    if (now - (said.get(line) ?? -Infinity) < 60_000) return;
    said.set(line, now);
    io.stderr(line);
  };
  const session = await openReviewSession({
    localize: options,
    ...(asked === undefined ? {} : { languages: asked }),
    ...(reviewer === undefined ? {} : { reviewer }),
    ...(config === undefined ? {} : { config: { file: resolve(io.cwd, config), resolve: () => resolveLocalizeOptions(localize, io.cwd, io.env) } }),
  });
  let studio;
  try {
    studio = await startStudio({
      session,
      host: str(values['host']) ?? '127.0.0.1',
      port,
      video,
      // A refusal of subloc's own (a memory moved, its disk full) says what to do; anything else is the studio failing.
      onError: (error) => saying(`subloc review: ${isSublocError(error) ? error.message : t('review.failed', { message: error instanceof Error ? error.message : String(error) })}\n`),
    });
  } catch (error) {
    await session.close();
    throw error;
  }
  const stop = stopped();
  io.stdout(`${studio.url}\n`);
  if (studio.token !== undefined) io.stderr(`${t('review.token', { url: studio.url, token: studio.token })}\n`);
  if (io.quiet !== true) io.stderr(`${t('review.serving', { title: options.title, languages: session.languages.join(', '), memory: options.memory })}\n`);
  await stop;
  await studio.close();
  if (io.quiet !== true) io.stderr(`${t('review.stopped')}\n`);
  return EXIT.ok;
}

const actions = Object.freeze({ import: importAction, serve: serveAction });

export const review: Command = {
  name: 'review',
  options: {
    ...TITLE_OPTIONS,
    language: { type: 'string', value: '<lang>', description: () => t('review.option.language'), default: () => t('review.option.languageDefault') },
    reviewer: { type: 'string', value: '<name>', description: () => t('review.option.reviewer'), default: () => t('review.option.reviewerDefault') },
    input: SHARED_OPTIONS.input,
    source: SHARED_OPTIONS.source,
    memory: SHARED_OPTIONS.memory,
    encoding: SHARED_OPTIONS.encoding,
    fps: SHARED_OPTIONS.fps,
    out: { type: 'string', value: '<dir>', description: () => t('review.option.out'), default: 'out' },
    video: { type: 'string', value: '<file>', description: () => t('review.option.video'), default: () => t('review.option.videoDefault') },
    port: { type: 'string', value: '<n>', description: () => t('review.option.port'), default: String(DEFAULT_PORT) },
    host: { type: 'string', value: '<address>', description: () => t('review.option.host'), default: '127.0.0.1' },
  },
  async run({ values, positionals }, io) {
    const [name, ...files] = positionals;
    return pickAction(actions, name)(values, files, io);
  },
};
