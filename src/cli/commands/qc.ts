import { resolve } from 'node:path';
import { parse } from '../../formats/parse.js';
import { createMatcher, loadGlossary } from '../../glossary/index.js';
import { formatDiagnostic, hasErrors, type Diagnostic } from '../../model/diagnostic.js';
import { parseFrameRate } from '../../model/frame-rate.js';
import type { FrameRate, Lang, Track } from '../../model/track.js';
import { SublocError } from '../../errors.js';
import { readInput } from '../../pipeline/read-input.js';
import { loadProfile } from '../../qc/load-profile.js';
import { runQc, type QcOptions } from '../../qc/run.js';
import type { Command } from '../command.js';
import type { CliIo } from '../io.js';
import { EXIT } from '../io.js';

const LANGUAGE = /^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/;

/** Reads a track as `convert` does; a file with errors is refused, its warnings shown. */
async function readTrack(file: string, language: Lang, frameRate: FrameRate | undefined, io: CliIo): Promise<Track> {
  const parsed = parse(await readInput(resolve(io.cwd, file)), { fileName: file, language, ...(frameRate === undefined ? {} : { frameRate }) });
  for (const d of parsed.diagnostics) io.stderr(`${formatDiagnostic(d, file)}\n`);
  if (hasErrors(parsed.diagnostics)) throw new SublocError('PARSE_FAILED', `${file}: not checked; fix the errors above`, { file });
  if (parsed.track.cues.length === 0) throw new SublocError('PARSE_FAILED', `${file}: no cues found; expected at least one timed cue`, { file });
  return parsed.track;
}

/** `file:cue:severity: rule: message`; QC codes shown by rule id, glossary codes in full. */
function findingLine(file: string, d: Diagnostic): string {
  return `${file}:${d.cueId ?? ''}:${d.severity}: ${d.code.replace(/^qc\//, '')}: ${d.message}`;
}

export const qc: Command = {
  name: 'qc',
  summary: 'Check a track against a timed-text profile (reading speed, line length, timing, untranslated cues, glossary, numbers, tags).',
  usage: 'subloc qc <track> --language <lang> [--source <file> [--source-language <lang>]] [--glossary <file>] [--profile <name|file>] [--fps <rate>] [--json]',
  options: {
    language: { type: 'string', short: 'l' },
    source: { type: 'string' },
    'source-language': { type: 'string' },
    glossary: { type: 'string' },
    profile: { type: 'string' },
    fps: { type: 'string' },
    json: { type: 'boolean' },
  },
  async run({ values, positionals }, io) {
    const [file, ...extra] = positionals;
    if (file === undefined || extra.length > 0) throw new SublocError('USAGE', `expected one track file, found ${positionals.length}`);
    const language = values['language'] as string | undefined;
    if (language === undefined) throw new SublocError('USAGE', 'missing --language; expected the track\'s BCP 47 tag such as `en-US` or `zh-Hans`');
    if (!LANGUAGE.test(language)) throw new SublocError('USAGE', `--language \`${language}\` is not a BCP 47 tag; expected one such as \`en-US\` or \`zh-Hans\``);
    const fps = values['fps'] as string | undefined;
    const frameRate = fps === undefined ? undefined : parseFrameRate(fps);
    if (fps !== undefined && frameRate === undefined) throw new SublocError('USAGE', `--fps \`${fps}\` is not a frame rate; expected 23.976, 24, 25, 29.97, 29.97df, 30 or N/D`);
    const sourceFile = values['source'] as string | undefined;
    const glossaryFile = values['glossary'] as string | undefined;
    const sourceLanguage = values['source-language'] as string | undefined;
    if (sourceLanguage !== undefined && !LANGUAGE.test(sourceLanguage)) throw new SublocError('USAGE', `--source-language \`${sourceLanguage}\` is not a BCP 47 tag; expected one such as \`zh-Hans\``);
    if (glossaryFile !== undefined && sourceFile === undefined) throw new SublocError('USAGE', '--glossary needs --source: terms are checked in the target against the source cue');

    const profile = loadProfile((values['profile'] as string | undefined) ?? 'default', io.cwd);
    const track = await readTrack(file, language, frameRate, io);
    const options: QcOptions = { language, profile, ...(frameRate === undefined ? {} : { frameRate }) };
    if (sourceFile !== undefined) {
      const glossary = glossaryFile === undefined ? undefined : await loadGlossary(resolve(io.cwd, glossaryFile));
      // Unknown (`und`) unless told: then a cue identical to its source is not taken for untranslated.
      options.source = await readTrack(sourceFile, sourceLanguage ?? glossary?.sourceLanguage ?? 'und', frameRate, io);
      if (glossary) options.glossary = { glossary, matcher: createMatcher(glossary) };
    }
    const findings = runQc(track, options);

    if (values['json'] === true) io.stdout(`${JSON.stringify({ file, language, profile: profile.id, findings }, null, 2)}\n`);
    else for (const d of findings) io.stdout(`${findingLine(file, d)}\n`);
    const count = (s: string) => findings.filter((d) => d.severity === s).length;
    io.stderr(`subloc qc: ${file}: ${count('error')} errors, ${count('warning')} warnings in ${track.cues.length} cues (profile ${profile.id}, ${language})\n`);
    return hasErrors(findings) ? EXIT.failed : EXIT.ok;
  },
};
