import { SublocError } from '../errors.js';
import { excerpt } from '../formats/shared/excerpt.js';
import { NAME_BYTES } from './write-atomic.js';

/**
 * Refuses a title that makes a name longer than a drive takes: the title
 * itself names the folder, and `names` the files, each holding it. Such a
 * name would fail only at the first write, after the work, with folders
 * already made.
 */
export function checkTitleNames(title: string, names: readonly string[]): void {
  const longest = names.reduce((a, b) => (Buffer.byteLength(b) > Buffer.byteLength(a) ? b : a), title);
  const bytes = Buffer.byteLength(longest);
  if (bytes > NAME_BYTES) throw new SublocError('USAGE', `the title ${JSON.stringify(excerpt(title))} makes file names of ${bytes} bytes (\`${excerpt(longest)}\`); expected at most ${NAME_BYTES}: shorten the title by ${bytes - NAME_BYTES} bytes (--title or \`title\` in the config)`);
}
