import { dcpInteropIdentity, dcpSmpteIdentity } from './dcp/identity.js';
import { ebuttdIdentity } from './ebu-tt-d/identity.js';
import { srtIdentity } from './srt/identity.js';
import { ttmlIdentity } from './ttml/identity.js';
import type { FormatId, FormatInfo, FormatRow, Reader, Writer } from './types.js';
import { webvttIdentity } from './webvtt/identity.js';

/** Every format folder names its reader and writer alike: `read` in its `read.ts`, `write` in its `write.ts`. */
interface ReaderModule {
  read: Reader;
}
interface WriterModule {
  write: Writer;
}

function row(identity: FormatInfo, readerModule: () => Promise<ReaderModule>, writerModule: () => Promise<WriterModule>): FormatRow {
  return { ...identity, reader: async () => (await readerModule()).read, writer: async () => (await writerModule()).write };
}

/**
 * Every format subloc reads and writes. The CLI and the pipeline read this
 * table and never switch on a format name; a new format is one more row.
 * A row knows its format's names and how to sniff it; its reader and writer
 * load on first use, so converting SRT to WebVTT never loads the XML stack.
 * `index.ts` is the same table with every adapter loaded, for synchronous use.
 */
export const formatTable: Readonly<Record<FormatId, FormatRow>> = Object.freeze({
  ttml: row(ttmlIdentity, () => import('./ttml/read.js'), () => import('./ttml/write.js')),
  vtt: row(webvttIdentity, () => import('./webvtt/read.js'), () => import('./webvtt/write.js')),
  srt: row(srtIdentity, () => import('./srt/read.js'), () => import('./srt/write.js')),
  // EBU-TT-D is TTML: read by the TTML reader.
  'ebu-tt-d': row(ebuttdIdentity, () => import('./ttml/read.js'), () => import('./ebu-tt-d/write.js')),
  'dcp-smpte': row(dcpSmpteIdentity, () => import('./dcp/smpte/read.js'), () => import('./dcp/smpte/write.js')),
  'dcp-interop': row(dcpInteropIdentity, () => import('./dcp/interop/read.js'), () => import('./dcp/interop/write.js')),
});

/** Order matters for detection: the most specific signature first. EBU-TT-D is read as TTML. */
const byDetection: readonly FormatRow[] = [formatTable.ttml, formatTable.vtt, formatTable['dcp-smpte'], formatTable['dcp-interop'], formatTable.srt];

export function rowById(id: string): FormatRow | undefined {
  return Object.hasOwn(formatTable, id) ? formatTable[id as FormatId] : undefined;
}

/** A format's own ending first (`film.en.ebu-tt-d.xml`, `.dcp-smpte.xml`), then the first format that takes the extension. */
export function rowForPath(path: string): FormatRow | undefined {
  const lower = path.toLowerCase();
  return Object.values(formatTable).find((f) => lower.endsWith(`.${f.suffix}`)) ?? byDetection.find((f) => f.extensions.some((ext) => lower.endsWith(`.${ext}`)));
}

/** Content first (files are often misnamed), then the file name. */
export function detectRow(text: string, path?: string): FormatRow | undefined {
  return byDetection.find((f) => f.detect(text)) ?? (path === undefined ? undefined : rowForPath(path));
}
