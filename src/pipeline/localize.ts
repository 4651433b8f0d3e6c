import { join, relative } from 'node:path';
import { formats } from '../formats/index.js';
import { parse } from '../formats/parse.js';
import { hasErrors } from '../model/diagnostic.js';
import { SublocError } from '../errors.js';
import { translators } from '../translate/providers.js';
import { assembleTrack } from '../translate/assemble.js';
import { segment } from '../translate/segment.js';
import type { LocalizeOptions } from './options.js';
import { readInput } from './read-input.js';
import { totals, type LanguageReport, type RunReport } from './report.js';
import { writeFileAtomic } from './write-atomic.js';

export type LocalizeEvent =
  | { type: 'language-start'; language: string; units: number }
  | { type: 'language-done'; language: string; report: LanguageReport };

/** Reads the source once, drafts every target language, writes tracks and `run.json`. */
export async function localize(options: LocalizeOptions, onEvent: (event: LocalizeEvent) => void = () => {}): Promise<RunReport> {
  const bytes = await readInput(options.input);
  const parsed = parse(bytes, {
    fileName: options.input,
    language: options.source,
    ...(options.encoding === undefined ? {} : { encoding: options.encoding }),
  });
  if (hasErrors(parsed.diagnostics) || parsed.track.cues.length === 0) {
    const first = parsed.diagnostics.find((d) => d.severity === 'error');
    throw new SublocError('PARSE_FAILED', first ? first.message : 'no cues found; expected at least one timed cue', {
      file: options.input,
      ...(first?.line === undefined ? {} : { line: first.line }),
      diagnostics: parsed.diagnostics,
    });
  }
  const source = { ...parsed.track, language: options.source };
  source.meta.title ??= options.title;
  const runDir = join(options.out, options.title);
  const translator = translators[options.provider];
  const units = segment(source);
  const languages: LanguageReport[] = [];

  for (const target of options.targets) {
    onEvent({ type: 'language-start', language: target, units: units.length });
    const drafts = await translator.translate(units, { pair: { source: options.source, target } });
    const { track, origins, untranslated } = assembleTrack(source, units, drafts, target);
    const files: string[] = [];
    const diagnostics = [];
    for (const id of options.formats) {
      const adapter = formats[id];
      const written = adapter.serialize(track);
      diagnostics.push(...written.diagnostics);
      const path = join(runDir, target, `${options.title}.${target}.${adapter.extensions[0]}`);
      await writeFileAtomic(path, written.text);
      files.push(relative(runDir, path));
    }
    const providers: Record<string, number> = {};
    for (const d of origins.values()) providers[d.provider] = (providers[d.provider] ?? 0) + 1;
    const report: LanguageReport = {
      language: target,
      cues: track.cues.length,
      drafted: track.cues.length - untranslated.length,
      fromMemory: 0,
      untranslated: untranslated.length,
      billedCharacters: 0,
      glossaryViolations: 0,
      providers,
      files,
      diagnostics,
    };
    languages.push(report);
    onEvent({ type: 'language-done', language: target, report });
  }

  const report: RunReport = {
    title: options.title,
    input: options.input,
    source: options.source,
    provider: options.provider,
    cues: source.cues.length,
    languages,
    totals: totals(languages),
    diagnostics: parsed.diagnostics,
  };
  await writeFileAtomic(join(runDir, 'run.json'), `${JSON.stringify(report, null, 2)}\n`);
  return report;
}
