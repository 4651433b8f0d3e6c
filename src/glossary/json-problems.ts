import { SublocError, type ErrorCode } from '../errors.js';
import { diagnostic } from '../model/diagnostic.js';
import { jsonText } from '../formats/shared/json-text.js';
import { JsonSyntaxError, parseJson, type JsonDocument, type JsonObject, type JsonPath, type JsonValue, type Position } from '../formats/shared/json-source.js';
import { invalid } from './messages.js';

/** One problem of a JSON file and the place it concerns. */
export interface Problem {
  text: string;
  at: Position;
}

/** What of a field a problem points at: its value, its key (an unknown field, a bad key) or the object holding it (a missing field). */
export type Place = 'value' | 'key' | 'parent';

/** How one kind of JSON file (the glossary, a QC profile) is refused. */
export interface JsonFileKind {
  /** The code of the error thrown. */
  error: ErrorCode;
  /** The code of each problem's diagnostic. */
  code: string;
  /** The problems listed in the message at most, then how many more there are. @default all */
  listed?: number;
  /** The problem when the top-level value is not an object. */
  notObject(found: JsonValue): string;
}

const FILE_START: Position = { line: 1, column: 1 };

export const isObject = (v: JsonValue | undefined): v is JsonObject => v !== null && typeof v === 'object' && !Array.isArray(v);

/** `targets.fr-FR.preferred`, `variants[2]`: a path as messages write it. */
export function fieldName(path: JsonPath): string {
  return path.reduce<string>((out, p) => (typeof p === 'number' ? `${out}[${p}]` : out === '' ? p : `${out}.${p}`), '');
}

/** Where a problem about the field at `path` points: its place, else the object holding it, else the start of the file. */
export function placeOf(doc: JsonDocument, path: JsonPath, place: Place): Position {
  const parent = path.slice(0, -1);
  const at = place === 'key' ? doc.keyPosition(path) : place === 'parent' ? doc.position(parent) : doc.position(path);
  return at ?? doc.position(parent) ?? FILE_START;
}

/** Throws every problem of `file` as one `SublocError`, a `file:line:column: problem` line each, and each a diagnostic. */
export function throwProblems(file: string, problems: readonly Problem[], kind: JsonFileKind): never {
  const lines = problems.map((p) => `${file}:${p.at.line}:${p.at.column}: ${p.text}`);
  const listed = kind.listed ?? lines.length;
  const shownLines = lines.length > listed ? [...lines.slice(0, listed), invalid.more(lines.length - listed)] : lines;
  const diagnostics = problems.map((p) => diagnostic(kind.code, 'error', p.text, p.at));
  throw new SublocError(kind.error, shownLines.join('\n'), { file, line: problems[0]!.at.line, diagnostics });
}

/** The JSON document of `file` (its text, or its bytes as read) and its top-level object; bad JSON or another top-level value is thrown as the file's one problem. */
export function parseJsonObject(text: string | Uint8Array, file: string, kind: JsonFileKind): { doc: JsonDocument; root: JsonObject } {
  let doc: JsonDocument;
  try {
    doc = parseJson(typeof text === 'string' ? text : jsonText(text));
  } catch (error) {
    if (!(error instanceof JsonSyntaxError)) throw error;
    return throwProblems(file, [{ text: invalid.jsonSyntax(error.message), at: { line: error.line, column: error.column } }], kind);
  }
  const root = doc.value;
  if (!isObject(root)) return throwProblems(file, [{ text: kind.notObject(root), at: FILE_START }], kind);
  return { doc, root };
}
