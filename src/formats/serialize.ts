import { formatById, formatIds } from './index.js';
import type { FormatId, SerializeOptions, SerializeResult } from './types.js';
import type { Track } from '../model/track.js';
import { SublocError } from '../errors.js';

export function serialize(track: Track, format: FormatId, opts: SerializeOptions = {}): SerializeResult {
  const adapter = formatById(format);
  if (!adapter) throw new SublocError('FORMAT_UNKNOWN', `unknown format \`${format}\`; expected one of ${formatIds.join(', ')}`);
  return adapter.serialize(track, opts);
}
