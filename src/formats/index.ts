import { dcpInterop, dcpSmpte } from './dcp/index.js';
import { ebuttd } from './ebu-tt-d/index.js';
import { srt } from './srt/index.js';
import { ttml } from './ttml/index.js';
import { webvtt } from './webvtt/index.js';
import type { FormatAdapter, FormatId } from './types.js';

/**
 * Every format subloc reads and writes. The CLI and the pipeline read this
 * table and never switch on a format name; a new format is one more row.
 * Order matters for detection: the most specific signature first.
 */
export const formats: Readonly<Record<FormatId, FormatAdapter>> = Object.freeze({
  ttml,
  vtt: webvtt,
  srt,
  'ebu-tt-d': ebuttd,
  'dcp-smpte': dcpSmpte,
  'dcp-interop': dcpInterop,
});

const byDetection: readonly FormatAdapter[] = [ttml, webvtt, dcpSmpte, dcpInterop, srt];

export function formatById(id: string): FormatAdapter | undefined {
  return Object.hasOwn(formats, id) ? formats[id as FormatId] : undefined;
}

export function formatForPath(path: string): FormatAdapter | undefined {
  const lower = path.toLowerCase();
  return byDetection.find((f) => f.extensions.some((ext) => lower.endsWith(`.${ext}`)));
}

/** Content first (files are often misnamed), then the file name. */
export function detectFormat(text: string, path?: string): FormatAdapter | undefined {
  return byDetection.find((f) => f.detect(text)) ?? (path === undefined ? undefined : formatForPath(path));
}

export { formatIds } from './format-ids.js';
