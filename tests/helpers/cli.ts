import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import { runCli } from '../../src/cli/run.js';

export { tempDir } from './temp-dir.js';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in-process with captured output. */
export async function cli(argv: string[], cwd: string, env: Record<string, string | undefined> = {}): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { cwd, stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), interactive: false, env });
  return { code, stdout, stderr };
}

const MAIN = resolve(import.meta.dirname, '../../src/cli/main.ts');
// Resolved here, not from `cwd`: the test runs the CLI in a folder without node_modules.
const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

/** Node arguments that run a TypeScript file of this repository. */
export function tsxArgs(script: string, ...args: string[]): string[] {
  return ['--import', TSX, script, ...args];
}

// English whatever the machine's locale: the tests assert English messages.
const childEnv = (env: NodeJS.ProcessEnv): NodeJS.ProcessEnv => ({ ...process.env, LC_ALL: 'C', LC_MESSAGES: '', LANG: 'C', ...env });

/** Runs the real `subloc` executable from source, as a user's shell would. */
export function cliProcess(argv: string[], cwd: string, env: NodeJS.ProcessEnv = {}): CliResult {
  const result = spawnSync(process.execPath, tsxArgs(MAIN, ...argv), { cwd, encoding: 'utf8', timeout: 20_000, env: childEnv(env) });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

export interface RunningProcess {
  child: ChildProcess;
  /** Output so far, growing while it runs. */
  readonly stdout: string;
  readonly stderr: string;
  /** Settles when it exits; `code` is -1 when a signal ended it. */
  done: Promise<CliResult>;
}

/**
 * Starts `node <args>` without waiting: for tests that run processes side by
 * side, or against a server in the test's own process (which `spawnSync` would block).
 */
export function startProcess(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): RunningProcess {
  const child = spawn(process.execPath, args, { cwd, env: childEnv(env), stdio: ['pipe', 'pipe', 'pipe'] });
  const running = { child, stdout: '', stderr: '' } as RunningProcess & { stdout: string; stderr: string };
  child.stdout!.setEncoding('utf8').on('data', (t: string) => (running.stdout += t));
  child.stderr!.setEncoding('utf8').on('data', (t: string) => (running.stderr += t));
  running.done = new Promise((settle, reject) => {
    child.on('error', reject);
    child.on('close', (code) => settle({ code: code ?? -1, stdout: running.stdout, stderr: running.stderr }));
  });
  return running;
}

/** `startProcess` for the `subloc` executable from source. */
export function startCli(argv: string[], cwd: string, env: NodeJS.ProcessEnv = {}): RunningProcess {
  return startProcess(tsxArgs(MAIN, ...argv), cwd, env);
}

