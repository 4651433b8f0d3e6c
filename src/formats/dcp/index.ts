import type { FormatAdapter } from '../types.js';
import { detectInterop, detectSmpte } from './detect.js';
import { readInterop } from './interop/read.js';
import { readSmpte } from './smpte/read.js';
import { writeInterop } from './interop/write.js';
import { writeSmpte } from './smpte/write.js';

export const dcpSmpte: FormatAdapter = {
  id: 'dcp-smpte',
  name: 'DCP subtitle (SMPTE ST 428-7)',
  extensions: ['xml'],
  suffix: 'dcp-smpte.xml',
  detect: detectSmpte,
  parse: readSmpte,
  serialize: writeSmpte,
};

export const dcpInterop: FormatAdapter = {
  id: 'dcp-interop',
  name: 'DCP subtitle (Interop CineCanvas)',
  extensions: ['xml'],
  suffix: 'dcp-interop.xml',
  detect: detectInterop,
  parse: readInterop,
  serialize: writeInterop,
};
