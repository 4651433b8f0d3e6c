import { dcpInterop, dcpSmpte } from './dcp/index.js';
import { ebuttd } from './ebu-tt-d/index.js';
import { srt } from './srt/index.js';
import { detectRow, rowForPath } from './table.js';
import { ttml } from './ttml/index.js';
import { webvtt } from './webvtt/index.js';
import type { FormatAdapter, FormatId } from './types.js';

/**
 * The format table (`table.ts`) with every reader and writer loaded, for
 * callers that parse and write synchronously. What loads only what it uses
 * (the CLI's convert) reads `table.ts` instead.
 */
export const formats: Readonly<Record<FormatId, FormatAdapter>> = Object.freeze({
  ttml,
  vtt: webvtt,
  srt,
  'ebu-tt-d': ebuttd,
  'dcp-smpte': dcpSmpte,
  'dcp-interop': dcpInterop,
});

export function formatById(id: string): FormatAdapter | undefined {
  return Object.hasOwn(formats, id) ? formats[id as FormatId] : undefined;
}

export function formatForPath(path: string): FormatAdapter | undefined {
  const row = rowForPath(path);
  return row && formats[row.id];
}

/** Content first (files are often misnamed), then the file name. */
export function detectFormat(text: string, path?: string): FormatAdapter | undefined {
  const row = detectRow(text, path);
  return row && formats[row.id];
}

export { formatIds } from './format-ids.js';
