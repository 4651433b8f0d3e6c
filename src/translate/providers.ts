import { prepareDeepL } from './deepl/provider.js';
import { offline } from './offline/index.js';
import type { Provider } from './provider.js';
import { pseudo } from './pseudo/index.js';

const nothingToPrepare: Promise<readonly never[]> = Promise.resolve([]);

/** Every provider by id: the options, the pipeline and the CLI read this table. */
export const providers = Object.freeze({
  deepl: { condenses: true, prepare: prepareDeepL },
  offline: { condenses: false, prepare: (run) => ({ translator: offline({ memory: run.memory }), ready: nothingToPrepare }) },
  pseudo: { condenses: false, prepare: () => ({ translator: pseudo, ready: nothingToPrepare }) },
} satisfies Record<string, Provider>);

export type ProviderId = keyof typeof providers;

export const PROVIDER_IDS = Object.keys(providers) as readonly ProviderId[];
