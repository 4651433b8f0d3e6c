import { ttml } from '../ttml/index.js';
import type { FormatAdapter } from '../types.js';
import { writeEbuttd } from './write.js';

/**
 * EBU-TT-D is TTML, so the TTML adapter detects and reads it; this adapter
 * exists to write it, and is left out of detection.
 */
export const ebuttd: FormatAdapter = {
  id: 'ebu-tt-d',
  name: 'EBU-TT-D',
  extensions: ['xml'],
  suffix: 'ebu-tt-d.xml',
  detect: () => false,
  parse: (text, opts) => ttml.parse(text, opts),
  serialize: writeEbuttd,
};
