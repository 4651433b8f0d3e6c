/** Where a command writes; the real process or a test's buffers. */
export interface CliIo {
  cwd: string;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** True when stderr is a terminal: progress bars and colours only then. */
  interactive: boolean;
  /** The environment: `DEEPL_AUTH_KEY`, `DEEPL_SERVER_URL`, `SUBLOC_MEMORY`, `NO_COLOR`, the locale. */
  env: Readonly<Record<string, string | undefined>>;
  /** `--quiet`: no progress and no summary lines; errors and the requested output only. */
  quiet?: boolean;
}

/** 130: stopped by Ctrl-C (128 + SIGINT), as a shell reports it. */
export const EXIT = Object.freeze({ ok: 0, failed: 1, usage: 2, interrupted: 130 });
