import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { Manifest } from '../../src/deliver/manifest.js';
import { deliver } from '../../src/pipeline/deliver.js';
import { resolveDeliverOptions } from '../../src/pipeline/deliver-options.js';
import { fileTree } from '../helpers/file-tree.js';
import { localizeSample } from '../helpers/localize-sample.js';

const root = resolve(import.meta.dirname, '../..');
const config = join(root, 'subloc.config.json');
/** This machine as the lock names it. */
const HOST = hostname().toLowerCase().replace(/[^a-z0-9-]/g, '-') || 'host';
/** A pid no process has: above the kernel's limit (pid_max is at most 2^22). */
const DEAD = 2 ** 22 + 1;
const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

/** The manifest lists every file of the folder but itself, each with its checksum; nothing else is left there. */
function checkFolder(folder: string): Manifest {
  const manifest = JSON.parse(readFileSync(join(folder, 'manifest.json'), 'utf8')) as Manifest;
  expect(Object.keys(fileTree(folder, 'base64')).sort()).toEqual([...manifest.files.map((f) => f.path), 'manifest.json'].sort());
  for (const f of manifest.files) expect(f.sha256, f.path).toBe(sha(join(folder, f.path)));
  return manifest;
}

describe('two deliveries into one folder at once', () => {
  let work: string;
  let memory: string;
  const options = (out: string, languages: string[]) => resolveDeliverOptions({ config, memory, out, languages, formats: ['srt', 'vtt', 'ttml'], allowQcErrors: true }, root, {});

  beforeAll(async () => {
    ({ work, memory } = await localizeSample('loc', '--target', 'en-US,fr-FR,it-IT,de-DE'));
  });

  it('take turns: both succeed, and the manifest lists both runs’ languages with the files on disk', async () => {
    const out = join(work, 'together');
    const [a, b] = await Promise.all([options(out, ['en-US', 'fr-FR']), options(out, ['it-IT', 'de-DE'])]);
    const reports = await Promise.all([deliver(a), deliver(b)]);
    expect(reports.map((r) => r.written)).toEqual([true, true]);
    const manifest = checkFolder(join(out, 'hotline-beijing'));
    expect(manifest.languages.map((l) => l.language).sort()).toEqual(['de-DE', 'en-US', 'fr-FR', 'it-IT']);
    expect(manifest.files).toHaveLength(12);
  });

  it('a run killed while it held the folder (its process gone) does not block the next one', async () => {
    const out = join(work, 'after-kill');
    const folder = join(out, 'hotline-beijing');
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, '.deliver.lock'), `${DEAD} ${HOST}\n`);
    // And what it left while taking the lock, before the link.
    writeFileSync(join(folder, `.deliver.lock.${HOST}.${DEAD}.abc.tmp`), `${DEAD} ${HOST}\n`);
    const report = await deliver(await options(out, ['en-US']));
    expect(report.written).toBe(true);
    checkFolder(folder);
    expect(readdirSync(folder).filter((name) => name.startsWith('.'))).toEqual([]);
  });

  it("waits for a lock another machine holds (its pid says nothing here) until it is gone, and takes over one older than an hour", async () => {
    const out = join(work, 'shared-drive');
    const folder = join(out, 'hotline-beijing');
    mkdirSync(folder, { recursive: true });
    const lock = join(folder, '.deliver.lock');
    writeFileSync(lock, `${DEAD} other-machine\n`);
    let done = false;
    const waits: string[] = [];
    const run = deliver(await options(out, ['en-US']), { onWait: (holder) => waits.push(holder) }).then((r) => ((done = true), r));
    // Once it says it waits (however long the machine takes to get there), it waits: the lock's removal lets it go on.
    await vi.waitFor(() => expect(waits).toHaveLength(1), { timeout: 60_000, interval: 50 });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(done).toBe(false);
    expect(existsSync(join(folder, 'manifest.json'))).toBe(false);
    // Said once, with who holds it.
    expect(waits).toEqual([`${lock}, pid ${DEAD} on other-machine`]);
    rmSync(lock);
    expect((await run).written).toBe(true);
    checkFolder(folder);

    writeFileSync(lock, `${DEAD} other-machine\n`);
    const twoHoursAgo = new Date(Date.now() - 2 * 60 * 60 * 1000);
    utimesSync(lock, twoHoursAgo, twoHoursAgo);
    expect((await deliver(await options(out, ['fr-FR']))).written).toBe(true);
    expect(checkFolder(folder).languages.map((l) => l.language).sort()).toEqual(['en-US', 'fr-FR']);
  });

  it('delivers a language named twice in different case once, in one folder: a festival drive (exFAT, NTFS, APFS) would see one folder anyway', async () => {
    const out = join(work, 'case');
    const options = await resolveDeliverOptions({ config, memory, out, languages: ['en-US', 'en-us', 'fr-FR', 'FR-fr'], formats: ['srt'], allowQcErrors: true }, root, {});
    expect(options.languages).toEqual(['en-US', 'fr-FR']);
    await deliver(options);
    expect(readdirSync(join(out, 'hotline-beijing')).sort()).toEqual(['en-US', 'fr-FR', 'manifest.json']);
  });

  it('says so when the delivery folder is a file, and leaves the file as it was', async () => {
    const out = join(work, 'a-file');
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, 'hotline-beijing'), 'not a folder');
    await expect(deliver(await options(out, ['en-US']))).rejects.toMatchObject({ code: 'WRITE_FAILED', message: expect.stringContaining(`${join(out, 'hotline-beijing')} is a file; expected the delivery's folder`) });
    expect(readFileSync(join(out, 'hotline-beijing'), 'utf8')).toBe('not a folder');
  });
});
