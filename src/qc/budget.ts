import type { Lang, Ms } from '../model/track.js';
import { forLanguage, type Profile } from './profile.js';

/**
 * The characters a cue (or a sentence unit, given its cues' summed duration
 * and lines) can hold under a profile, counted as `readingChars` counts: what
 * a viewer reads in its duration at the language's reading speed, and no
 * more than its lines hold. A draft within it passes the reading-speed rule;
 * the line rules still depend on where it breaks.
 */
export function characterBudget(durationMs: Ms, profile: Profile, language: Lang, cues = 1): number {
  const reading = Math.floor(((durationMs * forLanguage(profile.readingSpeed.value, language)) / 1000) * 10 + 1e-9) / 10;
  const layout = cues * profile.maxLines.value * forLanguage(profile.maxCharsPerLine.value, language);
  return Math.max(0, Math.floor(Math.min(reading, layout)));
}
