import type { FormatAdapter } from '../types.js';
import { dcpInteropIdentity, dcpSmpteIdentity } from './identity.js';
import * as interopRead from './interop/read.js';
import * as interopWrite from './interop/write.js';
import * as smpteRead from './smpte/read.js';
import * as smpteWrite from './smpte/write.js';

export const dcpSmpte: FormatAdapter = { ...dcpSmpteIdentity, parse: smpteRead.read, serialize: smpteWrite.write };

export const dcpInterop: FormatAdapter = { ...dcpInteropIdentity, parse: interopRead.read, serialize: interopWrite.write };
