import type { FormatAdapter } from '../types.js';
import { webvttIdentity } from './identity.js';
import { read } from './read.js';
import { write } from './write.js';

export const webvtt: FormatAdapter = { ...webvttIdentity, parse: read, serialize: write };
