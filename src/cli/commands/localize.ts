import { relative } from 'node:path';
import { formatDiagnostic } from '../../model/diagnostic.js';
import { SublocError } from '../../errors.js';
import { localize as runLocalize } from '../../pipeline/localize.js';
import { resolveLocalizeOptions, type LocalizeInput } from '../../pipeline/options.js';
import type { Command } from '../command.js';
import { EXIT } from '../io.js';
import { progressReporter } from '../progress.js';

export const localize: Command = {
  name: 'localize',
  summary: 'Draft one track per target language from the source track (memory first, then DeepL or offline), and write a run report.',
  usage:
    'subloc localize [--config subloc.config.json] [--input <file>] [--source <lang>] [--target <lang,lang>] [--provider deepl|offline|pseudo] [--glossary <file>] [--out <dir>] [--formats srt,vtt,ttml] [--memory <file>] [--tmx <file,file>] [--profile <name|file>] [--fps <rate>] [--concurrency <n>] [--encoding <enc>] [--dry-run] [--json]',
  options: {
    config: { type: 'string', short: 'c' },
    title: { type: 'string' },
    input: { type: 'string', short: 'i' },
    source: { type: 'string' },
    target: { type: 'string' },
    provider: { type: 'string' },
    glossary: { type: 'string' },
    formats: { type: 'string' },
    out: { type: 'string' },
    memory: { type: 'string' },
    tmx: { type: 'string' },
    concurrency: { type: 'string' },
    profile: { type: 'string' },
    fps: { type: 'string' },
    encoding: { type: 'string' },
    'dry-run': { type: 'boolean' },
    json: { type: 'boolean' },
  },
  async run({ values, positionals }, io) {
    if (positionals.length > 0) throw new SublocError('USAGE', `unexpected argument \`${positionals[0]}\`; localize takes options only`);
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
      if (!Number.isInteger(n) || n < 1 || n > 64) throw new SublocError('USAGE', `--concurrency must be a whole number from 1 to 64, found \`${values['concurrency']}\``);
      cli.concurrency = n;
    }
    if (values['dry-run'] === true) cli.dryRun = true;

    const options = await resolveLocalizeOptions(cli, io.cwd, io.env);
    const json = values['json'] === true;
    const progress = json || options.dryRun ? undefined : progressReporter(io);
    let report;
    try {
      report = await runLocalize(options, (event) => progress?.onEvent(event));
    } finally {
      progress?.stop();
    }
    if (json) {
      io.stdout(`${JSON.stringify(report, null, 2)}\n`);
      return EXIT.ok;
    }
    const name = (path: string) => relative(io.cwd, path) || path;
    for (const d of report.diagnostics) io.stderr(`${formatDiagnostic(d, name(options.input))}\n`);
    for (const i of report.imported) for (const d of i.diagnostics) io.stderr(`${formatDiagnostic(d, name(i.file))}\n`);
    for (const d of report.service) io.stderr(`${formatDiagnostic(d)}\n`);
    if (options.dryRun) {
      io.stdout('Dry run: characters DeepL would bill for what the memory lacks (nothing was sent)\n');
      for (const l of report.languages) io.stdout(`  ${l.language.padEnd(7)} ${String(l.billedCharacters).padStart(8)}  (${l.fromMemory} of ${l.cues} cues from memory)\n`);
      io.stdout(`  ${'total'.padEnd(7)} ${String(report.totals.billedCharacters).padStart(8)}\n`);
      return EXIT.ok;
    }
    const out = relative(io.cwd, options.out) || '.';
    io.stderr(`subloc: ${report.cues} cues (${report.units} sentence units) × ${report.languages.length} languages, provider ${report.provider}; tracks and review packages (.xlf, .review.html, qc.json) in ${out}/${options.title}/<lang>/, the run report in ${out}/${options.title}/run.json\n`);
    return EXIT.ok;
  },
};
