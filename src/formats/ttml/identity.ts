import type { FormatInfo } from '../types.js';
import { detectTtml } from './detect.js';

export const ttmlIdentity: FormatInfo = {
  id: 'ttml',
  name: 'TTML',
  extensions: ['ttml', 'dfxp', 'xml'],
  suffix: 'imsc.ttml',
  detect: detectTtml,
};
