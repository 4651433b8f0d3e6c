import type { FrameRate } from '../../model/track.js';
import { DCP_RATES } from './identity.js';

/** A whole DCP rate, or undefined for 23.976 and the like, which no DCP plays and SMPTE time code cannot count. */
export function dcpRate(rate: FrameRate): number | undefined {
  if (rate.numerator % rate.denominator !== 0) return undefined;
  const fps = rate.numerator / rate.denominator;
  return DCP_RATES.includes(fps) ? fps : undefined;
}
