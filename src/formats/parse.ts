import { formats } from './index.js';
import { adapterOptions, complete, prepare, type ParseOptions } from './parse-steps.js';
import type { ParseResult } from './types.js';

export type { ParseOptions };

/**
 * Bytes or text to the model. Problems are reported as diagnostics; only a
 * wrong option (an unknown format or encoding name) or `strict` throws.
 */
export function parse(input: string | Uint8Array, opts: ParseOptions = {}): ParseResult {
  const prepared = prepare(input, opts);
  if ('done' in prepared) return prepared.done;
  return complete(formats[prepared.row.id].parse(prepared.text, adapterOptions(opts)), prepared, opts);
}
