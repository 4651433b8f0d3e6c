import { SublocError } from '../errors.js';
import type { Lang } from '../model/track.js';
import { localizeLanguages, refusedRunReport, writeRunReport, type LocalizeRun } from './localize.js';
import type { LocalizeOptions } from './options.js';
import { totals, type RunReport } from './report.js';

/**
 * One film in one target language, as a catalog worker runs it: what
 * `localize` does for that language (memory first, DeepL for the rest,
 * stored batch by batch; assemble, check, review package, tracks), but not
 * `run.json`, which the film's own job writes once every language is done.
 * A language refused before its first file (a translator's edit its files
 * would lose) is reported under `refused`, not thrown, as `localize` reports
 * it: the film's `run.json` lists it so.
 */
export async function localizeCatalogLanguage(options: LocalizeOptions, target: Lang, run: LocalizeRun): Promise<RunReport> {
  if (!options.targets.includes(target)) {
    throw new SublocError('CONFIG_INVALID', `the catalog job asks for ${target}, which the film ${options.title} no longer lists in \`targets\` (${options.targets.join(', ')}): enqueue the film again`);
  }
  // Two languages never bill the same unit (the memory's key holds the language pair), and BullMQ runs one job of a
  // film and language at a time: the run lock of that film and language is all a job needs. The whole memory's lock
  // would make every worker on one memory wait for the others. Films that share text are drafted side by side;
  // the run's unit claims (run.claims) let one of them bill each shared unit.
  try {
    return await localizeLanguages({ ...options, targets: [target] }, run, { purpose: `subloc worker ${options.title} ${target}`, scope: `${options.title}\u0000${target}` });
  } catch (error) {
    const refused = refusedRunReport(error);
    if (refused === undefined) throw error;
    return refused;
  }
}

/**
 * The film's `run.json` once its languages are done, as `localize` writes it: its languages and those refused
 * gathered from their jobs' reports, in the config's order.
 */
export async function finishCatalogFilm(options: LocalizeOptions, reports: readonly RunReport[]): Promise<RunReport> {
  const [first] = reports;
  if (first === undefined) throw new SublocError('CONFIG_INVALID', `the film ${options.title} has no language done to report: expected one report for each of ${options.targets.join(', ')}`);
  const inOrder = <T extends { language: string }>(of: (r: RunReport) => readonly T[] | undefined) => options.targets.flatMap((target) => reports.flatMap((r) => (of(r) ?? []).filter((l) => l.language === target)));
  const languages = inOrder((r) => r.languages);
  const refused = inOrder((r) => r.refused);
  const report: RunReport = { ...first, languages, totals: totals(languages), ...(refused.length === 0 ? {} : { refused }) };
  await writeRunReport(options, report);
  return report;
}
