const TWO = Array.from({ length: 100 }, (_, i) => String(i).padStart(2, '0'));
const THREE = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, '0'));

/**
 * `HH:MM:SS` and `mmm` around `separator`, for a whole, non-negative number
 * of milliseconds; hours grow past two digits rather than wrap. The digits
 * come from tables: a writer formats two of these a cue.
 */
export function clockTime(ms: number, separator: string): string {
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor(ms / 60_000) % 60;
  const s = Math.floor(ms / 1000) % 60;
  return `${h < 100 ? TWO[h]! : String(h)}:${TWO[m]!}:${TWO[s]!}${separator}${THREE[ms % 1000]!}`;
}
