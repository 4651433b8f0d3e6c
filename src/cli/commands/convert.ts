import { resolve } from 'node:path';
import { formatById, formatForPath, formatIds } from '../../formats/index.js';
import { parse } from '../../formats/parse.js';
import { parseFrameRate } from '../../model/frame-rate.js';
import { formatDiagnostic, hasErrors } from '../../model/diagnostic.js';
import { SublocError } from '../../errors.js';
import { readInput } from '../../pipeline/read-input.js';
import { writeFileAtomic } from '../../pipeline/write-atomic.js';
import type { SerializeOptions } from '../../formats/types.js';
import type { Command } from '../command.js';
import { EXIT } from '../io.js';

export const convert: Command = {
  name: 'convert',
  summary: 'Read a subtitle file in any supported format and encoding; write it as SRT, WebVTT or TTML.',
  usage: 'subloc convert <input> --to srt|vtt|ttml [-o <file>] [--encoding <enc>] [--fps <rate>] [--strict]',
  options: {
    to: { type: 'string', short: 't' },
    output: { type: 'string', short: 'o' },
    encoding: { type: 'string' },
    fps: { type: 'string' },
    strict: { type: 'boolean' },
  },
  async run({ values, positionals }, io) {
    const [input, ...extra] = positionals;
    if (input === undefined || extra.length > 0) throw new SublocError('USAGE', `expected one input file, found ${positionals.length}`);
    const output = values['output'] as string | undefined;
    const toName = (values['to'] as string | undefined) ?? (output === undefined ? undefined : formatForPath(output)?.id);
    if (toName === undefined) throw new SublocError('USAGE', `missing --to; expected one of ${formatIds.join(', ')}`);
    const target = formatById(toName);
    if (!target) throw new SublocError('USAGE', `unknown format \`${toName}\` for --to; expected one of ${formatIds.join(', ')}`);
    const fps = values['fps'] as string | undefined;
    const frameRate = fps === undefined ? undefined : parseFrameRate(fps);
    if (fps !== undefined && frameRate === undefined) throw new SublocError('USAGE', `--fps \`${fps}\` is not a frame rate; expected 23.976, 24, 25, 29.97, 29.97df, 30 or N/D`);

    const path = resolve(io.cwd, input);
    const bytes = await readInput(path);
    const encoding = values['encoding'] as string | undefined;
    const parsed = parse(bytes, {
      fileName: input,
      strict: values['strict'] === true,
      ...(encoding === undefined ? {} : { encoding }),
      ...(frameRate === undefined ? {} : { frameRate }),
    });
    for (const d of parsed.diagnostics) io.stderr(`${formatDiagnostic(d, input)}\n`);
    if (hasErrors(parsed.diagnostics)) {
      throw new SublocError('PARSE_FAILED', `${input}: not converted; fix the errors above (nothing was written)`, { file: input });
    }
    if (parsed.track.cues.length === 0) {
      throw new SublocError('PARSE_FAILED', `${input}: no cues found; expected at least one timed cue (nothing was written)`, { file: input });
    }

    const serializeOptions: SerializeOptions = frameRate === undefined ? {} : { frameRate };
    const written = target.serialize(parsed.track, serializeOptions);
    for (const d of written.diagnostics) io.stderr(`${formatDiagnostic(d, output ?? '<stdout>')}\n`);
    if (output === undefined) io.stdout(written.text);
    else await writeFileAtomic(resolve(io.cwd, output), written.text);
    return EXIT.ok;
  },
};
