import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll } from 'vitest';
import { localize } from '../../src/pipeline/localize.js';
import { resolveLocalizeOptions, type LocalizeOptions } from '../../src/pipeline/options.js';
import { openReviewSession } from '../../src/pipeline/review-session.js';
import { startStudio, type Studio, type StudioOptions } from '../../src/studio/server.js';
import { tempDir, type RunningProcess } from '../helpers/cli.js';

const root = resolve(import.meta.dirname, '../..');
export const LANG = 'fr-FR';

/** The first line `review serve` prints (its address), once it has printed it; an exit before is an error with its stderr. */
export async function servedAddress(server: RunningProcess): Promise<string> {
  while (!server.stdout.includes('\n')) {
    if (server.child.exitCode !== null) throw new Error(`review serve exited: ${server.stderr}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return server.stdout.split('\n')[0]!;
}

/** The sample as a user has it, localized once (offline: the TMX's translations), in a folder of its own. */
export async function localizedSample(prefix = 'subloc-studio-'): Promise<{ dir: string; options: LocalizeOptions }> {
  const dir = tempDir(prefix);
  for (const path of ['subloc.config.json', 'glossary.json', 'subtitles']) cpSync(join(root, path), join(dir, path), { recursive: true });
  const options = await resolveLocalizeOptions({ config: 'subloc.config.json', targets: [LANG], provider: 'offline' }, dir, {});
  await localize(options);
  return { dir, options };
}

/** A page folder of the test's own: the studio serves it as it serves src/studio/page. */
export function testPage(dir: string): URL {
  const page = join(dir, 'page');
  mkdirSync(page, { recursive: true });
  writeFileSync(join(page, 'index.html'), '<!doctype html><title>studio</title><script type="module" src="/assets/main.js"></script>');
  writeFileSync(join(page, 'main.js'), 'console.log("studio");');
  writeFileSync(join(page, 'notes.txt'), 'not an asset');
  writeFileSync(join(dir, 'secret.txt'), 'outside the page');
  return pathToFileURL(`${page}/`);
}

export interface Running {
  dir: string;
  options: LocalizeOptions;
  studio: Studio;
  /** `http://127.0.0.1:<port>`, the page's origin. */
  origin: string;
}

export async function startSample(extra: Partial<StudioOptions> & { reviewer?: string } = {}): Promise<Running> {
  const { dir, options } = await localizedSample();
  const { reviewer = 'Camille', ...studioOptions } = extra;
  const session = await openReviewSession({ localize: options, reviewer });
  const studio = await startStudio({ session, port: 0, pageDir: testPage(dir), ...studioOptions });
  return { dir, options, studio, origin: studio.url.replace(/\/$/, '') };
}

/** The sample's studio for the tests of the enclosing block: started before the first, closed after the last. */
export function sampleStudio(extra: Parameters<typeof startSample>[0] = {}): Running {
  const running = {} as Running;
  beforeAll(async () => {
    Object.assign(running, await startSample(extra));
  }, 60_000);
  afterAll(async () => {
    await running.studio?.close();
  });
  return running;
}

export interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  json: () => any;
}

/**
 * One HTTP request as a browser or an attacker would send it: any `Host`,
 * any `Origin`, any path as written (fetch would normalise `..` away and
 * refuses to set `Host`).
 */
export function send(url: string, options: { method?: string; path: string; headers?: Record<string, string>; body?: string | Buffer }): Promise<Answer> {
  const { hostname, port } = new URL(url);
  return new Promise((resolvePromise, reject) => {
    const req = request({ host: hostname, port, method: options.method ?? 'GET', path: options.path, headers: options.headers ?? {} }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        resolvePromise({ status: res.statusCode ?? 0, headers: res.headers, body, json: () => JSON.parse(body) });
      });
    });
    req.on('error', reject);
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

/** A change as the page sends it: its own origin, JSON. */
export function change(running: Running, method: 'PUT' | 'POST', path: string, body: unknown): Promise<Answer> {
  return send(running.origin, { method, path, headers: { Origin: running.origin, 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
}
