import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { decode } from '../../formats/decode.js';
import { formatDiagnostic, hasErrors } from '../../model/diagnostic.js';
import { SublocError } from '../../errors.js';
import { memoryPath } from '../../memory/path.js';
import { openMemory } from '../../memory/sqlite.js';
import type { MemoryEntry, MemoryStatus, MemoryStore } from '../../memory/store.js';
import { exportTmx, importTmx } from '../../memory/tmx.js';
import { readInput } from '../../pipeline/read-input.js';
import { writeFileAtomic } from '../../pipeline/write-atomic.js';
import type { Command, ParsedArgs } from '../command.js';
import { EXIT, type CliIo } from '../io.js';

const STATUSES: readonly MemoryStatus[] = ['draft', 'reviewed', 'approved'];

interface Context {
  values: ParsedArgs['values'];
  files: string[];
  path: string;
  io: CliIo;
}

const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

function withMemory<T>(path: string, use: (store: MemoryStore) => T): T {
  const store = openMemory(path);
  try {
    return use(store);
  } finally {
    store.close();
  }
}

function requireExisting(path: string): void {
  if (path !== ':memory:' && !existsSync(path)) {
    throw new SublocError('MEMORY_NOT_FOUND', `no translation memory at ${path}; expected one made by \`subloc localize\` or \`subloc memory import\` (pass --memory <file> or set SUBLOC_MEMORY to use another)`, { file: path });
  }
}

/** The language most entries come from: the header's srclang; the others say theirs on `<tu>`. */
function commonSource(entries: readonly MemoryEntry[]): string | undefined {
  const counts = new Map<string, number>();
  for (const e of entries) counts.set(e.sourceLang, (counts.get(e.sourceLang) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
}

async function exportAction({ values, files, path, io }: Context): Promise<number> {
  if (files.length > 0) throw new SublocError('USAGE', `unexpected argument \`${files[0]}\`; memory export writes to -o <file> or stdout`);
  requireExisting(path);
  const source = str(values['source']);
  const target = str(values['target']);
  const entries = withMemory(path, (store) => store.entries({ ...(source === undefined ? {} : { source }), ...(target === undefined ? {} : { target }) }));
  const tmx = exportTmx(entries, { srcLang: source ?? commonSource(entries) ?? 'und' });
  const output = str(values['output']);
  if (output === undefined) io.stdout(tmx);
  else await writeFileAtomic(resolve(io.cwd, output), tmx);
  io.stderr(`subloc memory: exported ${entries.length} entr${entries.length === 1 ? 'y' : 'ies'} to ${output ?? '<stdout>'}\n`);
  return EXIT.ok;
}

async function importAction({ values, files, path, io }: Context): Promise<number> {
  if (files.length === 0) throw new SublocError('USAGE', 'expected at least one TMX file to import');
  const status = str(values['status']);
  if (status !== undefined && !STATUSES.includes(status as MemoryStatus)) {
    throw new SublocError('USAGE', `--status \`${status}\` is not a status; expected ${STATUSES.join(', ')}`);
  }
  const read = await Promise.all(files.map(async (file) => ({ file, bytes: await readInput(resolve(io.cwd, file)) })));
  let failed = false;
  const store = openMemory(path);
  try {
    for (const { file, bytes } of read) {
      const decoded = decode(bytes);
      const parsed = hasErrors(decoded.diagnostics)
        ? { entries: [], diagnostics: decoded.diagnostics, skipped: 0 }
        : importTmx(decoded.text, file, status === undefined ? {} : { status: status as MemoryStatus });
      for (const d of parsed.diagnostics) io.stderr(`${formatDiagnostic(d, file)}\n`);
      const result = store.put(parsed.entries);
      const unread = hasErrors(parsed.diagnostics) && parsed.entries.length === 0 && parsed.skipped === 0;
      failed ||= hasErrors(parsed.diagnostics);
      io.stdout(
        unread
          ? `${file}: not imported (see the errors above)\n`
          : `${file}: ${result.written} written, ${result.kept} kept (the stored entry has a higher status or is newer), ${parsed.skipped} skipped with errors\n`,
      );
    }
  } finally {
    store.close();
  }
  if (failed) io.stderr('subloc memory: some entries were not imported; fix the errors above and import again (what was read is stored)\n');
  return failed ? EXIT.failed : EXIT.ok;
}

async function statsAction({ files, path, io }: Context): Promise<number> {
  if (files.length > 0) throw new SublocError('USAGE', `unexpected argument \`${files[0]}\`; memory stats takes no files`);
  if (path !== ':memory:' && !existsSync(path)) {
    io.stdout(`${path}: no translation memory yet (0 entries)\n`);
    return EXIT.ok;
  }
  const entries = withMemory(path, (store) => store.entries());
  const pairs = new Map<string, Record<MemoryStatus, number>>();
  for (const e of entries) {
    const key = `${e.sourceLang} → ${e.targetLang}`;
    const counts = pairs.get(key) ?? { draft: 0, reviewed: 0, approved: 0 };
    counts[e.status]++;
    pairs.set(key, counts);
  }
  const rows = [...pairs].sort(([a], [b]) => a.localeCompare(b));
  const width = Math.max(5, ...rows.map(([key]) => key.length));
  let out = `${path}: ${entries.length} entr${entries.length === 1 ? 'y' : 'ies'}\n`;
  for (const [key, c] of rows) {
    const total = c.draft + c.reviewed + c.approved;
    out += `  ${key.padEnd(width)} ${String(total).padStart(7)}  (draft ${c.draft}, reviewed ${c.reviewed}, approved ${c.approved})\n`;
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
  summary: 'Export the translation memory as TMX 1.4, import TMX into it, or count its entries.',
  usage:
    'subloc memory export [-o <file.tmx>] [--source <lang>] [--target <lang>] | subloc memory import <file.tmx>... [--status draft|reviewed|approved] | subloc memory stats   (all: [--memory <file>], default $SUBLOC_MEMORY or .subloc/memory.sqlite)',
  options: {
    output: { type: 'string', short: 'o' },
    source: { type: 'string' },
    target: { type: 'string' },
    status: { type: 'string' },
    memory: { type: 'string' },
  },
  async run({ values, positionals }, io) {
    const [name, ...files] = positionals;
    const action = name !== undefined && Object.hasOwn(actions, name) ? actions[name] : undefined;
    if (!action) throw new SublocError('USAGE', `${name === undefined ? 'missing action' : `unknown action \`${name}\``}; expected one of ${Object.keys(actions).join(', ')}`);
    return action({ values, files, path: memoryPath(str(values['memory']), io.env, io.cwd), io });
  },
};
