import { createRequire } from 'node:module';

const load = createRequire(import.meta.url);
const iconv = (): typeof import('iconv-lite') => load('iconv-lite') as typeof import('iconv-lite');

// chardet's own tables of each CJK encoding's most common characters (as byte codes), under our encoding names.
const TABLES = { gb18030: 'gb_18030', big5: 'big5', shift_jis: 'sjis', 'euc-kr': 'euc_kr', 'euc-jp': 'euc_jp' } as const;
type CjkEncoding = keyof typeof TABLES;

export const CJK_ENCODINGS = new Set<string>(Object.keys(TABLES));

let common: Map<CjkEncoding, Set<string>> | undefined;

/** The common characters as text, so that one decoding of the bytes per encoding can be counted against them. */
function commonCharacters(): Map<CjkEncoding, Set<string>> {
  if (common) return common;
  const mbcs = load('chardet/lib/encoding/mbcs.js') as typeof import('chardet/lib/encoding/mbcs.js');
  common = new Map();
  for (const [encoding, table] of Object.entries(TABLES) as Array<[CjkEncoding, (typeof TABLES)[CjkEncoding]]>) {
    const characters = new Set<string>();
    for (const code of new mbcs[table]().commonChars) {
      const bytes = code > 0xffff ? [code >> 16, (code >> 8) & 0xff, code & 0xff] : [code >> 8, code & 0xff];
      characters.add(iconv().decode(Buffer.from(bytes), encoding));
    }
    common.set(encoding, characters);
  }
  return common;
}

export interface CjkGuess {
  encoding: CjkEncoding;
  /** Characters past ASCII in the sample read this way, and how many of them are among the encoding's most common. */
  characters: number;
  common: number;
}

/**
 * The CJK encoding under which the sample reads as the most common
 * characters of its language, when one clearly does: a reading with an
 * invalid sequence is out, and the winner must beat every other reading and
 * have at least one character in ten among its language's most common.
 * Where chardet's statistics need more text than a few cues hold, a wrong
 * CJK reading (or a Greek or Latin-1 one) makes rare characters or symbols,
 * never common ones.
 */
export function guessCjk(sample: Uint8Array): CjkGuess | undefined {
  const buffer = Buffer.from(sample.buffer, sample.byteOffset, sample.byteLength);
  let best: CjkGuess | undefined;
  let runnerUp = 0;
  for (const [encoding, characters] of commonCharacters()) {
    const text = iconv().decode(buffer, encoding);
    if (text.includes('\ufffd')) continue;
    let wide = 0;
    let hits = 0;
    for (const c of text) {
      if (c.charCodeAt(0) < 0x80) continue;
      wide++;
      if (characters.has(c)) hits++;
    }
    if (best === undefined || hits > best.common) {
      runnerUp = best?.common ?? 0;
      best = { encoding, characters: wide, common: hits };
    } else if (hits > runnerUp) runnerUp = hits;
  }
  if (best === undefined || best.common === 0 || best.common === runnerUp || best.common * 10 < best.characters) return undefined;
  return best;
}
