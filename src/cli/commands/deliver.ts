import { relative } from 'node:path';
import { deliver as runDeliver } from '../../deliver/deliver.js';
import { resolveDeliverOptions, type DeliverInput } from '../../deliver/options.js';
import { formatDiagnostic } from '../../model/diagnostic.js';
import { SublocError } from '../../errors.js';
import type { Command } from '../command.js';
import { EXIT } from '../io.js';

export const deliver: Command = {
  name: 'deliver',
  summary: 'Write festival deliverables (SRT, WebVTT, IMSC, EBU-TT-D, DCP) of every language from the memory, QC-gated, with a manifest.',
  usage:
    'subloc deliver [--config subloc.config.json] [--title <t>] [--language <lang,lang>] [--profile festival|default|<file>] [--formats srt,vtt,…] [--fps <rate>] [--source-fps <rate>] [--retime] [--start <timecode>] [--out <dir> (default: deliverables/ beside the config)] [--memory <file>] [--input <source track>] [--source <lang>] [--allow-qc-errors] [--json]',
  options: {
    config: { type: 'string', short: 'c' },
    title: { type: 'string' },
    language: { type: 'string' },
    profile: { type: 'string' },
    formats: { type: 'string' },
    fps: { type: 'string' },
    'source-fps': { type: 'string' },
    retime: { type: 'boolean' },
    start: { type: 'string' },
    out: { type: 'string' },
    memory: { type: 'string' },
    input: { type: 'string', short: 'i' },
    source: { type: 'string' },
    encoding: { type: 'string' },
    'allow-qc-errors': { type: 'boolean' },
    json: { type: 'boolean' },
  },
  async run({ values, positionals }, io) {
    if (positionals.length > 0) throw new SublocError('USAGE', `unexpected argument \`${positionals[0]}\`; deliver takes options only`);
    const str = (key: string) => (typeof values[key] === 'string' && values[key].trim() !== '' ? values[key] : undefined);
    const list = (key: string) => str(key)?.split(',').map((s) => s.trim()).filter(Boolean);
    const cli: DeliverInput = {};
    for (const key of ['config', 'title', 'input', 'source', 'encoding', 'profile', 'fps', 'start', 'out', 'memory'] as const) {
      const v = str(key);
      if (v !== undefined) cli[key] = v;
    }
    const sourceFps = str('source-fps');
    if (sourceFps !== undefined) cli.sourceFps = sourceFps;
    const languages = list('language');
    if (languages) cli.languages = languages;
    const formats = list('formats');
    if (formats) cli.formats = formats;
    if (values['retime'] === true) cli.retime = true;
    if (values['allow-qc-errors'] === true) cli.allowQcErrors = true;

    const options = await resolveDeliverOptions(cli, io.cwd, io.env);
    for (const id of options.missingFormats) io.stderr(`subloc deliver: warning: format \`${id}\` of the ${options.profile} profile has no adapter in this build; not written\n`);
    const report = await runDeliver(options);
    if (values['json'] === true) {
      io.stdout(`${JSON.stringify({ folder: report.folder, manifest: report.manifest, languages: report.languages }, null, 2)}\n`);
      return report.incomplete ? EXIT.failed : EXIT.ok;
    }
    for (const l of report.languages) {
      // One line a language: the cues and their rules; every message is in --json.
      if (l.refusal !== undefined) io.stderr(`subloc deliver: ${l.refusal}\n`);
      // Writers' errors are the `not written` lines below; their warnings say what a format dropped.
      for (const d of l.findings) if ((l.delivered && d.code.startsWith('deliver/')) || (l.delivered && !d.code.startsWith('qc/') && d.severity === 'warning')) io.stderr(`${formatDiagnostic(d, l.language)}\n`);
      for (const s of l.skipped) io.stderr(`subloc deliver: ${s.reason}\n`);
    }
    const m = report.manifest;
    for (const l of m.languages) {
      const files = m.files.filter((f) => f.language === l.language).length;
      io.stdout(`  ${l.language.padEnd(7)} ${l.delivered ? `${files} files` : 'refused'.padEnd(8)}  ${l.cues} cues: ${l.approved} approved, ${l.reviewed} reviewed, ${l.drafts} drafts, ${l.untranslated} untranslated; QC ${l.qc.errors} errors, ${l.qc.warnings} warnings\n`);
    }
    const folder = relative(io.cwd, report.folder) || '.';
    io.stderr(`subloc deliver: ${m.files.length} files at ${m.frameRate} fps from ${m.start} (${m.profile} profile) in ${folder}/, listed with their SHA-256 in ${folder}/manifest.json\n`);
    return report.incomplete ? EXIT.failed : EXIT.ok;
  },
};
