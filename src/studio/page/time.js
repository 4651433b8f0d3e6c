// @ts-check
/** `01:02:03.450`: the time a subtitler reads, to the millisecond, from integer milliseconds. @param {number} ms */
export function clock(ms) {
  const whole = Math.max(0, Math.round(ms));
  const pad = (/** @type {number} */ n, /** @type {number} */ width = 2) => String(n).padStart(width, '0');
  return `${pad(Math.floor(whole / 3_600_000))}:${pad(Math.floor(whole / 60_000) % 60)}:${pad(Math.floor(whole / 1000) % 60)}.${pad(whole % 1000, 3)}`;
}

/** The index of the cue showing at `ms` (cues sorted by start), or -1 between cues. @param {{ start: number, end: number }[]} cues @param {number} ms */
export function cueAt(cues, ms) {
  let low = 0;
  let high = cues.length - 1;
  let found = -1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if (/** @type {{ start: number }} */ (cues[mid]).start <= ms) {
      found = mid;
      low = mid + 1;
    } else high = mid - 1;
  }
  return found >= 0 && ms < /** @type {{ end: number }} */ (cues[found]).end ? found : -1;
}
