import { fork, type ChildProcess } from 'node:child_process';

/** What the server counted: translate requests and the characters it billed. */
export interface ServerState {
  translateRequests: number;
  billedCharacters: number;
  maxInFlight: number;
  /** When each translate request arrived (`Date.now()`, ms). */
  translateTimes: number[];
  /**
   * Every request in arrival order: its path, when it arrived and when it was answered (`Date.now()`, ms; 0 if never);
   * for a translate request its target language, how many texts it held and whether it carried custom instructions
   * (a second pass that condenses).
   */
  timeline: { path: string; at: number; answered: number; texts: number; target?: string; instructed: boolean }[];
}

/** The DeepL-compatible test server in its own process (see scripts/deepl-server-process.ts). */
export interface LoopbackDeepL {
  url: string;
  state(): Promise<ServerState>;
  stop(): void;
}

function ask<T>(child: ChildProcess, message?: string): Promise<T> {
  return new Promise((resolve) => {
    child.once('message', (answer) => resolve(answer as T));
    if (message !== undefined) child.send(message);
  });
}

/** A fresh server answering each request after `latencyMs`, with a character limit no bench reaches. */
export async function loopbackDeepL(authKey: string, latencyMs: number): Promise<LoopbackDeepL> {
  const child = fork(new URL('../deepl-server-process.ts', import.meta.url).pathname, [JSON.stringify({ authKey, latencyMs, characterLimit: 100_000_000 })], {
    execArgv: ['--import', 'tsx'],
  });
  const { url } = await ask<{ url: string }>(child);
  return { url, state: () => ask<ServerState>(child, 'state'), stop: () => child.send('stop') };
}
