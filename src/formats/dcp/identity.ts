import type { FormatInfo } from '../types.js';
import { detectInterop, detectSmpte } from './detect.js';

export const dcpSmpteIdentity: FormatInfo = {
  id: 'dcp-smpte',
  name: 'DCP subtitle (SMPTE ST 428-7)',
  extensions: ['xml'],
  suffix: 'dcp-smpte.xml',
  detect: detectSmpte,
  reelRelative: true,
  font: {},
};

export const dcpInteropIdentity: FormatInfo = {
  id: 'dcp-interop',
  name: 'DCP subtitle (Interop CineCanvas)',
  extensions: ['xml'],
  suffix: 'dcp-interop.xml',
  detect: detectInterop,
  reelRelative: true,
  timeStepMs: 4,
  // Interop packages take fonts up to 640 KB (DCP mastering guides).
  font: { largest: 640 * 1024 },
};
