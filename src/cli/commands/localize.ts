import { hostname } from 'node:os';
import { join, relative } from 'node:path';
import { SublocError } from '../../errors.js';
import type { RunHolder } from '../../memory/store.js';
import type { LocalizeEvent } from '../../pipeline/localize.js';
import type { LocalizeInput } from '../../pipeline/options.js';
import type { Command } from '../command.js';
import { t } from '../i18n.js';
import { EXIT } from '../io.js';
import { SHARED_OPTIONS } from '../shared-options.js';
import { shownMemory } from '../shown-memory.js';
import { note, printDiagnostic, styleFor } from '../style.js';

/** The signals that stop a run the way Ctrl-C does: an interactive user's, and a scheduler's or a container's. */
const STOP_SIGNALS = ['SIGINT', 'SIGTERM'] as const;

function holderOf(holder: RunHolder | undefined): string {
  if (holder === undefined) return t('localize.waiting.unknown');
  return holder.hostname === hostname() ? t('localize.waiting.holder', { ...holder }) : t('localize.waiting.holderElsewhere', { ...holder });
}

function sentWait(event: Extract<LocalizeEvent, { type: 'sent-wait' }>): string {
  const holders = [...new Set(event.others.map((o) => `\`${o.purpose}\``))].join(', ');
  const until = event.others.map((o) => o.until).reduce((a, b) => (b > a ? b : a));
  return t('localize.waiting.sent', { units: event.others.length, language: event.language, holders, memory: event.memory, until });
}

