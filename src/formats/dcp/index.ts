import type { FormatAdapter } from '../types.js';
import { dcpInteropIdentity, dcpSmpteIdentity } from './identity.js';
import { readInterop } from './interop/read.js';
import { readSmpte } from './smpte/read.js';
import { writeInterop } from './interop/write.js';
import { writeSmpte } from './smpte/write.js';

export const dcpSmpte: FormatAdapter = { ...dcpSmpteIdentity, parse: readSmpte, serialize: writeSmpte };

export const dcpInterop: FormatAdapter = { ...dcpInteropIdentity, parse: readInterop, serialize: writeInterop };
