import type { FormatInfo } from '../types.js';
import { detectWebVtt } from './detect.js';

export const webvttIdentity: FormatInfo = {
  id: 'vtt',
  name: 'WebVTT',
  extensions: ['vtt'],
  suffix: 'vtt',
  detect: detectWebVtt,
};
