import { binarySignature } from '../binary-signature.js';
import { decode } from '../decode.js';
import { JsonSyntaxError } from './json-source.js';

/**
 * The text of a JSON file's bytes. JSON is UTF-8 (RFC 8259); a byte order
 * mark, UTF-16's included (what Windows Notepad saves as "Unicode"), is read
 * as it says. Bytes that are not UTF-8 are refused where the first of them
 * stands, with the encoding they look like: read as U+FFFD, a glossary saved
 * as GBK loaded without a word, and none of its terms was ever found. A
 * binary file (an image given as the glossary) is refused as what it is.
 */
export function jsonText(bytes: Uint8Array): string {
  const { text, encoding, diagnostics } = decode(bytes);
  if (diagnostics.some((d) => d.code === 'decode/binary')) throw new JsonSyntaxError(`found ${binarySignature(bytes) ?? 'binary data'}; expected a JSON file (UTF-8 text)`, 1, 1);
  const guess = diagnostics.find((d) => d.code === 'decode/guessed');
  if (guess === undefined && !diagnostics.some((d) => d.code === 'decode/invalid-bytes')) return text;
  const asUtf8 = new TextDecoder().decode(bytes);
  const at = Math.max(0, asUtf8.indexOf('\ufffd'));
  const before = asUtf8.slice(0, at);
  const line = before.split('\n').length;
  const column = at - before.lastIndexOf('\n');
  // The detector's guess is named only when it is confident: on a short file of mostly ASCII it is noise.
  const looksLike = guess?.severity === 'info' ? ` (they look like ${encoding.toUpperCase()})` : '';
  throw new JsonSyntaxError(`found bytes that are not UTF-8${looksLike}; expected a JSON file in UTF-8: save it as UTF-8`, line, column);
}
