import { decode } from './decode.js';
import { detectRow, rowById } from './table.js';
import type { FormatId, FormatRow, ParseOptions as AdapterParseOptions, ParseResult } from './types.js';
import { formatIds } from './format-ids.js';
import { unsupportedFormat } from './unsupported.js';
import { withoutControlCharacters } from './shared/control-characters.js';
import { diagnostic, type Diagnostic } from '../model/diagnostic.js';
import { SublocError } from '../errors.js';

export interface ParseOptions extends AdapterParseOptions {
  /** Read as this format instead of detecting it. */
  format?: FormatId;
  /** Decode bytes with this encoding instead of detecting it. */
  encoding?: string;
  /** Every recovery (warning) and error becomes a thrown `SublocError`. @default false */
  strict?: boolean;
  /** Used for detection by extension and in error messages. */
  fileName?: string;
}

/** Decoded text and the format to read it as, or the result when there is nothing to read. */
export type Prepared = { done: ParseResult } | { row: FormatRow; text: string; encoding: string | undefined; diagnostics: Diagnostic[] };

function emptyResult(language: string, diagnostics: Diagnostic[]): ParseResult {
  return { track: { language, cues: [], meta: {} }, diagnostics };
}

/**
 * What `parse` does before an adapter reads: decode bytes, refuse empty
 * text, and take the format asked for or detect it. Only a wrong option (an
 * unknown format or encoding name) or `strict` throws.
 */
export function prepare(input: string | Uint8Array, opts: ParseOptions): Prepared {
  const { format, encoding, strict = false, fileName } = opts;
  const language = opts.language ?? 'und';
  let text: string;
  let usedEncoding: string | undefined;
  const diagnostics: Diagnostic[] = [];

  if (typeof input === 'string') {
    text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  } else {
    const decoded = decode(input, encoding === undefined ? {} : { encoding });
    for (const d of decoded.diagnostics) diagnostics.push(d);
    text = decoded.text;
    usedEncoding = decoded.encoding;
    if (decoded.diagnostics.some((d) => d.severity === 'error')) return { done: strictly(emptyResult(language, diagnostics), strict, fileName) };
  }

  if (text.trim() === '') {
    diagnostics.push(diagnostic('input/empty', 'error', 'the file is empty; expected subtitle cues (SRT, WebVTT or TTML)', { line: 1 }));
    return { done: strictly(emptyResult(language, diagnostics), strict, fileName) };
  }

  let row;
  if (format !== undefined) {
    row = rowById(format);
    if (!row) throw new SublocError('FORMAT_UNKNOWN', `unknown format \`${format}\`; expected one of ${formatIds.join(', ')}`);
  } else {
    row = detectRow(text, fileName);
    if (!row) {
      const kind = unsupportedFormat(text);
      diagnostics.push(
        kind === undefined
          ? diagnostic(
              'input/unknown-format',
              'error',
              'could not tell the format: found neither a `WEBVTT` header, an XML `<tt>`, `<SubtitleReel>` or `<DCSubtitle>` root nor an SRT `00:00:00,000 --> 00:00:00,000` timing line',
              { line: 1 },
            )
          : diagnostic('input/unsupported-format', 'error', `found ${kind}, which subloc does not read; expected SRT, WebVTT, TTML or DCP subtitle XML: convert it to SRT first (ffmpeg or Subtitle Edit can)`, { line: 1 }),
      );
      return { done: strictly(emptyResult(language, diagnostics), strict, fileName) };
    }
  }
  if (row.id === 'srt' || row.id === 'vtt') {
    const cleaned = withoutControlCharacters(text);
    if (cleaned !== undefined) {
      text = cleaned.text;
      diagnostics.push(cleaned.diagnostic);
    }
  }
  return { row, text, encoding: usedEncoding, diagnostics };
}

/** The options an adapter's reader takes, out of `parse`'s. */
export function adapterOptions(opts: ParseOptions): AdapterParseOptions {
  const { format: _format, encoding: _encoding, strict: _strict, fileName: _fileName, ...adapter } = opts;
  return adapter;
}

/** What `parse` does after the adapter has read: record where the track came from, and apply `strict`. */
export function complete(result: ParseResult, prepared: { row: FormatRow; encoding: string | undefined; diagnostics: Diagnostic[] }, opts: ParseOptions): ParseResult {
  result.track.meta.sourceFormat = prepared.row.id;
  if (prepared.encoding !== undefined) result.track.meta.encoding = prepared.encoding;
  const read: ParseResult = { track: result.track, diagnostics: [...prepared.diagnostics, ...result.diagnostics] };
  if (result.times !== undefined) read.times = result.times;
  return strictly(read, opts.strict ?? false, opts.fileName);
}

function strictly(result: ParseResult, strict: boolean, fileName: string | undefined): ParseResult {
  if (strict) {
    const failing = result.diagnostics.filter((d) => d.severity !== 'info');
    if (failing.length > 0) {
      const first = failing[0]!;
      throw new SublocError('STRICT_VIOLATION', `${first.message} (strict mode; ${failing.length} problem${failing.length === 1 ? '' : 's'} in all)`, {
        ...(fileName === undefined ? {} : { file: fileName }),
        ...(first.line === undefined ? {} : { line: first.line }),
        diagnostics: result.diagnostics.map((d) => (d.severity === 'warning' ? { ...d, severity: 'error' as const } : d)),
      });
    }
  }
  return result;
}
