import { scanProlog } from '../shared/xml/prolog.js';

/** A `<tt>` root (any prefix) after the prolog, judged from the first 8 KB. */
export function detectTtml(text: string): boolean {
  const prolog = scanProlog(text, 8192);
  if (!prolog) return false;
  const name = prolog.rootName;
  return name === 'tt' || name.endsWith(':tt');
}
