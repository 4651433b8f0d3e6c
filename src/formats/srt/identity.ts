import type { FormatInfo } from '../types.js';
import { detectSrt } from './detect.js';

export const srtIdentity: FormatInfo = {
  id: 'srt',
  name: 'SubRip',
  extensions: ['srt'],
  suffix: 'srt',
  detect: detectSrt,
};
