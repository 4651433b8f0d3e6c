import { ttml } from '../ttml/index.js';
import type { FormatAdapter } from '../types.js';
import { ebuttdIdentity } from './identity.js';
import { write } from './write.js';

export const ebuttd: FormatAdapter = { ...ebuttdIdentity, parse: (text, opts) => ttml.parse(text, opts), serialize: write };
