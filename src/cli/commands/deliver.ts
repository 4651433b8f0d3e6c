import { relative } from 'node:path';
import type { DeliverInput } from '../../pipeline/deliver-options.js';
import { SublocError } from '../../errors.js';
import type { Command } from '../command.js';
import { t } from '../i18n.js';
import { EXIT } from '../io.js';
import { SHARED_OPTIONS, TITLE_OPTIONS } from '../shared-options.js';
import { shownMemory } from '../shown-memory.js';
import { note, printDiagnostic, styleFor } from '../style.js';

export const deliver: Command = {
  name: 'deliver',
  options: {
    ...TITLE_OPTIONS,
    language: { type: 'string', value: '<lang,lang>', description: () => t('deliver.option.language'), default: () => t('deliver.option.languageDefault') },
    profile: { type: 'string', value: '<festival|default|file>', description: () => t('deliver.option.profile'), default: 'festival' },
    formats: { type: 'string', value: '<srt,vtt,…>', description: () => t('deliver.option.formats'), default: () => t('deliver.option.formatsDefault') },
    fps: { type: 'string', value: '<rate>', description: () => t('deliver.option.fps'), default: () => t('deliver.option.fpsDefault') },
    'source-fps': { type: 'string', value: '<rate>', description: () => t('deliver.option.sourceFps'), default: () => t('deliver.option.sourceFpsDefault') },
    retime: { type: 'boolean', description: () => t('deliver.option.retime') },
    start: { type: 'string', value: '<timecode>', description: () => t('deliver.option.start'), default: '00:00:00:00' },
    'source-start': { type: 'string', value: '<timecode>', description: () => t('deliver.option.sourceStart'), default: '00:00:00:00' },
    out: { type: 'string', value: '<dir>', description: () => t('deliver.option.out'), default: () => t('deliver.option.outDefault') },
    memory: SHARED_OPTIONS.memory,
    input: SHARED_OPTIONS.input,
    source: SHARED_OPTIONS.source,
    encoding: SHARED_OPTIONS.encoding,
    font: { type: 'string', value: '<file.ttf>', description: () => t('deliver.option.font'), default: () => t('deliver.option.fontDefault') },
    'allow-qc-errors': { type: 'boolean', description: () => t('deliver.option.allowQcErrors') },
    'allow-drafts': { type: 'boolean', description: () => t('deliver.option.allowDrafts') },
    'fix-timing': SHARED_OPTIONS['fix-timing'],
    json: SHARED_OPTIONS.json,
  },
  async run({ values, positionals }, io) {
    if (positionals.length > 0) throw new SublocError('USAGE', t('error.optionsOnly', { argument: positionals[0] ?? '', command: 'deliver' }));
    const str = (key: string) => (typeof values[key] === 'string' && values[key].trim() !== '' ? values[key] : undefined);
    const list = (key: string) => str(key)?.split(',').map((s) => s.trim()).filter(Boolean);
    const cli: DeliverInput = {};
    for (const key of ['config', 'title', 'input', 'source', 'encoding', 'profile', 'fps', 'start', 'out', 'memory', 'font'] as const) {
      const v = str(key);
      if (v !== undefined) cli[key] = v;
    }
    const sourceFps = str('source-fps');
    if (sourceFps !== undefined) cli.sourceFps = sourceFps;
    const sourceStart = str('source-start');
    if (sourceStart !== undefined) cli.sourceStart = sourceStart;
    const languages = list('language');
    if (languages) cli.languages = languages;
    const formats = list('formats');
    if (formats) cli.formats = formats;
    if (values['retime'] === true) cli.retime = true;
    if (values['allow-qc-errors'] === true) cli.allowQcErrors = true;
    if (values['allow-drafts'] === true) cli.allowDrafts = true;
    if (values['fix-timing'] === true) cli.fixTiming = true;

    // Loaded when a delivery runs: `--help` and the other commands start without the writers and QC.
    const [{ resolveDeliverOptions }, { deliver: runDeliver }] = await Promise.all([import('../../pipeline/deliver-options.js'), import('../../pipeline/deliver.js')]);
    const options = await resolveDeliverOptions(cli, io.cwd, io.env);
    for (const id of options.missingFormats) note(io, `subloc deliver: ${styleFor(io).yellow(t('severity.warning'))}: ${t('deliver.missingFormat', { id, profile: options.profile })}`);
    if (options.fontUnused === true) note(io, `subloc deliver: ${styleFor(io).yellow(t('severity.warning'))}: ${t('deliver.fontUnused', { formats: options.formats.join(', ') })}`);
    if (options.lateSource !== undefined) note(io, `subloc deliver: ${styleFor(io).yellow(t('severity.warning'))}: ${t('deliver.lateSource', options.lateSource)}`);
    const pulldown = options.pulldown;
    if (pulldown !== undefined) {
      const values = { video: pulldown.video, whole: pulldown.whole, formats: pulldown.formats.join(', '), every: pulldown.frameLateEverySeconds };
      note(io, `subloc deliver: ${styleFor(io).yellow(t('severity.warning'))}: ${t('deliver.pulldownRealTime', values)}`);
    }
    const report = await runDeliver(options, { onWait: (holder) => note(io, `subloc deliver: ${t('deliver.waiting', { holder })}`) });
    if (values['json'] === true) {
      io.stdout(`${JSON.stringify({ folder: report.folder, written: report.written, manifest: report.manifest, languages: report.languages, folderFindings: report.folderFindings }, null, 2)}\n`);
      return report.incomplete ? EXIT.failed : EXIT.ok;
    }
    for (const l of report.languages) {
      // What the delivered files differ from the memory by: every moved time, as `subloc timing fix` lists them.
      if (l.delivered && io.quiet !== true) for (const c of l.timing ?? []) io.stdout(`${l.language}: ${t('timing.change', { cue: c.cueId, edge: c.edge, before: c.before, after: c.after, rule: c.rule })}\n`);
      // One line a language: the cues and their rules; every message is in --json.
      if (l.refusal !== undefined) io.stderr(`subloc deliver: ${l.refusal}\n`);
      // Writers' errors are the `not written` lines below; their warnings say what a format dropped.
      for (const d of l.findings) if ((l.delivered && d.code.startsWith('deliver/')) || (l.delivered && !d.code.startsWith('qc/') && d.severity === 'warning')) printDiagnostic(io, d, l.language);
      for (const s of l.skipped) io.stderr(`subloc deliver: ${s.reason}\n`);
    }
    for (const d of report.folderFindings) printDiagnostic(io, d);
    const m = report.manifest;
    const style = styleFor(io);
    // Files the manifest lists that no delivery wrote as they are: said every run while they stay so.
    for (const f of m.files) {
      if (f.unverified === undefined) continue;
      const said = f.unverified === 'changed' ? t('deliver.unverifiedChanged', { path: f.path, language: f.language }) : t('deliver.unverifiedAdded', { path: f.path });
      note(io, `subloc deliver: ${style.yellow(t('severity.warning'))}: ${said}`);
    }
    // This run's languages, with this run's figures: the manifest also lists what earlier runs delivered.
    const filesOf = (language: string) => m.files.filter((f) => f.language === language).length;
    if (io.quiet !== true) {
      for (const l of report.languages) {
        const kept = l.delivered ? undefined : m.languages.find((e) => e.language === l.language && e.delivered)?.delivery;
        const count = filesOf(l.language);
        const status = !l.delivered ? t('deliver.refused').padEnd(8) : count === 1 ? t('deliver.filesOne') : t('deliver.files', { n: count });
        const line = `  ${l.language.padEnd(7)} ${status}  ${l.original === true ? t('deliver.originalLine', { cues: l.cues, errors: l.qc.errors, warnings: l.qc.warnings }) : t('deliver.languageLine', { cues: l.cues, approved: l.approved, reviewed: l.reviewed, drafts: l.drafts, untranslated: l.untranslated, errors: l.qc.errors, warnings: l.qc.warnings })}`;
        io.stdout(`${line}${kept === undefined ? '' : `; ${t('deliver.earlierKept', { created: kept.created, profile: kept.profile })}`}\n`);
      }
    }
    // Nothing delivered: the folder is as it was, and the refusals above say why.
    if (!report.written) return EXIT.failed;
    const folder = relative(io.cwd, report.folder) || '.';
    const written = report.languages.filter((l) => l.delivered).reduce((n, l) => n + filesOf(l.language), 0);
    const done = { files: style.green(String(written)), fps: m.frameRate, start: m.start, profile: m.profile, folder, memory: shownMemory(options.memory, io.cwd) };
    note(io, `subloc deliver: ${written === 1 ? t('deliver.doneOne', done) : t('deliver.done', done)}`);
    return report.incomplete ? EXIT.failed : EXIT.ok;
  },
};
