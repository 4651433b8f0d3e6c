import type { FormatAdapter } from '../types.js';
import { detectSrt } from './detect.js';
import { parseSrt } from './read.js';
import { serializeSrt } from './write.js';

export const srt: FormatAdapter = {
  id: 'srt',
  name: 'SubRip',
  extensions: ['srt'],
  suffix: 'srt',
  detect: detectSrt,
  parse: parseSrt,
  serialize: serializeSrt,
};
