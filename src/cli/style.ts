import type { Diagnostic } from '../model/diagnostic.js';
import { formatDiagnostic } from '../model/diagnostic.js';
import type { CliIo } from './io.js';

export interface Style {
  readonly enabled: boolean;
  red(text: string): string;
  yellow(text: string): string;
  green(text: string): string;
  bold(text: string): string;
}

const paint = (open: number, close: number) => (text: string) => `\x1b[${open}m${text}\x1b[${close}m`;
const plain = (text: string) => text;

/** Colours for stderr: only on a terminal, and never when `NO_COLOR` has a value (https://no-color.org). */
export function styleFor(io: Pick<CliIo, 'interactive' | 'env'>): Style {
  const enabled = io.interactive && (io.env['NO_COLOR'] ?? '') === '';
  if (!enabled) return { enabled, red: plain, yellow: plain, green: plain, bold: plain };
  return { enabled, red: paint(31, 39), yellow: paint(33, 39), green: paint(32, 39), bold: paint(1, 22) };
}

/** A count that stands out when it is not zero: errors red, warnings yellow. */
export function count(style: Style, n: number, colour: 'red' | 'yellow', text: string): string {
  return n === 0 ? text : style[colour](text);
}

/** A diagnostic line for stderr with its severity word coloured; under `--quiet` only errors. */
export function printDiagnostic(io: CliIo, d: Diagnostic, file?: string): void {
  if (io.quiet === true && d.severity !== 'error') return;
  const style = styleFor(io);
  let line = formatDiagnostic(d, file);
  if (style.enabled && d.severity !== 'info') {
    const word = `${d.severity}: `;
    const at = line.indexOf(word);
    const colour = d.severity === 'error' ? style.red : style.yellow;
    if (at >= 0) line = `${line.slice(0, at)}${colour(d.severity)}: ${line.slice(at + word.length)}`;
  }
  io.stderr(`${line}\n`);
}

/** A summary line on stderr; `--quiet` drops it. */
export function note(io: CliIo, text: string): void {
  if (io.quiet !== true) io.stderr(`${text}\n`);
}
