import { formatDiagnostic, hasErrors, type Diagnostic } from '../../model/diagnostic.js';
import { BCP47, fromFileName } from '../../model/file-name.js';
import { parseFrameRate } from '../../model/frame-rate.js';
import { SublocError } from '../../errors.js';
import type { Command } from '../command.js';
import { EXIT } from '../io.js';
import { t } from '../i18n.js';
import { SHARED_OPTIONS } from '../shared-options.js';
import { count, note, printDiagnostic, styleFor } from '../style.js';

/**
 * `file: cue N: severity: message [code]`, the one diagnostic form: a cue is
 * named as a cue, never where an editor or a CI log reads a line number.
 */
function findingLine(file: string, d: Diagnostic): string {
  return formatDiagnostic(d, file);
}

export const qc: Command = {
  name: 'qc',
  options: {
    language: { type: 'string', short: 'l', value: '<lang>', description: () => t('qc.option.language'), default: () => t('qc.option.languageDefault') },
    source: { type: 'string', value: '<file>', description: () => t('qc.option.source') },
    'source-language': { type: 'string', value: '<lang>', description: () => t('qc.option.sourceLanguage'), default: () => t('qc.option.sourceLanguageDefault') },
    glossary: { type: 'string', value: '<file>', description: () => t('qc.option.glossary') },
    profile: SHARED_OPTIONS.profile,
    fps: { type: 'string', value: '<rate>', description: () => t('qc.option.fps'), default: () => t('option.fpsDefault') },
    json: SHARED_OPTIONS.json,
  },
  async run({ values, positionals }, io) {
    const [file, ...extra] = positionals;
    if (file === undefined || extra.length > 0) throw new SublocError('USAGE', t('qc.error.oneTrack', { n: positionals.length }));
    // Else the file's own, once it is read: a TTML or DCP says it, an SRT or WebVTT never does.
    const named = (values['language'] as string | undefined) ?? fromFileName(file).language;
    if (named === undefined && /\.(srt|vtt)$/i.test(file)) throw new SublocError('USAGE', t('qc.error.missingLanguage', { file }));
    if (named !== undefined && !BCP47.test(named)) throw new SublocError('USAGE', t('qc.error.badLanguage', { value: named }));
    const fps = values['fps'] as string | undefined;
    const frameRate = fps === undefined ? undefined : parseFrameRate(fps);
    if (fps !== undefined && frameRate === undefined) throw new SublocError('USAGE', t('error.badFps', { value: fps }));
    const sourceFile = values['source'] as string | undefined;
    const glossaryFile = values['glossary'] as string | undefined;
    const sourceLanguage = values['source-language'] as string | undefined;
    if (sourceLanguage !== undefined && !BCP47.test(sourceLanguage)) throw new SublocError('USAGE', t('qc.error.badSourceLanguage', { value: sourceLanguage }));
    if (glossaryFile !== undefined && sourceFile === undefined) throw new SublocError('USAGE', t('qc.error.glossaryNeedsSource'));

    const { checkTrack } = await import('../../pipeline/check-track.js');
    const result = await checkTrack({
      file,
      ...(named === undefined ? {} : { language: named }),
      profile: (values['profile'] as string | undefined) ?? 'default',
      cwd: io.cwd,
      ...(frameRate === undefined ? {} : { frameRate }),
      ...(sourceFile === undefined ? {} : { source: { file: sourceFile, ...(sourceLanguage === undefined ? {} : { language: sourceLanguage }) } }),
      ...(glossaryFile === undefined ? {} : { glossary: glossaryFile }),
      onRead: (read, diagnostics) => {
        for (const d of diagnostics) printDiagnostic(io, d, read);
      },
    });
    if (result.outcome === 'no-language') throw new SublocError('USAGE', t('qc.error.missingLanguage', { file }));
    if (result.outcome === 'unreadable') {
      const message = result.reason === 'errors' ? t('qc.error.notChecked', { file: result.file }) : t('qc.error.noCues', { file: result.file });
      throw new SublocError('PARSE_FAILED', message, { file: result.file });
    }
    const { track, profile, findings, language } = result;

    if (values['json'] === true) io.stdout(`${JSON.stringify({ file, language, profile: profile.id, findings }, null, 2)}\n`);
    else for (const d of findings) io.stdout(`${findingLine(file, d)}\n`);
    const errors = findings.filter((d) => d.severity === 'error').length;
    const warnings = findings.filter((d) => d.severity === 'warning').length;
    const style = styleFor(io);
    const errorCount = count(style, errors, 'red', t('qc.errors', { n: errors }));
    const warningCount = count(style, warnings, 'yellow', t('qc.warnings', { n: warnings }));
    note(io, `subloc qc: ${t('qc.done', { file, errors: errorCount, warnings: warningCount, cues: track.cues.length, profile: profile.id, language })}`);
    return hasErrors(findings) ? EXIT.failed : EXIT.ok;
  },
};
