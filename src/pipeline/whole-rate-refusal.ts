import type { FormatInfo } from '../formats/types.js';
import { frameRateLabel } from '../model/frame-rate.js';
import type { FrameRate } from '../model/track.js';

/**
 * Why no file of `formats` can be timed at `rate` (a DCP at 23.976: it
 * plays, and counts, whole frames a second), ending with `remedy`; undefined
 * when every one of them can.
 */
export function wholeRateRefusal(formats: readonly FormatInfo[], rate: FrameRate, remedy: string): string | undefined {
  const whole = rate.numerator % rate.denominator === 0 ? rate.numerator / rate.denominator : undefined;
  const refusing = formats.filter((f) => f.frameRates !== undefined && (whole === undefined || !f.frameRates.includes(whole)));
  if (refusing.length === 0) return undefined;
  const rates = [...new Set(refusing.flatMap((f) => f.frameRates!))].sort((a, b) => a - b);
  const list = `${rates.slice(0, -1).join(', ')} or ${rates[rates.length - 1]}`;
  return `${frameRateLabel(rate)} fps is not a rate ${refusing.map((f) => f.id).join(' or ')} can be timed at: it plays, and counts, whole frames a second (${list}); ${remedy}`;
}
