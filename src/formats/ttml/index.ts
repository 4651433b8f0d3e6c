import type { FormatAdapter } from '../types.js';
import { detectTtml } from './detect.js';
import { readTtml } from './read.js';
import { writeTtml } from './write.js';

export const ttml: FormatAdapter = {
  id: 'ttml',
  name: 'TTML',
  extensions: ['ttml', 'dfxp', 'xml'],
  suffix: 'imsc.ttml',
  detect: detectTtml,
  parse: readTtml,
  serialize: writeTtml,
};
