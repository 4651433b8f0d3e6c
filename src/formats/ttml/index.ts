import type { FormatAdapter } from '../types.js';
import { ttmlIdentity } from './identity.js';
import { read } from './read.js';
import { write } from './write.js';

export const ttml: FormatAdapter = { ...ttmlIdentity, parse: read, serialize: write };
