import { SublocError } from '../errors.js';
import type { Lang } from '../model/track.js';
import { localizeLanguages, writeRunReport, type LocalizeRun } from './localize.js';
import type { LocalizeOptions } from './options.js';
import { totals, type RunReport } from './report.js';

/**
 * One film in one target language, as a catalog worker runs it: what
 * `localize` does for that language (memory first, DeepL for the rest,
 * stored batch by batch; assemble, check, review package, tracks), but not
 * `run.json`, which the film's own job writes once every language is done.
 */
export function localizeCatalogLanguage(options: LocalizeOptions, target: Lang, run: LocalizeRun): Promise<RunReport> {
  if (!options.targets.includes(target)) {
    throw new SublocError('CONFIG_INVALID', `the catalog job asks for ${target}, which the film ${options.title} no longer lists in \`targets\` (${options.targets.join(', ')}): enqueue the film again`);
  }
  // Two languages never bill the same unit (the memory's key holds the language pair), and BullMQ runs one job of a
  // film and language at a time: the run lock of that film and language is all a job needs. The whole memory's lock
  // would make every worker on one memory wait for the others. Films that share text are drafted side by side;
  // the run's unit claims (run.claims) let one of them bill each shared unit.
  return localizeLanguages({ ...options, targets: [target] }, run, { purpose: `subloc worker ${options.title} ${target}`, scope: `${options.title}\u0000${target}` });
}

/** The film's `run.json` once its languages are done, as `localize` writes it: its languages gathered from their jobs' reports, in the config's order. */
export async function finishCatalogFilm(options: LocalizeOptions, reports: readonly RunReport[]): Promise<RunReport> {
  const [first] = reports;
  if (first === undefined) throw new SublocError('CONFIG_INVALID', `the film ${options.title} has no language done to report: expected one report for each of ${options.targets.join(', ')}`);
  const languages = options.targets.flatMap((target) => reports.flatMap((r) => r.languages.filter((l) => l.language === target)));
  const report: RunReport = { ...first, languages, totals: totals(languages) };
  await writeRunReport(options, report);
  return report;
}
