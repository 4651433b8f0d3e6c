export type Severity = 'error' | 'warning' | 'info';

/** The one shape every parser, writer, glossary check and QC rule reports in. */
export interface Diagnostic {
  /** Stable, namespaced code such as `srt/missing-index`; never reworded. */
  code: string;
  severity: Severity;
  /** Says what was found, what was expected and where. */
  message: string;
  cueId?: string;
  /** 1-based line in the input file. */
  line?: number;
  /** 1-based column in the input line. */
  column?: number;
}

export interface Location {
  line?: number | undefined;
  column?: number | undefined;
  cueId?: string | undefined;
}

export function diagnostic(code: string, severity: Severity, message: string, at: Location = {}): Diagnostic {
  const d: Diagnostic = { code, severity, message };
  if (at.cueId !== undefined) d.cueId = at.cueId;
  if (at.line !== undefined) d.line = at.line;
  if (at.column !== undefined) d.column = at.column;
  return d;
}

/** A message with nothing to fill in: its table entry takes only where it was found. */
export function fixedMessage(code: string, severity: Severity, message: string): (at: Location) => Diagnostic {
  return (at) => diagnostic(code, severity, message, at);
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

/** `file:line:column: severity: message`, the form editors and CI logs link to. */
export function formatDiagnostic(d: Diagnostic, file?: string): string {
  let where = file ?? '';
  if (d.line !== undefined) where += `${where ? ':' : 'line '}${d.line}`;
  if (d.line !== undefined && d.column !== undefined) where += `:${d.column}`;
  // A writer's diagnostic has no line in the file it writes: the cue is what the reader can find.
  if (d.line === undefined && d.cueId !== undefined) where += `${where ? ': ' : ''}cue ${d.cueId}`;
  return `${where ? `${where}: ` : ''}${d.severity}: ${d.message} [${d.code}]`;
}