export const localize: Command = {
  name: 'localize',
  options: {
    config: SHARED_OPTIONS.config,
    title: SHARED_OPTIONS.title,
    input: { type: 'string', short: 'i', value: '<file>', description: () => t('localize.option.input'), default: () => t('localize.option.inputDefault') },
    source: SHARED_OPTIONS.source,
    target: { type: 'string', value: '<lang,lang>', description: () => t('localize.option.target'), default: () => t('localize.option.targetDefault') },
    provider: { type: 'string', value: '<deepl|offline|pseudo>', description: () => t('localize.option.provider'), default: () => t('localize.option.providerDefault') },
    glossary: { type: 'string', value: '<file>', description: () => t('localize.option.glossary'), default: () => t('localize.option.glossaryDefault') },
    formats: { type: 'string', value: '<srt,vtt,ttml>', description: () => t('localize.option.formats'), default: 'srt' },
    out: { type: 'string', value: '<dir>', description: () => t('localize.option.out'), default: 'out' },
    memory: SHARED_OPTIONS.memory,
    tmx: { type: 'string', value: '<file,file>', description: () => t('localize.option.tmx') },
    concurrency: { type: 'string', value: '<n>', description: () => t('localize.option.concurrency'), default: '4' },
    profile: SHARED_OPTIONS.profile,
    fps: SHARED_OPTIONS.fps,
    encoding: SHARED_OPTIONS.encoding,
    'dry-run': { type: 'boolean', description: () => t('localize.option.dryRun') },
    'fix-timing': SHARED_OPTIONS['fix-timing'],
    'no-condense': { type: 'boolean', description: () => t('localize.option.noCondense') },
    json: SHARED_OPTIONS.json,
  },
  async run({ values, positionals }, io) {
    if (positionals.length > 0) throw new SublocError('USAGE', t('error.optionsOnly', { argument: positionals[0] ?? '', command: 'localize' }));
    const list = (v: unknown) => (typeof v === 'string' ? v.split(',').map((s) => s.trim()).filter(Boolean) : undefined);
    const cli: LocalizeInput = {};
    for (const key of ['config', 'title', 'input', 'source', 'provider', 'out', 'encoding', 'glossary', 'memory', 'profile', 'fps'] as const) {
      const v = values[key];
      if (typeof v === 'string') cli[key] = v;
    }
    const targets = list(values['target']);
    if (targets) cli.targets = targets;
    const formats = list(values['formats']);
    if (formats) cli.formats = formats;
    const tmx = list(values['tmx']);
    if (tmx) cli.tmx = tmx;
    if (typeof values['concurrency'] === 'string') {
      const n = Number(values['concurrency']);
      if (!Number.isInteger(n) || n < 1 || n > 64) throw new SublocError('USAGE', t('localize.error.concurrency', { value: values['concurrency'] }));
      cli.concurrency = n;
    }
    if (values['dry-run'] === true) cli.dryRun = true;
    if (values['fix-timing'] === true) cli.fixTiming = true;
    if (values['no-condense'] === true) cli.condense = false;

    // Loaded when a run starts: `--help` and the other commands start without DeepL, SQLite and the progress bars.
    const [{ resolveLocalizeOptions, projectConfig }, { localize: runLocalize, refusedRunReport }, { reportJson }, { progressReporter }] = await Promise.all([
      import('../../pipeline/options.js'),
      import('../../pipeline/localize.js'),
      import('../../pipeline/report.js'),
      import('../progress.js'),
    ]);
    // The project's config when the run names neither a config nor an input: a run given only --input stays a run of that file.
    const config = cli.input === undefined ? projectConfig(cli.config, io.cwd) : cli.config;
    if (config !== undefined) cli.config = config;
    const options = await resolveLocalizeOptions(cli, io.cwd, io.env);
    const json = values['json'] === true;
    const progress = json || options.dryRun ? undefined : progressReporter(io);
    // Said even under --quiet and --json: without it a waiting run looks hung.
    const onEvent = (event: LocalizeEvent) => {
      if (event.type === 'memory-wait') io.stderr(`subloc localize: ${t('localize.waiting.message', { memory: event.memory, holder: holderOf(event.holder) })}\n`);
      else if (event.type === 'sent-wait') io.stderr(`subloc localize: ${sentWait(event)}\n`);
      else progress?.onEvent(event);
    };
    // Ctrl-C while DeepL drafts, or SIGTERM (a scheduler's stop, `timeout`, `docker stop`): no request leaves after it,
    // and the answers on their way, which DeepL has billed, are stored before the run ends; a second one, or one while
    // the run waits for the memory, quits at once.
    const stop = new AbortController();
    let waiting = false;
    const onSigint = () => {
      if (stop.signal.aborted || waiting) process.exit(EXIT.interrupted);
      stop.abort();
      io.stderr(`subloc localize: ${t('localize.stopping')}\n`);
    };
    const watched = (event: LocalizeEvent) => {
      waiting = event.type === 'memory-wait';
      onEvent(event);
    };
    if (options.provider === 'deepl' && !options.dryRun) for (const signal of STOP_SIGNALS) process.on(signal, onSigint);
    let report;
    try {
      report = await runLocalize(options, { env: io.env, onEvent: watched, stop: stop.signal });
    } catch (error) {
      // A run that refused a language wrote the others and their run.json: a script reading stdout gets that report, and
      // the exit status and stderr say the refusal.
      const written = json ? refusedRunReport(error) : undefined;
      if (written !== undefined) io.stdout(reportJson(written));
      throw error;
    } finally {
      for (const signal of STOP_SIGNALS) process.off(signal, onSigint);
      progress?.stop();
    }
    const runDir = join(options.out, options.title);
    for (const l of report.languages) {
      const r = l.reviewImport;
      // Nothing imported nor kept: the file was this tool's own output that a failed run did not record.
      if (r === undefined || r.imported + r.keptForOldText === 0) continue;
      const file = relative(io.cwd, join(runDir, r.file));
      if (r.imported > 0) note(io, `subloc localize: ${r.imported === 1 ? t('localize.reviewImportedOne', { file, approved: r.approved }) : t('localize.reviewImported', { file, n: r.imported, approved: r.approved })}`);
      for (const d of r.diagnostics) if (d.severity !== 'info') printDiagnostic(io, d, file);
    }
    if (json) {
      io.stdout(reportJson(report));
      return EXIT.ok;
    }
    const name = (path: string) => relative(io.cwd, path) || path;
    for (const d of report.diagnostics) printDiagnostic(io, d, name(options.input));
    for (const i of report.imported) for (const d of i.diagnostics) printDiagnostic(io, d, name(i.file));
    for (const d of report.service) printDiagnostic(io, d);
    if (options.dryRun) {
      io.stdout(`${t('localize.dryRun')}\n`);
      for (const l of report.languages) {
        const second = l.condense === undefined ? '' : ` ${t('localize.dryRunCondense', { units: l.condense.overBudgetFirst, n: l.condense.billedSecondPass })}`;
        io.stdout(`  ${l.language.padEnd(7)} ${String(l.billedCharacters).padStart(8)}  ${t('localize.dryRunLine', { fromMemory: l.fromMemory, cues: l.cues })}${second}\n`);
      }
      io.stdout(`  ${t('localize.total').padEnd(7)} ${String(report.totals.billedCharacters).padStart(8)}\n`);
      return EXIT.ok;
    }
    const out = relative(io.cwd, options.out) || '.';
    const summary = { cues: styleFor(io).green(String(report.cues)), units: report.units, languages: report.languages.length, provider: report.provider, folder: `${out}/${options.title}`, memory: shownMemory(options.memory, io.cwd) };
    note(io, `subloc: ${report.languages.length === 1 ? t('localize.doneOne', summary) : t('localize.done', summary)}`);
    return EXIT.ok;
  },
};
