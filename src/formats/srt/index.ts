import type { FormatAdapter } from '../types.js';
import { srtIdentity } from './identity.js';
import { read } from './read.js';
import { write } from './write.js';

export const srt: FormatAdapter = { ...srtIdentity, parse: read, serialize: write };
