import { isUtf8 } from 'node:buffer';

/** A line of the file with its line end, in bytes, and whether it is valid UTF-8. */
export interface ByteLine {
  from: number;
  to: number;
  utf8: boolean;
}

export interface Utf8Lines {
  lines: ByteLine[];
  /** 1-based numbers of the lines that are not valid UTF-8. */
  foreign: number[];
  /** Multi-byte UTF-8 sequences in the valid lines: what says the file was written as UTF-8. */
  sequences: number;
}

function sequencesIn(bytes: Uint8Array, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) if (bytes[i]! >= 0xc0) n++;
  return n;
}

/** The bytes line by line (LF, CRLF or CR ends, as the readers count lines), each checked as UTF-8. */
export function utf8Lines(bytes: Uint8Array): Utf8Lines {
  const lines: ByteLine[] = [];
  const foreign: number[] = [];
  let sequences = 0;
  let from = 0;
  while (from < bytes.length) {
    let to = from;
    while (to < bytes.length && bytes[to] !== 0x0a && bytes[to] !== 0x0d) to++;
    let end = to;
    if (bytes[end] === 0x0d) end++;
    if (bytes[end] === 0x0a && (end === to || bytes[to] === 0x0d)) end++;
    const utf8 = isUtf8(bytes.subarray(from, to));
    if (utf8) sequences += sequencesIn(bytes, from, to);
    else foreign.push(lines.length + 1);
    lines.push({ from, to: end, utf8 });
    from = end;
  }
  return { lines, foreign, sequences };
}

/**
 * Whether a file that is not UTF-8 as a whole is UTF-8 with some lines in
 * another encoding (cues pasted in from another file): its valid lines hold
 * more UTF-8 characters than chance makes of legacy text, where a
 * two-byte character now and then forms a valid sequence.
 */
export function isMixed(split: Utf8Lines): boolean {
  return split.foreign.length > 0 && (split.sequences >= 3 || split.sequences >= split.foreign.length);
}
