import { planWithMemory, storeImport, type PlannedImport } from './stored-entries.js';
import { planTrackEdits } from './track-edits.js';
import { recordTakenBack } from './written-record.js';
import { isLanguageTrack } from './edited-tracks.js';
import { extname, join, relative, resolve } from 'node:path';
import { decode } from '../formats/decode.js';
import { openMemoryStore } from '../memory/open.js';
import { hasErrors, type Diagnostic } from '../model/diagnostic.js';
import { fromFileName } from '../model/file-name.js';
import { canonicalLanguageTag } from '../model/language.js';
import type { Lang } from '../model/track.js';
import type { ImportPlan } from '../review/import.js';
import type { PutResult } from '../memory/store.js';
import { readXliff } from '../review/xliff-read.js';
import { segment } from '../translate/segment.js';
import { projectConfig, resolveLocalizeOptions, type LocalizeInput } from './options.js';
import { readInput } from './read-input.js';
import { readSourceTrack } from './read-source.js';
import { readTrackVersions } from './track-versions-file.js';
import { closingMemory } from './closing-memory.js';

/** A reviewed file to import and where its source track and memory are, as `localize` is told them. */
export interface ReviewImportInput extends Pick<LocalizeInput, 'config' | 'title' | 'input' | 'source' | 'memory' | 'encoding' | 'fps' | 'out'> {
  /** The reviewed XLIFF, or an edited track in any format subloc reads; relative to `cwd`. */
  file: string;
  /** The reviewed file's language. @default the XLIFF's target, else the language in the file's name */
  language?: string;
  /** Recorded as the reviewer, over any the file names. */
  reviewer?: string;
  /** Relative paths start here; `subloc.config.json` here is the config when none is named. */
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  /** When the entries are recorded. @default the current time */
  now?: Date;
}

/** What became of the import; `name` is the file as messages show it (relative to `cwd`). */
export type ReviewImportResult =
  | { outcome: 'unreadable'; name: string; diagnostics: Diagnostic[] }
  | { outcome: 'language-mismatch'; name: string; option: string; named: string }
  | { outcome: 'no-language'; name: string; extension: string }
  | { outcome: 'refused'; name: string; title: string; language: Lang; plan: ImportPlan }
  | {
      outcome: 'imported';
      name: string;
      title: string;
      language: Lang;
      plan: ImportPlan;
      written: PutResult;
      /** The run folder's own track, some of whose edits were left out: `localize` still refuses to write over it. */
      stillRefused: boolean;
    };

const XLIFF_EXTENSIONS = new Set(['.xlf', '.xliff', '.xlz']);

function isXliff(file: string, text: string): boolean {
  return XLIFF_EXTENSIONS.has(extname(file).toLowerCase()) || /^\s*(<\?xml[^>]*\?>\s*)?(<!--[^]*?-->\s*)*<xliff[\s>]/.test(text);
}

/**
 * `review import`: a reviewer's XLIFF, or an edited track aligned to the
 * source by timing, into the memory. The source track is read and cut into
 * units exactly as the last `localize` did, so each edit lands on its unit; a
 * file that belongs to another title, language or source is refused whole.
 */
export async function importReview(input: ReviewImportInput): Promise<ReviewImportResult> {
  const { cwd } = input;
  const path = resolve(cwd, input.file);
  const bytes = await readInput(path);
  const decoded = decode(bytes);
  const name = relative(cwd, path) || input.file;
  if (hasErrors(decoded.diagnostics)) return { outcome: 'unreadable', name, diagnostics: decoded.diagnostics };

  const xliff = isXliff(path, decoded.text);
  const read = xliff ? readXliff(decoded.text, name) : undefined;
  // A file that cannot be read as XLIFF (cut short, not well-formed) says so, before anything is asked of its header.
  if (read && read.title === '' && hasErrors(read.diagnostics)) return { outcome: 'unreadable', name, diagnostics: read.diagnostics };
  const named = fromFileName(path).language;
  const option = input.language;
  if (option !== undefined && !xliff && named !== undefined && named.toLowerCase() !== option.toLowerCase()) return { outcome: 'language-mismatch', name, option, named };
  // A file named for a track (`….fr-FR.xlf`) whose tool wrote a less specific tag (`fr`) is that track's.
  const fromFile = read && read.targetLang !== '' ? (named !== undefined && named.toLowerCase().startsWith(`${read.targetLang.toLowerCase()}-`) ? named : read.targetLang) : named;
  const language = option ?? fromFile;
  if (language === undefined) return { outcome: 'no-language', name, extension: extname(path) };

  const localize: LocalizeInput = { targets: [language], provider: 'offline' };
  const config = projectConfig(input.config, cwd);
  if (config !== undefined) localize.config = config;
  for (const key of ['input', 'source', 'title', 'memory', 'encoding', 'fps', 'out'] as const) {
    const v = input[key];
    if (v !== undefined) localize[key] = v;
  }
  const options = await resolveLocalizeOptions(localize, cwd, input.env);
  const { track } = await readSourceTrack(options);
  const units = segment(track);
  const pair = { source: options.source, target: language };
  // Edits go into the memory localize drafted: one that is not there is a mistyped --memory, never made anew.
  const store = await openMemoryStore(options.memory, { existing: true });
  return closingMemory(store, async () => {
    const common = {
      language,
      // The folder localize wrote, whose name is the tag spelt one way (`en-us` is `en-US/`).
      versions: await readTrackVersions(join(options.out, options.title, canonicalLanguageTag(language))),
      sourceLang: options.source,
      units,
      now: (input.now ?? new Date()).toISOString(),
      ...(input.reviewer === undefined ? {} : { reviewer: input.reviewer }),
    };
    const plan = async (): Promise<PlannedImport> => {
      if (read) return planWithMemory(read, { ...common, title: options.title }, store, pair);
      return planTrackEdits(decoded.text, path, { ...common, source: track, memory: store });
    };
    const { plan: stored, written } = await storeImport(store, path, await plan(), plan);
    const result = { name, title: options.title, language, plan: stored };
    if (stored.refused) return { outcome: 'refused', ...result };
    // The run folder's own track, every edit taken (nothing left out, nothing to warn of): the next localize may write over it.
    const runDir = join(options.out, options.title);
    const whole = stored.skipped === 0 && !stored.diagnostics.some((d) => d.severity !== 'info');
    const file = relative(runDir, path);
    const ownTrack = !read && isLanguageTrack(file, options.title, canonicalLanguageTag(language));
    if (!read && whole) await recordTakenBack(runDir, file, bytes, ownTrack);
    return { outcome: 'imported', ...result, written, stillRefused: ownTrack && !whole };
  });
}
