import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { hasErrors } from '../../model/diagnostic.js';
import { canonicalLanguageTag } from '../../model/language.js';
import { isSublocError, SublocError } from '../../errors.js';
import { isPostgresLocation, publicLocation } from '../../memory/location.js';
import type { MemoryEntry, MemoryStatus, MemoryStore } from '../../memory/store.js';
import { isHeld } from '../../pipeline/held-drafts.js';
import { readInput } from '../../pipeline/read-input.js';
import { writeFileAtomic } from '../../pipeline/write-atomic.js';
import type { Command, ParsedArgs } from '../command.js';
import { t } from '../i18n.js';
import { EXIT, type CliIo } from '../io.js';
import { pickAction } from '../pick-action.js';
import { SHARED_OPTIONS } from '../shared-options.js';
import { note, printDiagnostic } from '../style.js';

const STATUSES: readonly MemoryStatus[] = ['draft', 'reviewed', 'approved'];

interface Context {
  values: ParsedArgs['values'];
  files: string[];
  path: string;
  io: CliIo;
}

const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** The store, loaded when an action opens it: `--help` and the other commands start without a database driver. */
async function open(path: string, options: { existing?: boolean } = {}): Promise<MemoryStore> {
  const { openMemoryStore } = await import('../../memory/open.js');
  return openMemoryStore(path, options);
}

/** For readers: a memory that is not there is refused (`MEMORY_NOT_FOUND`), never made. */
async function withMemory<T>(path: string, use: (store: MemoryStore) => Promise<T>): Promise<T> {
  const store = await open(path, { existing: true });
  try {
    return await use(store);
  } finally {
    await store.close();
  }
}

/** A memory file that is not there; a server's memory is asked for when opened (`existing`). */
function missingFile(path: string): boolean {
  return path !== ':memory:' && !isPostgresLocation(path) && !existsSync(path);
}

function requireExisting(path: string): void {
  if (missingFile(path)) throw new SublocError('MEMORY_NOT_FOUND', t('memory.error.notFound', { path }), { file: path });
}

