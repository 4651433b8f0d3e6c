import { messages } from './messages.js';
import { formatTimestamp, readTimestamp } from './timestamp.js';
import type { Diagnostic } from '../../model/diagnostic.js';

export interface Header {
  /** From a `Language: en` header line, as YouTube and others write it. */
  language?: string;
  diagnostics: Diagnostic[];
}

const TIMESTAMP_MAP = 'X-TIMESTAMP-MAP=';

/** `MPEGTS:900000,LOCAL:00:00:00.000` in either order; undefined when malformed. */
function timestampMap(value: string): { local: number; mpegts: number } | undefined {
  let local: number | undefined;
  let mpegts: number | undefined;
  for (const part of value.split(',')) {
    const colon = part.indexOf(':');
    if (colon < 0) return undefined;
    const key = part.slice(0, colon).trim();
    const v = part.slice(colon + 1).trim();
    if (key === 'LOCAL') {
      const cursor = { pos: 0 };
      const ms = readTimestamp(v, cursor);
      if (ms < 0 || cursor.pos !== v.length) return undefined;
      local = ms;
    } else if (key === 'MPEGTS') {
      if (!/^\d+$/.test(v)) return undefined;
      mpegts = Number(v);
    } else return undefined;
  }
  return local === undefined || mpegts === undefined ? undefined : { local, mpegts };
}

/**
 * Header lines (the text after `WEBVTT` is line 1). WebVTT gives them no
 * meaning; HLS puts `X-TIMESTAMP-MAP` there and some tools a language.
 */
export function readHeader(lines: ReadonlyArray<readonly [text: string, line: number]>): Header {
  const header: Header = { diagnostics: [] };
  for (const [text, line] of lines) {
    const trimmed = text.trim();
    if (trimmed.startsWith(TIMESTAMP_MAP)) {
      const map = timestampMap(trimmed.slice(TIMESTAMP_MAP.length));
      if (!map) header.diagnostics.push(messages.badTimestampMap(trimmed, line));
      else if (map.local !== 0 || map.mpegts !== 0) header.diagnostics.push(messages.timestampMap(formatTimestamp(map.local), map.mpegts, line));
    } else if (trimmed.startsWith('Language:')) {
      const language = trimmed.slice('Language:'.length).trim();
      if (language !== '') header.language = language;
    }
  }
  return header;
}
