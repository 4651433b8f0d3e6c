import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { recoverDelivery, writeDeliverySet, type DeliverySet } from '../../src/deliver/write-set.js';
import { tempDir } from '../helpers/cli.js';
import { fileTree } from '../helpers/file-tree.js';

type Tree = Record<string, string>;

const bytes = (text: string) => new TextEncoder().encode(text);

/** Every file of the folder, with its text. */
const snapshot = (dir: string): Tree => fileTree(dir, 'utf8');

function plant(dir: string, tree: Tree): void {
  for (const [path, text] of Object.entries(tree)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
}

/** The files of one language folder of a tree, relative to it. */
function language(tree: Tree, lang: string, root = ''): Tree {
  const prefix = `${root}${lang}/`;
  return Object.fromEntries(Object.entries(tree).filter(([p]) => p.startsWith(prefix)).map(([p, t]) => [p.slice(prefix.length), t]));
}

const OLD: Tree = { 'en-US/a.srt': 'en old', 'en-US/sub/b.vtt': 'en old b', 'fr-FR/a.srt': 'fr old', 'de-DE/a.srt': 'de old', 'manifest.json': 'old' };
const SPEC = {
  languages: [
    { language: 'en-US', files: [{ path: 'a.srt', text: 'en new' }] },
    { language: 'fr-FR', files: [{ path: 'a.srt', text: 'fr new' }, { path: 'c.xml', text: 'fr new c' }] },
    { language: 'it-IT', files: [{ path: 'a.srt', text: 'it new' }] },
  ],
  manifest: 'new',
};
const NEW: Tree = { 'en-US/a.srt': 'en new', 'fr-FR/a.srt': 'fr new', 'fr-FR/c.xml': 'fr new c', 'de-DE/a.srt': 'de old', 'it-IT/a.srt': 'it new', 'manifest.json': 'new' };
const LANGUAGES = ['en-US', 'fr-FR', 'de-DE', 'it-IT'];
const set = (): DeliverySet => ({ languages: SPEC.languages.map((l) => ({ language: l.language, files: l.files.map((f) => ({ path: f.path, data: bytes(f.text) })) })), manifest: bytes(SPEC.manifest) });

const script = resolve(import.meta.dirname, 'fixtures/crash-write-set.ts');
const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
function crash(mode: 'write' | 'recover', folder: string, killAt: number, spec: string) {
  return spawnSync(process.execPath, ['--import', tsx, script, mode, folder, String(killAt), spec], { encoding: 'utf8', timeout: 20_000 });
}

/**
 * Right after a kill: each language folder is its old or its new set, or it
 * is between the two renames of its swap, old set aside and new staged in full.
 */
function checkKilled(folder: string, where: string): void {
  const tree = snapshot(folder);
  const committed = tree['.deliver.next/manifest.json'] === 'new';
  for (const lang of LANGUAGES) {
    const live = language(tree, lang);
    const old = language(OLD, lang);
    const neu = language(NEW, lang);
    const betweenRenames = committed && !existsSync(join(folder, lang)) && JSON.stringify(language(tree, lang, '.deliver.next/')) === JSON.stringify(neu) && JSON.stringify(language(tree, lang, '.deliver.old/')) === JSON.stringify(old);
    expect([old, neu].some((t) => JSON.stringify(t) === JSON.stringify(live)) || betweenRenames, `${where}: ${lang} ${JSON.stringify(tree)}`).toBe(true);
  }
}

/** After recovery: the whole old delivery or the whole new one, and nothing else. */
function checkRecovered(folder: string, where: string): void {
  const tree = snapshot(folder);
  expect([OLD, NEW].some((t) => JSON.stringify(Object.entries(t).sort()) === JSON.stringify(Object.entries(tree).sort())), `${where}: ${JSON.stringify(tree)}`).toBe(true);
}

/** A child process a step: on two loaded cores each takes a second or more, so these tests get room (bounded). */
const KILL_TIMEOUT = 240_000;

describe('writeDeliverySet', () => {
  it('replaces the folders of the languages it writes, leaves the others, and writes the manifest', async () => {
    const folder = join(tempDir(), 'film');
    plant(folder, OLD);
    await writeDeliverySet(folder, set());
    expect(snapshot(folder)).toEqual(NEW);
  });

  it('creates the delivery folder when there is none', async () => {
    const folder = join(tempDir(), 'film');
    await writeDeliverySet(folder, { languages: [{ language: 'fr-FR', files: [{ path: 'a.srt', data: bytes('one') }] }], manifest: bytes('{}') });
    expect(snapshot(folder)).toEqual({ 'fr-FR/a.srt': 'one', 'manifest.json': '{}' });
  });

  it('leaves the previous delivery byte for byte when a write fails, and no staging folder', async () => {
    const folder = join(tempDir(), 'film');
    plant(folder, OLD);
    // The second file needs `x` to be a folder, but the first wrote it as a file: ENOTDIR after one file is written.
    const failing = writeDeliverySet(folder, { languages: [{ language: 'en-US', files: [{ path: 'x', data: bytes('file') }, { path: 'x/y.srt', data: bytes('never') }] }], manifest: bytes('new') });
    await expect(failing).rejects.toMatchObject({ code: 'WRITE_FAILED', message: expect.stringContaining('the previous delivery is unchanged') });
    expect(snapshot(folder)).toEqual(OLD);
  });

  // A test can mount a small disk only as root.
  it.runIf(process.getuid?.() === 0)('on a full disk says the disk is full (it gave the system\'s ENOSPC), and leaves nothing', async (context) => {
    const disk = tempDir();
    if (spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', disk]).status !== 0) return context.skip();
    try {
      const folder = join(disk, 'film');
      const failing = writeDeliverySet(folder, { languages: [{ language: 'en-US', files: [{ path: 'a.srt', data: new Uint8Array(256 * 1024) }] }], manifest: bytes('new') });
      await expect(failing).rejects.toMatchObject({ code: 'WRITE_FAILED', message: `could not write ${join(folder, 'en-US', 'a.srt')}: the disk is full; the previous delivery is unchanged` });
      expect(snapshot(folder)).toEqual({});
    } finally {
      spawnSync('umount', [disk]);
    }
  });

  it('refuses a path outside the language folder', async () => {
    const folder = join(tempDir(), 'film');
    plant(folder, OLD);
    await expect(writeDeliverySet(folder, { languages: [{ language: 'en-US', files: [{ path: '../fr-FR/a.srt', data: bytes('x') }] }], manifest: bytes('new') })).rejects.toMatchObject({ code: 'WRITE_FAILED' });
    expect(snapshot(folder)).toEqual(OLD);
  });

  it('killed after any step, leaves each language old or new, and recovery makes the whole delivery old or new', async () => {
    const work = tempDir();
    const spec = join(work, 'spec.json');
    writeFileSync(spec, JSON.stringify(SPEC));
    const counted = crash('write', join(work, 'count'), -1, spec);
    expect(counted.status, counted.stderr).toBe(0);
    const steps = Number(counted.stdout);
    expect(steps).toBeGreaterThan(10);
    let between: string | undefined;
    for (let k = 0; k < steps; k++) {
      const folder = join(work, `k${k}`);
      plant(folder, OLD);
      const r = crash('write', folder, k, spec);
      expect(r.signal, `step ${k}: ${r.stderr}`).toBe('SIGKILL');
      checkKilled(folder, `killed after step ${k}`);
      if (between === undefined && !existsSync(join(folder, 'en-US'))) between = folder;
      await recoverDelivery(folder);
      checkRecovered(folder, `recovered after step ${k}`);
    }
    expect(between, 'no kill landed between the two renames of a swap').toBeDefined();
  }, KILL_TIMEOUT);

  it('killed again while recovering, still recovers to the old or the new delivery', async () => {
    const work = tempDir();
    const spec = join(work, 'spec.json');
    writeFileSync(spec, JSON.stringify(SPEC));
    // Step 4 of the swap: after en-US was set aside and put in, fr-FR set aside (2 clean-up steps, 4 writes and `staged` come first).
    const killAt = 2 + 4 + 1 + 2;
    const probe = join(work, 'probe');
    plant(probe, OLD);
    crash('write', probe, killAt, spec);
    expect(existsSync(join(probe, 'fr-FR')), JSON.stringify(snapshot(probe))).toBe(false);
    const counted = crash('recover', probe, -1, spec);
    const steps = Number(counted.stdout);
    expect(steps).toBeGreaterThan(2);
    for (let k = 0; k < steps; k++) {
      const folder = join(work, `r${k}`);
      plant(folder, OLD);
      crash('write', folder, killAt, spec);
      const r = crash('recover', folder, k, spec);
      expect(r.signal, `recovery step ${k}: ${r.stderr}`).toBe('SIGKILL');
      checkKilled(folder, `recovery killed after step ${k}`);
      await recoverDelivery(folder);
      checkRecovered(folder, `recovered after recovery step ${k}`);
    }
  }, KILL_TIMEOUT);
});
