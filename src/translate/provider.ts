import type { Glossary, Matcher } from '../glossary/index.js';
import type { MemoryStore } from '../memory/store.js';
import type { Diagnostic } from '../model/diagnostic.js';
import type { Lang } from '../model/track.js';
import type { DeepLGate } from './deepl/gate.js';
import type { Translator } from './translator.js';

/** What a run hands the provider it drafts with. */
export interface ProviderRun {
  memory: MemoryStore;
  glossary?: { glossary: Glossary; matcher: Matcher };
  title: string;
  source: Lang;
  targets: readonly Lang[];
  /** Requests in flight at most. */
  concurrency: number;
  /** Read only where a client that needs a key is made (`DEEPL_AUTH_KEY`, `DEEPL_SERVER_URL`). @default process.env */
  env?: Readonly<Record<string, string | undefined>>;
  /** The request rate and character budget shared with other processes (the catalog workers'); absent for a run alone. */
  gate?: DeepLGate;
  /**
   * Aborted when the run stops (the user's Ctrl-C, its memory lock lost,
   * drafts the memory could not store): no request leaves after it, and the
   * answers on their way are stored before the run ends, since DeepL has
   * billed them.
   */
  stop?: AbortSignal;
  /**
   * Told what each answer cost as it arrives, whether or not its drafts can
   * be used and kept: what a run that stops says it billed.
   */
  onBilled?: (characters: number) => void;
  /**
   * Told, for each attempt whose fate is unknown (it timed out or its
   * connection broke after DeepL may have translated it, or its answer was
   * cut short), the most it can have cost: what a run that stops says DeepL
   * may have billed beyond what it counts.
   */
  onMayHaveBilled?: (characters: number) => void;
  /**
   * The memory holds nothing for at least one target: the provider will be
   * asked, so its preparation (DeepL's glossary sync) starts at once, beside
   * the memory search, rather than with the first request. @default false
   */
  surelyAsked?: boolean;
  /**
   * The last run of this title into the same folder drafted with this
   * provider (its `run.json` says so): what the provider made for it (DeepL:
   * the glossary) is most likely still there. @default false
   */
  draftedBefore?: boolean;
}

/** A provider made ready for one run. */
export interface PreparedProvider {
  translator: Translator;
  /**
   * The provider's own preparation (DeepL: the glossary sync), begun when the
   * translator is first asked (at once when `surelyAsked`), and what it
   * reported; nothing when it never began (the memory held every draft:
   * nothing is sent, so nothing needs preparing, and a provider out of reach
   * fails nothing). The run waits for it before writing a language, so a
   * failed preparation fails the run.
   */
  ready(): Promise<readonly Diagnostic[]>;
}

export interface Provider {
  /** Aims its drafts at the cues' character budgets (DeepL, where the target takes custom instructions). */
  condenses: boolean;
  /** Why it cannot draft with this environment (DeepL: no key), said to the user; undefined when it can. */
  unavailable?(env: Readonly<Record<string, string | undefined>>): string | undefined;
  /** Loads what the provider needs; its preparation starts with the first request (see `ready`). */
  prepare(run: ProviderRun): Promise<PreparedProvider>;
}
