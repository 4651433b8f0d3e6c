import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

/** Set to a Chromium or Chrome executable to test with that one. */
export const CHROMIUM_VARIABLE = 'SUBLOC_CHROMIUM';

/** Debian's, Ubuntu's and Google's names, searched on PATH in this order. */
const NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];

/** The page under test may make no request of its own: the browser makes none either (no first run, sync or updates). */
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export interface FoundChromium {
  executablePath: string;
  args: string[];
  /** Where it was found: the variable, a PATH entry, or the npm package. */
  from: string;
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * A Chromium to drive with playwright-core: the one `SUBLOC_CHROMIUM` names, else the first on PATH,
 * else the one `@sparticuz/chromium` ships inside its npm package (Linux x64), so that `npm ci` alone
 * is enough. Nothing is ever downloaded.
 */
export async function findChromium(env: NodeJS.ProcessEnv = process.env): Promise<FoundChromium> {
  const named = env[CHROMIUM_VARIABLE];
  if (named !== undefined && named !== '') {
    if (!isExecutable(named)) throw new Error(`${CHROMIUM_VARIABLE} is ${named}, which is not an executable file; expected the path of a Chromium or Chrome binary`);
    return { executablePath: named, args: ARGS, from: CHROMIUM_VARIABLE };
  }
  const dirs = (env['PATH'] ?? '').split(delimiter).filter((dir) => dir !== '');
  for (const name of NAMES) {
    for (const dir of dirs) {
      const path = join(dir, name);
      if (isExecutable(path)) return { executablePath: path, args: ARGS, from: 'PATH' };
    }
  }
  try {
    const { default: bundled } = await import('@sparticuz/chromium');
    // Its own flags first (single process, no zygote: what its build needs to start), then ours.
    return { executablePath: await bundled.executablePath(), args: [...bundled.args, ...ARGS], from: '@sparticuz/chromium' };
  } catch (error) {
    throw new Error(
      `no Chromium found: ${CHROMIUM_VARIABLE} is not set, none of ${NAMES.join(', ')} is on PATH, and the one in @sparticuz/chromium (Linux x64 only) did not unpack: ${error instanceof Error ? error.message : String(error)}. Set ${CHROMIUM_VARIABLE} to a Chromium or Chrome executable`,
      { cause: error },
    );
  }
}
