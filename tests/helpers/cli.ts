import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runCli } from '../../src/cli/run.js';

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

/** Runs the real `subloc` executable from source, as a user's shell would. */
export function cliProcess(argv: string[], cwd: string, env: NodeJS.ProcessEnv = {}): CliResult {
  const main = resolve(import.meta.dirname, '../../src/cli/main.ts');
  // Resolved here, not from `cwd`: the test runs the CLI in a folder without node_modules.
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
  const result = spawnSync(process.execPath, ['--import', tsx, main, ...argv], {
    cwd,
    encoding: 'utf8',
    timeout: 20_000,
    // English whatever the machine's locale: the tests assert English messages.
    env: { ...process.env, LC_ALL: 'C', LC_MESSAGES: '', LANG: 'C', ...env },
  });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

export function tempDir(prefix = 'subloc-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}
