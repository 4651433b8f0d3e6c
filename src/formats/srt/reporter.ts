import { diagnostic, type Diagnostic, type Location } from '../../model/diagnostic.js';
import type { Message } from './messages.js';

/**
 * Collects diagnostics in input order. Recoveries that repeat on every cue
 * of a file (a `.` in every timestamp) are reported once, at their first
 * line, with a count of the rest: 100,000 identical warnings help nobody.
 */
export class Reporter {
  readonly diagnostics: Diagnostic[] = [];
  private readonly repeats = new Map<string, { first: Diagnostic; more: number }>();

  add(m: Message, at: Location): void {
    this.diagnostics.push(diagnostic(m.code, m.severity, m.message, at));
  }

  addOnce(m: Message, at: Location): void {
    const seen = this.repeats.get(m.code);
    if (seen) {
      seen.more++;
      return;
    }
    const first = diagnostic(m.code, m.severity, m.message, at);
    this.repeats.set(m.code, { first, more: 0 });
    this.diagnostics.push(first);
  }

  finish(): Diagnostic[] {
    for (const { first, more } of this.repeats.values()) {
      if (more > 0) first.message += ` (and ${more} more like this)`;
    }
    return this.diagnostics;
  }
}
