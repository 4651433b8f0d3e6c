import type { FormatAdapter } from '../types.js';
import { srtIdentity } from './identity.js';
import { parseSrt } from './read.js';
import { serializeSrt } from './write.js';

export const srt: FormatAdapter = { ...srtIdentity, parse: parseSrt, serialize: serializeSrt };
