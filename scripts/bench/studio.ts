/**
 * The review studio with a 1,500-cue film, in headless Chromium: how long
 * its page takes to be ready (the first screen of cues editable, the list
 * scrollable; the page marks `studio-ready`) and to hold every row
 * (`studio-rendered`), against a plain static page listing the same 1,500
 * texts from a bare node:http server; and a save's round trip through the
 * page's own save path (`putCue` in its api.js: fetch, the server's checks,
 * the memory written, the cue recomputed) against a bare HTTP round trip
 * from a page to node:http. Same browser, same machine, runs taken in turn.
 */
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { parse } from '../../src/formats/parse.js';
import { lineText } from '../../src/model/spans.js';
import type { Cue } from '../../src/model/track.js';
import { findChromium } from '../../tests/helpers/chromium.js';
import { start as startDeepL } from '../../tests/helpers/deepl-server.js';
import { scaledSample } from './scaled-sample.js';
import { median } from './in-turn.js';

const CUES = 1500;
const LANG = 'fr-FR';
const LOADS = 7;
const SAVES = 60;

const root = new URL('../..', import.meta.url).pathname;
const MAIN = join(root, 'src/cli/main.ts');
const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

function p95(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(s.length * 0.95) - 1)]!;
}

function run(args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((settle, reject) => {
    const child = spawn(process.execPath, ['--import', TSX, MAIN, ...args], { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (t: string) => (stderr += t));
    child.on('close', (code) => (code === 0 ? settle() : reject(new Error(`subloc ${args.join(' ')} failed: ${stderr}`))));
  });
}

/** `subloc review serve` on the project, and its address (the first line it prints). */
function serve(cwd: string): Promise<{ address: string; stop: () => Promise<void> }> {
  const child = spawn(process.execPath, ['--import', TSX, MAIN, 'review', 'serve', '--config', 'subloc.config.json', '--language', LANG, '--port', '0'], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (t: string) => (stderr += t));
  const closed = new Promise<void>((settle) => child.on('close', () => settle()));
  return new Promise((settle, reject) => {
    child.on('close', (code) => reject(new Error(`review serve exited with ${code}: ${stderr}`)));
    child.stdout.setEncoding('utf8').on('data', (t: string) => {
      stdout += t;
      if (!stdout.includes('\n')) return;
      const stop = async (): Promise<void> => {
        child.kill('SIGINT');
        await closed;
      };
      settle({ address: stdout.split('\n')[0]!.trim(), stop });
    });
  });
}

/** The peer: the same 1,500 texts as a static list, and a JSON answer to any PUT, from node:http with nothing in between. */
function bareServer(cues: Cue[]): Promise<{ address: string; server: Server }> {
  const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const rows = cues.map((c) => `<li><b>${c.id}</b> <p>${escape(c.lines.map(lineText).join('\n'))}</p><textarea>${escape(c.lines.map(lineText).join('\n'))}</textarea></li>`).join('\n');
  const page = `<!doctype html><html><head><meta charset="utf-8"><title>static</title></head><body><ol>${rows}</ol><script>performance.mark('static-ready')</script></body></html>`;
  const server = createServer((req, res) => {
    if (req.method === 'PUT') {
      let body = '';
      req.setEncoding('utf8').on('data', (t: string) => (body += t));
      req.on('end', () => {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ received: body.length }));
      });
      return;
    }
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(page);
  });
  return new Promise((settle) => server.listen(0, '127.0.0.1', () => {
    const { port } = server.address() as { port: number };
    settle({ address: `http://127.0.0.1:${port}/`, server });
  }));
}

/** Milliseconds from navigation start to a mark the page sets, once `selector` shows it was set. */
async function loadTo(page: Page, address: string, mark: string, selector: string): Promise<number> {
  await page.goto(address);
  // Not waitForFunction: its predicate is evaluated with eval, which the studio's CSP forbids.
  await page.waitForSelector(selector, { timeout: 120_000, state: 'attached' });
  return page.evaluate(`performance.getEntriesByName(${JSON.stringify(mark)})[0].startTime`) as Promise<number>;
}

