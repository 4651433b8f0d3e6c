import type { FormatInfo } from '../types.js';
import { detectInterop, detectSmpte } from './detect.js';

/** The rates a DCP plays (Berlinale lists 24, 25, 30, 48; 50 and 60 are the other HFR rates). */
export const DCP_RATES: readonly number[] = [24, 25, 30, 48, 50, 60];

export const dcpSmpteIdentity: FormatInfo = {
  id: 'dcp-smpte',
  name: 'DCP subtitle (SMPTE ST 428-7)',
  extensions: ['xml'],
  suffix: 'dcp-smpte.xml',
  detect: detectSmpte,
  reelRelative: true,
  frameRates: DCP_RATES,
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
  frameRates: DCP_RATES,
  // Interop packages take fonts up to 640 KB (DCP mastering guides).
  font: { largest: 640 * 1024 },
};
