import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openMemory } from '../../src/memory/sqlite.js';
import { tempDir } from './cli.js';

/** A memory with nothing in it at `path`, as `localize` leaves one: `review import` and the studio refuse one that is not there. */
export async function emptyMemory(path: string): Promise<void> {
  await openMemory(path).close();
}

/** A new folder as a user has it for one film: its Chinese source track `source`, a config that localizes it into en-US, and an empty memory. */
export async function filmFolder(prefix: string, source: string): Promise<string> {
  const dir = tempDir(prefix);
  writeFileSync(join(dir, 'hotline-beijing.zh-Hans.srt'), source);
  writeFileSync(join(dir, 'subloc.config.json'), JSON.stringify({ title: 'hotline-beijing', input: 'hotline-beijing.zh-Hans.srt', source: 'zh-Hans', targets: ['en-US'] }));
  await emptyMemory(join(dir, '.subloc/memory.sqlite'));
  return dir;
}
