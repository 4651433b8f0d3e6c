import type { Profile } from '../profile.js';

const GENERAL = 'Netflix Timed Text Style Guide: General Requirements';
const JAPANESE = 'Netflix Japanese Timed Text Style Guide (partnerhelp.netflixstudios.com, article 215767517)';
const JAPANESE_COUNT = 'full-width characters, spaces and punctuation count 1, half-width ones 0.5';

/** Netflix's timed-text figures for adult audiences, each with the guide it comes from. */
export const defaultProfile: Profile = {
  id: 'default',
  name: 'Netflix',
  maxLines: { value: 2, source: `${GENERAL} (line treatment: 2 lines maximum)` },
  maxCharsPerLine: {
    value: { default: 42, zh: 16, ja: 13, ko: 16 },
    source:
      `Netflix Timed Text Style Guides: English and most Latin-script languages 42; Chinese (Simplified) 16; Korean 16; CJK half-width characters count 0.5 (Netflix partner help, "How is reading speed measured"); ja: ${JAPANESE}, 13 full-width characters a line horizontal (11 vertical), ${JAPANESE_COUNT}`,
  },
  minDurationMs: { value: 833, source: `${GENERAL} (minimum duration 5/6 s, 20 frames at 24 fps)` },
  maxDurationMs: { value: 7000, source: `${GENERAL} (maximum duration 7 s)` },
  minGapFrames: { value: 2, source: `${GENERAL}; Supplementals Timed Text Style Guide (frame gap: 2 frames minimum, regardless of frame rate)` },
  readingSpeed: {
    value: { default: 17, en: 20, zh: 9, ja: 4, ko: 12 },
    source:
      `Netflix adult reading speeds as Subtitle Edit NetflixQualityController.cs encodes them: English 20, Simplified Chinese 9, Korean 12, most other languages 17; ja: ${JAPANESE}, 4 characters a second, ${JAPANESE_COUNT}`,
  },
  rules: {},
};
