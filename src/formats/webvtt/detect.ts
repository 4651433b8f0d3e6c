/** `WEBVTT` (after an optional BOM) followed by a space, a tab, a line break or the end. */
export function detectWebVtt(text: string): boolean {
  const start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  if (!text.startsWith('WEBVTT', start)) return false;
  const next = text.charCodeAt(start + 6);
  return Number.isNaN(next) || next === 0x20 || next === 0x09 || next === 0x0a || next === 0x0d;
}
