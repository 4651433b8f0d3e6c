/** Where a command writes; the real process or a test's buffers. */
export interface CliIo {
  cwd: string;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** True when stderr is a terminal: progress bars only then. */
  interactive: boolean;
  /** The environment: `DEEPL_AUTH_KEY`, `DEEPL_SERVER_URL`, `SUBLOC_MEMORY`. */
  env: Readonly<Record<string, string | undefined>>;
}

export const EXIT = Object.freeze({ ok: 0, failed: 1, usage: 2 });
