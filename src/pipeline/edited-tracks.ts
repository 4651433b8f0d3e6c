import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SublocError } from '../errors.js';
import { formatTable } from '../formats/table.js';
import type { FormatId } from '../formats/types.js';
import type { Lang } from '../model/track.js';
import { sha256 } from './written-record.js';

/** Formats whose edited tracks `review import` reads back into the memory. */
const IMPORTABLE: ReadonlySet<FormatId> = new Set(['srt', 'vtt']);

/**
 * Before anything is written: a track this run would write over that is not
 * what the last run wrote there (a translator edited the SRT in place, not
 * the XLIFF) refuses the run, naming the command that takes its edits, so
 * the next files never replace them unseen. A file gone or never recorded
 * is no edit.
 */
export async function refuseEditedTracks(input: { runDir: string; title: string; targets: readonly Lang[]; formats: readonly FormatId[]; written: ReadonlyMap<string, string> }): Promise<void> {
  for (const target of input.targets) {
    for (const id of input.formats) {
      const file = join(target, `${input.title}.${target}.${formatTable[id].suffix}`);
      const recorded = input.written.get(file);
      if (recorded === undefined) continue;
      const path = join(input.runDir, file);
      let bytes: Buffer;
      try {
        bytes = await readFile(path);
      } catch {
        continue;
      }
      if (sha256(bytes) === recorded) continue;
      const take = IMPORTABLE.has(id)
        ? `Run \`subloc review import ${path}\`, with the --config, --input, --memory and --out this run was given, to take its edits into the memory (its times are not taken: every language is timed from the source), then localize again`
        : `Make its edits in the XLIFF or the ${formatTable.srt.suffix} track instead: subloc cannot read edits back from ${id}`;
      throw new SublocError(
        'REVIEW_NOT_IMPORTED',
        `${path} changed since subloc wrote it, and this run would write over it; it was left as it is and nothing was written. ${take} (or move the file away to drop its changes)`,
        { file: path },
      );
    }
  }
}
