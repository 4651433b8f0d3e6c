/** The TTML vocabularies an attribute or element can belong to, by canonical prefix. */
export type Vocabulary = 'tt' | 'tts' | 'ttp' | 'ttm' | 'xml' | 'other';

export const TT_NS = 'http://www.w3.org/ns/ttml';
export const TTS_NS = 'http://www.w3.org/ns/ttml#styling';
export const TTP_NS = 'http://www.w3.org/ns/ttml#parameter';
export const TTM_NS = 'http://www.w3.org/ns/ttml#metadata';
export const XML_NS = 'http://www.w3.org/XML/1998/namespace';

// TTML1 and the DFXP drafts it grew from (2006/04, 2006/10); Netflix writes `#style` for `#styling`.
const BASES = [TT_NS, 'http://www.w3.org/2006/10/ttaf1', 'http://www.w3.org/2006/04/ttaf1'];
const SUFFIXES: Record<string, Vocabulary> = { '': 'tt', '#styling': 'tts', '#style': 'tts', '#parameter': 'ttp', '#metadata': 'ttm' };

const cache = new Map<string, Vocabulary>();

export function vocabularyOf(uri: string): Vocabulary {
  const known = cache.get(uri);
  if (known) return known;
  let found: Vocabulary = uri === XML_NS ? 'xml' : 'other';
  for (const base of BASES) {
    if (!uri.startsWith(base)) continue;
    const v = SUFFIXES[uri.slice(base.length)];
    if (v) found = v;
  }
  cache.set(uri, found);
  return found;
}

/** What an undeclared conventional prefix most likely meant. */
export const CONVENTIONAL: Record<string, string> = { tt: TT_NS, tts: TTS_NS, ttp: TTP_NS, ttm: TTM_NS };
