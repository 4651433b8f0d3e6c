import { decode } from './decode.js';
import { detectFormat, formatById, formatIds } from './index.js';
import type { FormatId, ParseOptions as AdapterParseOptions, ParseResult } from './types.js';
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

function emptyResult(language: string, diagnostics: Diagnostic[]): ParseResult {
  return { track: { language, cues: [], meta: {} }, diagnostics };
}

/**
 * Bytes or text to the model. Problems are reported as diagnostics; only a
 * wrong option (an unknown format or encoding name) or `strict` throws.
 */
export function parse(input: string | Uint8Array, opts: ParseOptions = {}): ParseResult {
  const { format, encoding, strict = false, fileName, ...adapterOptions } = opts;
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
    if (decoded.diagnostics.some((d) => d.severity === 'error')) return finish(emptyResult(language, diagnostics));
  }

  if (text.trim() === '') {
    diagnostics.push(diagnostic('input/empty', 'error', 'the file is empty; expected subtitle cues (SRT, WebVTT or TTML)', { line: 1 }));
    return finish(emptyResult(language, diagnostics));
  }

  let adapter;
  if (format !== undefined) {
    adapter = formatById(format);
    if (!adapter) throw new SublocError('FORMAT_UNKNOWN', `unknown format \`${format}\`; expected one of ${formatIds.join(', ')}`);
  } else {
    adapter = detectFormat(text, fileName);
    if (!adapter) {
      diagnostics.push(
        diagnostic('input/unknown-format', 'error', 'could not tell the format: found neither a `WEBVTT` header, an XML `<tt>` root nor an SRT `00:00:00,000 --> 00:00:00,000` timing line', { line: 1 }),
      );
      return finish(emptyResult(language, diagnostics));
    }
  }

  const result = adapter.parse(text, adapterOptions);
  result.track.meta.sourceFormat = adapter.id;
  if (usedEncoding !== undefined) result.track.meta.encoding = usedEncoding;
  return finish({ track: result.track, diagnostics: [...diagnostics, ...result.diagnostics] });

  function finish(result: ParseResult): ParseResult {
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
}
