import { adapterOptions, complete, prepare, type ParseOptions } from './parse-steps.js';
import type { ParseResult } from './types.js';

/** `parse`, loading only the reader of the format it reads (the CLI's convert starts without the other adapters). */
export async function parseLazily(input: string | Uint8Array, opts: ParseOptions = {}): Promise<ParseResult> {
  const prepared = prepare(input, opts);
  if ('done' in prepared) return prepared.done;
  const read = await prepared.row.reader();
  return complete(read(prepared.text, adapterOptions(opts)), prepared, opts);
}