/** The language most entries come from: the header's srclang; the others say theirs on `<tu>`. */
function commonSource(entries: readonly MemoryEntry[]): string | undefined {
  const counts = new Map<string, number>();
  for (const e of entries) counts.set(e.sourceLang, (counts.get(e.sourceLang) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
}

async function exportAction({ values, files, path, io }: Context): Promise<number> {
  if (files.length > 0) throw new SublocError('USAGE', t('memory.error.exportArgument', { argument: files[0] ?? '' }));
  requireExisting(path);
  const [source, target] = [str(values['source']), str(values['target'])].map((tag) => (tag === undefined ? undefined : canonicalLanguageTag(tag)));
  const entries = await withMemory(path, (store) => store.entries({ ...(source === undefined ? {} : { source }), ...(target === undefined ? {} : { target }) }));
  const { exportTmx } = await import('../../memory/tmx.js');
  const tmx = exportTmx(entries, { srcLang: source ?? commonSource(entries) ?? 'und' });
  const output = str(values['output']);
  if (output === undefined) io.stdout(tmx);
  else await writeFileAtomic(resolve(io.cwd, output), tmx);
  note(io, `subloc memory: ${entries.length === 1 ? t('memory.exportedOne', { to: output ?? '<stdout>' }) : t('memory.exported', { n: entries.length, to: output ?? '<stdout>' })}`);
  return EXIT.ok;
}

async function importAction({ values, files, path, io }: Context): Promise<number> {
  if (files.length === 0) throw new SublocError('USAGE', t('memory.error.noFiles'));
  const status = str(values['status']);
  if (status !== undefined && !STATUSES.includes(status as MemoryStatus)) {
    throw new SublocError('USAGE', t('memory.error.badStatus', { status, expected: STATUSES.join(', ') }));
  }
  const encoding = str(values['encoding']);
  const source = str(values['source']);
  const { readTmx } = await import('../../memory/tmx.js');
  const read = await Promise.all(files.map(async (file) => ({ file, bytes: await readInput(resolve(io.cwd, file)) })));
  // Every file read before the memory opens: files that give nothing to store leave no memory behind.
  const parsedFiles = read.map(({ file, bytes }) => ({
    file,
    parsed: readTmx(bytes, file, {
      ...(status === undefined ? {} : { status: status as MemoryStatus }),
      ...(encoding === undefined ? {} : { encoding }),
      ...(source === undefined ? {} : { source: canonicalLanguageTag(source) }),
    }),
  }));
  let failed = false;
  const store = parsedFiles.some(({ parsed }) => parsed.entries.length > 0) ? await open(path) : undefined;
  try {
    for (const { file, parsed } of parsedFiles) {
      for (const d of parsed.diagnostics) printDiagnostic(io, d, file);
      const result = store === undefined || parsed.entries.length === 0 ? { written: 0, unchanged: 0, kept: 0 } : await store.put(parsed.entries);
      const unread = hasErrors(parsed.diagnostics) && parsed.entries.length === 0 && parsed.skipped === 0;
      failed ||= hasErrors(parsed.diagnostics);
      if (unread) io.stdout(`${t('memory.notImported', { file })}\n`);
      else if (io.quiet !== true) io.stdout(`${t('memory.imported', { file, written: result.written, unchanged: result.unchanged, kept: result.kept, skipped: parsed.skipped })}\n`);
    }
  } finally {
    await store?.close();
  }
  if (failed) io.stderr(`subloc memory: ${t('memory.someNotImported')}\n`);
  return failed ? EXIT.failed : EXIT.ok;
}

async function statsAction({ files, path, io }: Context): Promise<number> {
  if (files.length > 0) throw new SublocError('USAGE', t('memory.error.statsArgument', { argument: files[0] ?? '' }));
  const empty = () => {
    io.stdout(`${t('memory.statsEmpty', { path: publicLocation(path) })}\n`);
    return EXIT.ok;
  };
  if (missingFile(path)) return empty();
  let location = path;
  let entries: MemoryEntry[];
  try {
    entries = await withMemory(path, (store) => {
      location = store.location;
      return store.entries();
    });
  } catch (error) {
    if (isSublocError(error) && error.code === 'MEMORY_NOT_FOUND') return empty();
    throw error;
  }
  const pairs = new Map<string, Record<MemoryStatus | 'held', number>>();
  for (const e of entries) {
    // Entries stored before tags were spelt one way (`EN-US`) are the same pair: the memory matches them ignoring case.
    const key = `${canonicalLanguageTag(e.sourceLang)} → ${canonicalLanguageTag(e.targetLang)}`;
    const counts = pairs.get(key) ?? { draft: 0, reviewed: 0, approved: 0, held: 0 };
    counts[e.status]++;
    if (isHeld(e)) counts.held++;
    pairs.set(key, counts);
  }
  const rows = [...pairs].sort(([a], [b]) => a.localeCompare(b));
  const width = Math.max(5, ...rows.map(([key]) => key.length));
  let out = `${entries.length === 1 ? t('memory.statsOne', { path: location }) : t('memory.stats', { path: location, n: entries.length })}\n`;
  for (const [key, c] of rows) {
    const total = c.draft + c.reviewed + c.approved;
    const row = c.held === 0 ? t('memory.statsRow', { draft: c.draft, reviewed: c.reviewed, approved: c.approved }) : t('memory.statsRowHeld', { draft: c.draft, held: c.held, reviewed: c.reviewed, approved: c.approved });
    out += `  ${key.padEnd(width)} ${String(total).padStart(7)}  ${row}\n`;
  }
  io.stdout(out);
  return EXIT.ok;
}

const actions: Readonly<Record<string, (context: Context) => Promise<number>>> = Object.freeze({
  export: exportAction,
  import: importAction,
  stats: statsAction,
});

export const memory: Command = {
  name: 'memory',
  options: {
    output: { type: 'string', short: 'o', value: '<file.tmx>', description: () => t('memory.option.output'), default: () => t('option.stdout') },
    source: { type: 'string', value: '<lang>', description: () => t('memory.option.source'), default: () => t('memory.option.all') },
    target: { type: 'string', value: '<lang>', description: () => t('memory.option.target'), default: () => t('memory.option.all') },
    status: { type: 'string', value: '<draft|reviewed|approved>', description: () => t('memory.option.status'), default: () => t('memory.option.statusDefault') },
    encoding: { ...SHARED_OPTIONS.encoding, description: () => t('memory.option.encoding') },
    memory: SHARED_OPTIONS.memory,
    config: SHARED_OPTIONS.config,
  },
  async run({ values, positionals }, io) {
    const [name, ...files] = positionals;
    const action = pickAction(actions, name);
    // The memory localize, review and deliver use from here: the project's config says where it is, or beside it.
    const { projectConfig, resolveMemory } = await import('../../pipeline/options.js');
    const memory = str(values['memory']);
    const config = memory === undefined ? projectConfig(str(values['config']), io.cwd) : undefined;
    const path = await resolveMemory({ ...(config === undefined ? {} : { config }), ...(memory === undefined ? {} : { memory }) }, io.cwd, io.env);
    return action({ values, files, path, io });
  },
};
