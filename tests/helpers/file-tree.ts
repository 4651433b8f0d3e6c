import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/** Every file under `dir`, hidden ones too, by its path relative to `dir` (with `/`), with its content in `encoding`; none when `dir` is missing. */
export function fileTree(dir: string, encoding: BufferEncoding): Record<string, string> {
  if (!existsSync(dir)) return {};
  const files = readdirSync(dir, { recursive: true, withFileTypes: true }).filter((entry) => !entry.isDirectory());
  return Object.fromEntries(files.map((entry) => {
    const path = join(entry.parentPath, entry.name);
    return [relative(dir, path).split(sep).join('/'), readFileSync(path, encoding)];
  }));
}
