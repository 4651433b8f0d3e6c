import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from './cli.js';

/** A new folder as a user has it for one film: its Chinese source track `source` and a config that localizes it into en-US. */
export function filmFolder(prefix: string, source: string): string {
  const dir = tempDir(prefix);
  writeFileSync(join(dir, 'hotline-beijing.zh-Hans.srt'), source);
  writeFileSync(join(dir, 'subloc.config.json'), JSON.stringify({ title: 'hotline-beijing', input: 'hotline-beijing.zh-Hans.srt', source: 'zh-Hans', targets: ['en-US'] }));
  return dir;
}