// In the page, as source text: a TypeScript runner's helpers must not reach it.
const STUDIO_SAVES = `async (n) => {
  const { getTrack, putCue } = await import('/assets/api.js');
  const cue = (await getTrack(${JSON.stringify(LANG)}))[99];
  if (cue.text === '' || cue.machine === null) throw new Error('cue ' + cue.id + ' has no machine draft: the film was not drafted');
  let revision = cue.revision;
  const times = [];
  for (let i = 0; i < n; i++) {
    const began = performance.now();
    const saved = await putCue(${JSON.stringify(LANG)}, cue.id, { text: 'Prise ' + i + ' du sous-titre', revision });
    times.push(performance.now() - began);
    if (!saved.ok) throw new Error('save ' + i + ' refused: ' + JSON.stringify(saved));
    revision = saved.cue.revision;
  }
  return times;
}`;

const BARE_SAVES = `async (n) => {
  const times = [];
  for (let i = 0; i < n; i++) {
    const began = performance.now();
    const response = await fetch('/save', { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ text: 'Prise ' + i + ' du sous-titre', revision: 'r' + i }) });
    await response.json();
    times.push(performance.now() - began);
  }
  return times;
}`;

export async function benchStudio(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'subloc-bench-studio-'));
  let browser: Browser | undefined;
  let studio: Awaited<ReturnType<typeof serve>> | undefined;
  let bare: Server | undefined;
  try {
    cpSync(join(root, 'glossary.json'), join(dir, 'glossary.json'));
    const film = scaledSample(CUES);
    const { cues } = parse(film).track;
    writeFileSync(join(dir, 'film.zh-Hans.srt'), film);
    writeFileSync(join(dir, 'subloc.config.json'), JSON.stringify({ title: 'bench-film', input: 'film.zh-Hans.srt', source: 'zh-Hans', targets: [LANG], glossary: 'glossary.json', profile: 'default', formats: ['srt'], out: 'out' }));
    // Every cue a machine draft in the memory, as after a DeepL run (the loopback DeepL-compatible server here).
    const deepl = await startDeepL({ authKey: 'bench:fx', characterLimit: 100_000_000 });
    try {
      await run(['localize', '--config', 'subloc.config.json', '--no-condense'], dir, { DEEPL_AUTH_KEY: 'bench:fx', DEEPL_SERVER_URL: deepl.url });
    } finally {
      await deepl.stop();
    }
    studio = await serve(dir);
    const peer = await bareServer(cues);
    bare = peer.server;
    const { executablePath, args } = await findChromium();
    // As a user's browser runs: @sparticuz/chromium's flags turn web security off, and the studio then refuses the page's saves (no `Origin`).
    browser = await chromium.launch({ executablePath, args: args.filter((a) => a !== '--disable-web-security'), headless: true });
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });

    const ready: number[] = [];
    const rendered: number[] = [];
    const staticReady: number[] = [];
    for (let i = 0; i < LOADS; i++) {
      // In turn, so that neither always meets the other's warmed caches.
      staticReady.push(await loadTo(page, peer.address, 'static-ready', 'body'));
      ready.push(await loadTo(page, studio.address, 'studio-ready', 'body[data-ready="true"]'));
      rendered.push(await loadTo(page, studio.address, 'studio-rendered', 'body[data-rendered="all"]'));
    }
    await page.goto(studio.address);
    const saves = (await page.evaluate(`(${STUDIO_SAVES})(${SAVES})`)) as number[];
    await page.goto(peer.address);
    const trips = (await page.evaluate(`(${BARE_SAVES})(${SAVES})`)) as number[];

    const ms = (x: number) => `${x.toFixed(0)} ms`;
    return [
      `Review studio, ${CUES}-cue film (${LANG}), headless Chromium, median of ${LOADS} loads / ${SAVES} saves:`,
      `  page ready (first screen editable)  ${ms(median(ready)).padStart(8)}   plain static page of the ${CUES} texts ${ms(median(staticReady)).padStart(8)}: ${(median(ready) / median(staticReady)).toFixed(2)}×`,
      `  every row built                     ${ms(median(rendered)).padStart(8)}   ${(median(rendered) / median(staticReady)).toFixed(2)}× the static page`,
      `  save round trip median              ${median(saves).toFixed(1).padStart(5)} ms   bare node:http round trip ${median(trips).toFixed(1)} ms: ${(median(saves) / median(trips)).toFixed(2)}×`,
      `  save round trip p95                 ${p95(saves).toFixed(1).padStart(5)} ms   bare node:http round trip ${p95(trips).toFixed(1)} ms: ${(p95(saves) / p95(trips)).toFixed(2)}×`,
    ].join('\n');
  } finally {
    await browser?.close();
    await studio?.stop();
    bare?.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

// `node --import tsx scripts/bench/studio.ts`: this figure alone, without the whole `npm run bench`.
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) console.log(await benchStudio());
