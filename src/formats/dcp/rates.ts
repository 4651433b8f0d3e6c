import type { FrameRate } from '../../model/track.js';

/** The rates a DCP plays (Berlinale lists 24, 25, 30, 48; 50 and 60 are the other HFR rates). */
export const DCP_RATES: readonly number[] = [24, 25, 30, 48, 50, 60];

/** A whole DCP rate, or undefined for 23.976 and the like, which no DCP plays and SMPTE time code cannot count. */
export function dcpRate(rate: FrameRate): number | undefined {
  if (rate.numerator % rate.denominator !== 0) return undefined;
  const fps = rate.numerator / rate.denominator;
  return DCP_RATES.includes(fps) ? fps : undefined;
}
