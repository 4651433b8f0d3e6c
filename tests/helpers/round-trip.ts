import { expect } from 'vitest';
import type { FormatAdapter, SerializeOptions } from '../../src/formats/types.js';
import type { Track } from '../../src/model/track.js';
import { comparable } from './arbitrary-track.js';

/**
 * Writes `track` in `format` and reads it back, each step without a
 * diagnostic, and expects the same times, text, styles and placement. Gives
 * the text written and the track read, for what a test checks besides.
 */
export function expectRoundTrip(format: FormatAdapter, track: Track, opts?: SerializeOptions): { text: string; back: Track } {
  const { text, diagnostics } = format.serialize(track, opts);
  expect(diagnostics).toEqual([]);
  const read = format.parse(text);
  expect(read.diagnostics).toEqual([]);
  expect(comparable(read.track)).toEqual(comparable(track));
  return { text, back: read.track };
}

/** As `expectRoundTrip`, for a format whose header holds the track's language and title: expects both read back too. */
export function expectHeaderRoundTrip(format: FormatAdapter, track: Track, opts?: SerializeOptions): { text: string; back: Track } {
  const written = expectRoundTrip(format, track, opts);
  expect({ language: written.back.language, title: written.back.meta.title }).toEqual({ language: track.language, title: track.meta.title });
  return written;
}
