import { hasDeepLKey } from './deepl/key.js';
import { offline } from './offline/index.js';
import type { Provider } from './provider.js';
import { pseudo } from './pseudo/index.js';

const nothingToPrepare = (): Promise<readonly never[]> => Promise.resolve([]);

const table = {
  deepl: {
    condenses: true,
    unavailable: (env) =>
      hasDeepLKey(env) ? undefined : 'the deepl provider needs a key in the DEEPL_AUTH_KEY environment variable (never in a file); use --provider offline to draft from memory only',
    // deepl-node and its HTTP stack load only for a run that drafts with DeepL.
    prepare: async (run) => (await import('./deepl/provider.js')).prepareDeepL(run),
  },
  offline: { condenses: false, prepare: async (run) => ({ translator: offline({ memory: run.memory }), ready: nothingToPrepare }) },
  pseudo: { condenses: false, prepare: async () => ({ translator: pseudo, ready: nothingToPrepare }) },
} satisfies Record<string, Provider>;

export type ProviderId = keyof typeof table;

/** Every provider by id: the options, the pipeline and the CLI read this table. */
export const providers: Readonly<Record<ProviderId, Provider>> = Object.freeze(table);

export const PROVIDER_IDS = Object.keys(providers) as readonly ProviderId[];
