import type { FormatInfo } from '../types.js';

/**
 * EBU-TT-D is TTML, so the TTML row detects and reads it; this row exists to
 * write it, and is left out of detection.
 */
export const ebuttdIdentity: FormatInfo = {
  id: 'ebu-tt-d',
  name: 'EBU-TT-D',
  extensions: ['xml'],
  suffix: 'ebu-tt-d.xml',
  detect: () => false,
  readAs: 'ttml',
};
