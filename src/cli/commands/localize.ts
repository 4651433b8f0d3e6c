import { relative } from 'node:path';
import { formatDiagnostic } from '../../model/diagnostic.js';
import { SublocError } from '../../errors.js';
import { localize as runLocalize } from '../../pipeline/localize.js';
import { resolveLocalizeOptions, type LocalizeInput } from '../../pipeline/options.js';
import type { Command } from '../command.js';
import { EXIT } from '../io.js';

export const localize: Command = {
  name: 'localize',
  summary: 'Draft one track per target language from the source track, and write a run report.',
  usage: 'subloc localize [--config subloc.config.json] [--input <file>] [--source <lang>] [--target <lang,lang>] [--provider pseudo] [--formats srt,vtt,ttml] [--out <dir>] [--encoding <enc>] [--json]',
  options: {
    config: { type: 'string', short: 'c' },
    title: { type: 'string' },
    input: { type: 'string', short: 'i' },
    source: { type: 'string' },
    target: { type: 'string' },
    provider: { type: 'string' },
    formats: { type: 'string' },
    out: { type: 'string' },
    encoding: { type: 'string' },
    json: { type: 'boolean' },
  },
  async run({ values, positionals }, io) {
    if (positionals.length > 0) throw new SublocError('USAGE', `unexpected argument \`${positionals[0]}\`; localize takes options only`);
    const list = (v: unknown) => (typeof v === 'string' ? v.split(',').map((s) => s.trim()).filter(Boolean) : undefined);
    const cli: LocalizeInput = {};
    for (const key of ['config', 'title', 'input', 'source', 'provider', 'out', 'encoding'] as const) {
      const v = values[key];
      if (typeof v === 'string') cli[key] = v;
    }
    const targets = list(values['target']);
    if (targets) cli.targets = targets;
    const formats = list(values['formats']);
    if (formats) cli.formats = formats;

    const options = await resolveLocalizeOptions(cli, io.cwd);
    const json = values['json'] === true;
    const report = await runLocalize(options, (event) => {
      if (json || event.type !== 'language-done') return;
      const r = event.report;
      io.stderr(`  ${r.language.padEnd(8)} ${r.drafted}/${r.cues} cues drafted, ${r.untranslated} untranslated  → ${r.files.join(', ')}\n`);
    });
    const inputName = relative(io.cwd, options.input) || options.input;
    for (const d of report.diagnostics) if (!json) io.stderr(`${formatDiagnostic(d, inputName)}\n`);
    if (json) io.stdout(`${JSON.stringify(report, null, 2)}\n`);
    else io.stderr(`subloc: ${report.cues} cues × ${report.languages.length} languages with ${report.provider}; report: ${relative(io.cwd, options.out) || '.'}/${options.title}/run.json\n`);
    return EXIT.ok;
  },
};
