import type { Diagnostic } from '../../src/model/diagnostic.js';

const SHAPE_KEYS = new Set(['code', 'severity', 'message', 'cueId', 'line', 'column']);

/** Longer than any message with its quoted input cut to an excerpt. */
const MAX_MESSAGE = 600;

/** What breaks the one diagnostic shape, leaves an error without its line or quotes a runaway input whole, or undefined. */
export function diagnosticProblem(diagnostics: readonly Diagnostic[]): string | undefined {
  for (const d of diagnostics) {
    const extra = Object.keys(d).filter((k) => !SHAPE_KEYS.has(k));
    if (typeof d.code !== 'string' || typeof d.message !== 'string' || !['error', 'warning', 'info'].includes(d.severity) || extra.length > 0) {
      return `a diagnostic not of the one shape: ${JSON.stringify(d).slice(0, 200)}`;
    }
    if (d.severity === 'error' && d.line === undefined) return `an error with no line: ${d.code}: ${d.message.slice(0, 200)}`;
    // A value quoted whole would make a 10,000-digit number a message no terminal shows usefully.
    if (d.message.length > MAX_MESSAGE) return `a message of ${d.message.length} characters (input quoted whole?): ${d.code}: ${d.message.slice(0, 200)}`;
  }
  return undefined;
}
