import type { FormatAdapter } from '../types.js';
import { ttmlIdentity } from './identity.js';
import { readTtml } from './read.js';
import { writeTtml } from './write.js';

export const ttml: FormatAdapter = { ...ttmlIdentity, parse: readTtml, serialize: writeTtml };
