import { pseudo } from './pseudo/index.js';
import type { Translator } from './translator.js';

/** Every translation provider by id; options and the CLI read this table. */
export const translators = Object.freeze({ pseudo }) satisfies Readonly<Record<string, Translator>>;

export type ProviderId = keyof typeof translators;
