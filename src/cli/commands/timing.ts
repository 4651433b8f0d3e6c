import { basename, dirname, extname, join, resolve } from 'node:path';
import { SublocError } from '../../errors.js';
import { BCP47, fromFileName } from '../../model/file-name.js';
import { frameRateLabel, parseFrameRate } from '../../model/frame-rate.js';
import type { Command, ParsedArgs } from '../command.js';
import { EXIT, type CliIo } from '../io.js';
import { t } from '../i18n.js';
import { pickAction } from '../pick-action.js';
import { SHARED_OPTIONS } from '../shared-options.js';
import { note, printDiagnostic } from '../style.js';

/**
 * `film.zh-Hans.srt` → `film.timed.zh-Hans.srt`: the fixed track beside the original, never over it, its
 * language still just before the extension, where `qc` and the next `timing fix` look for it.
 */
function besideInput(input: string): string {
  const { title, language } = fromFileName(input);
  if (language === undefined) {
    const ext = extname(input);
    return `${input.slice(0, input.length - ext.length)}.timed${ext}`;
  }
  // After the language, the extension: one part, or a format's two (`.dcp-smpte.xml`).
  const name = basename(input);
  return join(dirname(input), `${title}.timed.${language}${name.slice(title.length + 1 + language.length)}`);
}

async function fixAction(values: ParsedArgs['values'], files: string[], io: CliIo): Promise<number> {
  const [file, ...extra] = files;
  if (file === undefined || extra.length > 0) throw new SublocError('USAGE', t('timing.error.oneTrack', { n: files.length }));
  const asked = values['fps'] as string | undefined;
  const frameRate = asked === undefined ? undefined : parseFrameRate(asked);
  if (asked !== undefined && frameRate === undefined) throw new SublocError('USAGE', t('error.badFps', { value: asked }));
  // Else the file's own, once it is read: a TTML or DCP says it, an SRT or WebVTT never does.
  const named = (values['language'] as string | undefined) ?? fromFileName(file).language;
  if (named === undefined && /\.(srt|vtt)$/i.test(file)) throw new SublocError('USAGE', t('timing.error.missingLanguage', { file }));
  if (named !== undefined && !BCP47.test(named)) throw new SublocError('USAGE', t('timing.error.badLanguage', { value: named }));
  const output = (values['output'] as string | undefined) ?? besideInput(file);

  // Loaded when a fix runs: `--help` and the other commands start without the profiles and writers.
  const [{ loadProfile }, { fixTrackTiming }] = await Promise.all([import('../../qc/load-profile.js'), import('../../pipeline/fix-track-timing.js')]);
  const profile = loadProfile((values['profile'] as string | undefined) ?? 'default', io.cwd);
  const result = await fixTrackTiming({ input: resolve(io.cwd, file), output: resolve(io.cwd, output), ...(named === undefined ? {} : { language: named }), profile, ...(frameRate === undefined ? {} : { frameRate }) });
  const { language } = result;
  const fps = frameRateLabel(result.frameRate);
  for (const d of result.diagnostics) printDiagnostic(io, d, file);
  if (values['json'] === true) io.stdout(`${JSON.stringify({ file, output, language, profile: profile.id, fps, changes: result.changes, findings: result.diagnostics }, null, 2)}\n`);
  else for (const c of result.changes) io.stdout(`${t('timing.change', { cue: c.cueId, edge: c.edge, before: c.before, after: c.after, rule: c.rule })}\n`);
  const left = result.diagnostics.filter((d) => d.code.startsWith('timing/')).length;
  note(io, `subloc timing: ${t('timing.done', { file, output, changes: result.changes.length, cues: result.cues, left, profile: profile.id, fps })}`);
  return EXIT.ok;
}

const actions = Object.freeze({ fix: fixAction });

export const timing: Command = {
  name: 'timing',
  options: {
    language: { type: 'string', short: 'l', value: '<lang>', description: () => t('timing.option.language'), default: () => t('timing.option.languageDefault') },
    profile: SHARED_OPTIONS.profile,
    fps: { type: 'string', value: '<rate>', description: () => t('timing.option.fps'), default: () => t('option.fpsDefault') },
    output: { type: 'string', short: 'o', value: '<file>', description: () => t('timing.option.output'), default: () => t('timing.option.outputDefault') },
    json: SHARED_OPTIONS.json,
  },
  async run({ values, positionals }, io) {
    const [name, ...files] = positionals;
    return pickAction(actions, name)(values, files, io);
  },
};
