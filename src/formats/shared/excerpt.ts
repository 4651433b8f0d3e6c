/**
 * Input as a message quotes it: whole when short, else its start and its
 * length, so a damaged line of 10,000 digits still gives a message that
 * fits on a screen and says what it found.
 */
export function excerpt(text: string, max = 60): string {
  if (text.length <= max) return text;
  let cut = max - 1;
  // Never half a surrogate pair: the message is written out as UTF-8.
  const last = text.charCodeAt(cut - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut--;
  return `${text.slice(0, cut)}… (${text.length.toLocaleString('en')} characters)`;
}

/**
 * A value found in JSON, as a message names it: a string quoted (and cut
 * short like any excerpt), a container by its kind, `nothing` when absent.
 */
export function foundValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'string') return JSON.stringify(excerpt(value));
  if (value === null || typeof value !== 'object') return String(value);
  return Array.isArray(value) ? 'an array' : 'an object';
}
