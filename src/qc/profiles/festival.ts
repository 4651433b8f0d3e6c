import type { Profile } from '../profile.js';
import { defaultProfile } from './default.js';

const BANFF = 'Banff Centre film festival submission page (burned-in subtitles)';
/** The languages whose figures Banff does not state: Netflix's are kept. */
const NETFLIX_CJK = { zh: 'Netflix', ja: 'Netflix', ko: 'Netflix' } as const;

/**
 * Burned-in subtitles for festival screenings, after Banff's published
 * limits. Banff states figures for Latin-script subtitles only, so Chinese,
 * Japanese and Korean keep Netflix's, and whatever Banff does not state
 * (maximum duration, frame gap) is the default profile's.
 */
export const festivalProfile: Profile = {
  ...defaultProfile,
  id: 'festival',
  name: 'Banff festival',
  maxLines: { value: 2, source: `${BANFF}: 2 lines` },
  maxCharsPerLine: {
    value: { ...defaultProfile.maxCharsPerLine.value, default: 40 },
    source: `${BANFF}: at most 40 characters a line; zh, ja, ko: ${defaultProfile.maxCharsPerLine.source}`,
    borrowed: NETFLIX_CJK,
  },
  minDurationMs: { value: 2000, source: `${BANFF}: at least 2 s on screen` },
  readingSpeed: {
    value: { default: 20, zh: 9, ja: 4, ko: 12 },
    source: `${BANFF}: at most 20 characters/s; zh, ja, ko: ${defaultProfile.readingSpeed.source}`,
    borrowed: NETFLIX_CJK,
  },
  rules: {},
};
