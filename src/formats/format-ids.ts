/**
 * Every format's id, in the order of the table in `table.ts` (which must
 * have a row for each): what the CLI lists without loading an adapter.
 */
export const formatIds = ['ttml', 'vtt', 'srt', 'ebu-tt-d', 'dcp-smpte', 'dcp-interop'] as const;

export type FormatId = (typeof formatIds)[number];
