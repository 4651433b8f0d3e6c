import { dcpInteropIdentity, dcpSmpteIdentity } from './dcp/identity.js';
import { ebuttdIdentity } from './ebu-tt-d/identity.js';
import { srtIdentity } from './srt/identity.js';
import { ttmlIdentity } from './ttml/identity.js';
import type { FormatId, FormatInfo, FormatRow, Reader, Writer } from './types.js';
import { webvttIdentity } from './webvtt/identity.js';

function row(identity: FormatInfo, reader: () => Promise<Reader>, writer: () => Promise<Writer>): FormatRow {
  return { ...identity, reader, writer };
}

/**
 * Every format subloc reads and writes. The CLI and the pipeline read this
 * table and never switch on a format name; a new format is one more row.
 * A row knows its format's names and how to sniff it; its reader and writer
 * load on first use, so converting SRT to WebVTT never loads the XML stack.
 * `index.ts` is the same table with every adapter loaded, for synchronous use.
 */
export const formatTable: Readonly<Record<FormatId, FormatRow>> = Object.freeze({
  ttml: row(
    ttmlIdentity,
    async () => (await import('./ttml/read.js')).readTtml,
    async () => (await import('./ttml/write.js')).writeTtml,
  ),
  vtt: row(
    webvttIdentity,
    async () => (await import('./webvtt/read.js')).readWebVtt,
    async () => (await import('./webvtt/write.js')).writeWebVtt,
  ),
  srt: row(
    srtIdentity,
    async () => (await import('./srt/read.js')).parseSrt,
    async () => (await import('./srt/write.js')).serializeSrt,
  ),
  'ebu-tt-d': row(
    ebuttdIdentity,
    async () => (await import('./ttml/read.js')).readTtml,
    async () => (await import('./ebu-tt-d/write.js')).writeEbuttd,
  ),
  'dcp-smpte': row(
    dcpSmpteIdentity,
    async () => (await import('./dcp/smpte/read.js')).readSmpte,
    async () => (await import('./dcp/smpte/write.js')).writeSmpte,
  ),
  'dcp-interop': row(
    dcpInteropIdentity,
    async () => (await import('./dcp/interop/read.js')).readInterop,
    async () => (await import('./dcp/interop/write.js')).writeInterop,
  ),
});

/** Order matters for detection: the most specific signature first. EBU-TT-D is read as TTML. */
const byDetection: readonly FormatRow[] = [formatTable.ttml, formatTable.vtt, formatTable['dcp-smpte'], formatTable['dcp-interop'], formatTable.srt];

export function rowById(id: string): FormatRow | undefined {
  return Object.hasOwn(formatTable, id) ? formatTable[id as FormatId] : undefined;
}

export function rowForPath(path: string): FormatRow | undefined {
  const lower = path.toLowerCase();
  return byDetection.find((f) => f.extensions.some((ext) => lower.endsWith(`.${ext}`)));
}

/** Content first (files are often misnamed), then the file name. */
export function detectRow(text: string, path?: string): FormatRow | undefined {
  return byDetection.find((f) => f.detect(text)) ?? (path === undefined ? undefined : rowForPath(path));
}
