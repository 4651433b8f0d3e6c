/** A time and an arrow: enough to tell an SRT timing line, even one out of range, or one in frame labels (`01:00:00:12`, `;12`). */
const TIMING = /^\s*-?\d+:\d{1,3}(?::\d{1,3})?(?:[,.]\d*|[:;]\d{1,3})?\s*[-\u2013\u2014]{1,3}\s*>/;

const LOOKED_AT = 20;

/**
 * True when one of the first 20 non-blank lines is a timing line and the
 * text is neither WebVTT (`WEBvtt` too: a broken header is still WebVTT)
 * nor XML. Reads only the head of the text.
 */
export function detectSrt(text: string): boolean {
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  while (i < text.length && text.charCodeAt(i) <= 0x20) i++;
  if (text.slice(i, i + 6).toUpperCase() === 'WEBVTT' || text.startsWith('<', i)) return false;
  let seen = 0;
  while (i < text.length && seen < LOOKED_AT) {
    let end = i;
    while (end < text.length && text[end] !== '\n' && text[end] !== '\r') end++;
    const line = text.slice(i, end);
    if (line.trim() !== '') {
      seen++;
      if (TIMING.test(line)) return true;
    }
    i = end + 1;
  }
  return false;
}
