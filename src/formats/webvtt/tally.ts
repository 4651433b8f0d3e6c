import type { Diagnostic } from '../../model/diagnostic.js';
import type { Occurrences } from './messages.js';

type Make = (detail: string, o: Occurrences) => Diagnostic;

/**
 * Notes that would repeat on every cue (a ruby here, a `vertical` setting
 * there) become one diagnostic a file, with the count and the first place.
 */
export class Tally {
  private readonly seen = new Map<string, { o: Occurrences; detail: string; make: Make }>();

  note(key: string, make: Make, detail: string, line: number, cueId?: string): void {
    const entry = this.seen.get(key);
    if (entry) entry.o.count++;
    else this.seen.set(key, { o: cueId === undefined ? { count: 1, line } : { count: 1, line, cueId }, detail, make });
  }

  diagnostics(): Diagnostic[] {
    return [...this.seen.values()].map(({ o, detail, make }) => make(detail, o));
  }
}
