import type { Placement } from '../../model/track.js';
import { isDigit } from '../shared/char-codes.js';

/** `digits[.digits]%` between 0 and 100, as the spec's "parse a percentage string". */
export function percentage(text: string): number | undefined {
  if (text.length < 2 || text.charCodeAt(text.length - 1) !== 0x25) return undefined;
  let i = 0;
  while (i < text.length - 1 && isDigit(text.charCodeAt(i))) i++;
  if (i === 0) return undefined;
  if (text.charCodeAt(i) === 0x2e) {
    const fraction = ++i;
    while (i < text.length - 1 && isDigit(text.charCodeAt(i))) i++;
    if (i === fraction) return undefined;
  }
  if (i !== text.length - 1) return undefined;
  const value = Number(text.slice(0, -1));
  return value <= 100 ? value : undefined;
}

/** The row of a cue box whose centre is `centre` percent down the picture. */
export function rowAt(centre: number): Placement['vertical'] {
  if (centre < 30) return 'top';
  return centre <= 70 ? 'middle' : 'bottom';
}
