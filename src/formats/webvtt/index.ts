import type { FormatAdapter } from '../types.js';
import { webvttIdentity } from './identity.js';
import { readWebVtt } from './read.js';
import { writeWebVtt } from './write.js';

export const webvtt: FormatAdapter = { ...webvttIdentity, parse: readWebVtt, serialize: writeWebVtt };
