import { createRequire } from 'node:module';

// Required only for what is not UTF-8, as `decode` does.
const load = createRequire(import.meta.url);
const iconv = (): typeof import('iconv-lite') => load('iconv-lite') as typeof import('iconv-lite');

/**
 * Text as the bytes of `encoding` (a name `decode` gives; UTF-8 when unset),
 * after `bom`: a file written back in the encoding it was read in.
 */
export function encode(text: string, encoding: string | undefined, bom: Uint8Array): Uint8Array {
  const body = encoding === undefined || encoding === 'utf-8' ? Buffer.from(text, 'utf8') : iconv().encode(text, encoding);
  return bom.length === 0 ? body : Buffer.concat([bom, body]);
}
