import { resolve } from 'node:path';
import { formatIds } from '../../formats/format-ids.js';
import { parseFrameRate } from '../../model/frame-rate.js';
import { hasErrors } from '../../model/diagnostic.js';
import { BCP47, fromFileName } from '../../model/file-name.js';
import { SublocError } from '../../errors.js';
import { readInput } from '../../pipeline/read-input.js';
import { writeFileAtomic } from '../../pipeline/write-atomic.js';
import type { SerializeOptions } from '../../formats/types.js';
import type { Command } from '../command.js';
import { t } from '../i18n.js';
import { EXIT } from '../io.js';
import { SHARED_OPTIONS } from '../shared-options.js';
import { printDiagnostic } from '../style.js';

/** `film.zh-Hans.srt` names its language. */

export const convert: Command = {
  name: 'convert',
  options: {
    to: { type: 'string', short: 't', value: '<format>', description: () => t('convert.option.to', { formats: formatIds.join(', ') }), default: () => t('convert.option.toDefault') },
    output: { type: 'string', short: 'o', value: '<file>', description: () => t('convert.option.output'), default: () => t('option.stdout') },
    encoding: SHARED_OPTIONS.encoding,
    fps: { type: 'string', value: '<rate>', description: () => t('convert.option.fps'), default: () => t('option.fpsDefault') },
    language: { type: 'string', value: '<lang>', description: () => t('convert.option.language'), default: () => t('convert.option.languageDefault') },
    title: { type: 'string', value: '<t>', description: () => t('convert.option.title'), default: () => t('convert.option.titleDefault') },
    strict: { type: 'boolean', description: () => t('convert.option.strict') },
  },
  async run({ values, positionals }, io) {
    const [input, ...extra] = positionals;
    if (input === undefined || extra.length > 0) throw new SublocError('USAGE', t('convert.error.oneInput', { n: positionals.length }));
    // Loaded when a conversion runs: `--help` starts without the format table, and a conversion loads one reader and one writer.
    const [{ rowById, rowForPath }, { parseLazily }] = await Promise.all([import('../../formats/table.js'), import('../../formats/parse-lazily.js')]);
    // `-o -` is stdout, as every command-line tool reads it, not a file named `-`.
    const named = values['output'] as string | undefined;
    const output = named === '-' ? undefined : named;
    const toName = (values['to'] as string | undefined) ?? (output === undefined ? undefined : rowForPath(output)?.id);
    if (toName === undefined) throw new SublocError('USAGE', t('convert.error.missingTo', { expected: formatIds.join(', ') }));
    const target = rowById(toName);
    if (!target) throw new SublocError('USAGE', t('convert.error.unknownFormat', { name: toName, expected: formatIds.join(', ') }));
    // `-o film.srt --to vtt` would write WebVTT under an SRT's name, which every player then misreads; the XML
    // formats share `.xml` and a TTML name, and are told apart by their content.
    const byName = output === undefined ? undefined : rowForPath(output);
    const textual = (id: string) => id === 'srt' || id === 'vtt';
    if (output !== undefined && byName !== undefined && byName.id !== target.id && (textual(byName.id) || textual(target.id)) && !target.extensions.some((ext) => output.toLowerCase().endsWith(`.${ext}`))) {
      throw new SublocError('USAGE', t('convert.error.nameOfAnotherFormat', { output, named: byName.name, format: target.name, ending: target.suffix }));
    }
    const fps = values['fps'] as string | undefined;
    const frameRate = fps === undefined ? undefined : parseFrameRate(fps);
    if (fps !== undefined && frameRate === undefined) throw new SublocError('USAGE', t('error.badFps', { value: fps }));
    const asked = values['language'] as string | undefined;
    if (asked !== undefined && !BCP47.test(asked)) throw new SublocError('USAGE', t('convert.error.badLanguage', { value: asked }));

    const path = resolve(io.cwd, input);
    const bytes = await readInput(path);
    const encoding = values['encoding'] as string | undefined;
    const [parsed, write] = await Promise.all([
      parseLazily(bytes, {
        fileName: input,
        strict: values['strict'] === true,
        ...(encoding === undefined ? {} : { encoding }),
        ...(frameRate === undefined ? {} : { frameRate }),
      }),
      target.writer(),
    ]);
    for (const d of parsed.diagnostics) printDiagnostic(io, d, input);
    if (hasErrors(parsed.diagnostics)) {
      throw new SublocError('PARSE_FAILED', t('convert.error.notConverted', { file: input }), { file: input });
    }
    if (parsed.track.cues.length === 0) {
      throw new SublocError('PARSE_FAILED', t('convert.error.noCues', { file: input }), { file: input });
    }

    // A DCP or TTML file records language and title; an SRT carries neither, so say them or take them from the name.
    const language = asked ?? (parsed.track.language === 'und' ? fromFileName(input).language : undefined);
    if (language !== undefined) parsed.track.language = language;
    const title = values['title'] as string | undefined;
    if (title !== undefined) parsed.track.meta.title = title;
    const serializeOptions: SerializeOptions = frameRate === undefined ? {} : { frameRate };
    const written = write(parsed.track, serializeOptions);
    for (const d of written.diagnostics) printDiagnostic(io, d, output ?? '<stdout>');
    // A file the writer found errors in (no text at a rate no DCP plays, a DCP that breaks its schema) is not a conversion.
    if (hasErrors(written.diagnostics)) throw new SublocError('WRITE_FAILED', t('convert.error.notConverted', { file: input }), { file: input });
    if (values['strict'] === true && written.diagnostics.some((d) => d.severity === 'warning')) {
      throw new SublocError('STRICT_VIOLATION', t('convert.error.strictWrite', { file: input, format: target.id }), { file: input });
    }
    if (output === undefined) io.stdout(written.text);
    else await writeFileAtomic(resolve(io.cwd, output), written.text);
    return EXIT.ok;
  },
};
