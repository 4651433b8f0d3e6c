import { spawn } from 'node:child_process';
import { cpSync, existsSync, lstatSync, readFileSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { deliver } from '../../src/pipeline/deliver.js';
import type { Manifest } from '../../src/deliver/manifest.js';
import { resolveDeliverOptions } from '../../src/pipeline/deliver-options.js';
import { recoverDelivery } from '../../src/deliver/write-set.js';
import { withDeliveryLock } from '../../src/pipeline/deliver-lock.js';
import { formatById } from '../../src/formats/index.js';
import { cli } from '../helpers/cli.js';
import { localizeSample } from '../helpers/localize-sample.js';
import { fileTree } from '../helpers/file-tree.js';

const root = resolve(import.meta.dirname, '../..');
const config = join(root, 'subloc.config.json');
const FESTIVAL = ['srt', 'vtt', 'ttml', 'ebu-tt-d', 'dcp-smpte', 'dcp-interop'].filter((id) => formatById(id) !== undefined);

/** Every file of the folder, as base64. */
const snapshot = (dir: string) => fileTree(dir, 'base64');

const only = (tree: Record<string, string>, lang: string) => Object.fromEntries(Object.entries(tree).filter(([p]) => p.startsWith(`${lang}/`)));
const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

/** The manifest lists every file of the folder but itself, each with its size and checksum. */
function checkManifest(folder: string): Manifest {
  const manifest = JSON.parse(readFileSync(join(folder, 'manifest.json'), 'utf8')) as Manifest;
  expect(Object.keys(snapshot(folder)).sort()).toEqual([...manifest.files.map((f) => f.path), 'manifest.json'].sort());
  for (const f of manifest.files) {
    expect(f.sha256, f.path).toBe(sha(join(folder, f.path)));
    expect(f.bytes, f.path).toBe(readFileSync(join(folder, f.path)).byteLength);
  }
  return manifest;
}

describe('a delivery keeps what it does not deliver', () => {
  let work: string;
  let memory: string;
  let out: string;
  let folder: string;
  /** en-US and fr-FR delivered in every festival format at 24 fps. */
  let first: Record<string, string>;
  const run = (args: string[]) => cli(['deliver', '--config', config, '--memory', memory, '--out', out, ...args], root, {});

  beforeAll(async () => {
    ({ work, memory } = await localizeSample('loc', '--target', 'en-US,fr-FR'));
  });

  /** A fresh folder holding the first delivery. */
  async function firstDelivery(name: string): Promise<void> {
    out = join(work, name);
    folder = join(out, 'hotline-beijing');
    const r = await run(['--language', 'en-US,fr-FR', '--fps', '24', '--allow-qc-errors']);
    expect(r.code, r.stderr).toBe(0);
    first = snapshot(folder);
    expect(Object.keys(first).filter((p) => p.startsWith('fr-FR/'))).toHaveLength(FESTIVAL.length);
  }

  it('a run the QC gate refuses changes nothing, manifest included, and says the earlier delivery stays', async () => {
    await firstDelivery('qc');
    const strict = join(work, 'strict.json');
    writeFileSync(strict, JSON.stringify({ extends: 'festival', name: 'strict', maxCharsPerLine: { value: { default: 4 }, source: 'test' } }));
    const r = await run(['--language', 'en-US,fr-FR', '--profile', strict]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('en-US: not delivered');
    expect(r.stderr).toContain('fr-FR: not delivered');
    expect(r.stdout).toMatch(/en-US +refused .*the earlier delivery \(.*, festival profile\) stays in the folder/);
    expect(r.stdout).toMatch(/fr-FR +refused .*the earlier delivery/);
    expect(snapshot(folder)).toEqual(first);
  });

  it('a run that delivers nothing still finishes what a killed run staged in full, before it says why', async () => {
    await firstDelivery('recover-refused');
    // A run killed after it staged en-US and the manifest, before it swapped them in.
    const staged = join(folder, '.deliver.next');
    cpSync(join(folder, 'en-US'), join(staged, 'en-US'), { recursive: true });
    const srt = 'en-US/hotline-beijing.en-US.srt';
    writeFileSync(join(staged, srt), readFileSync(join(folder, srt), 'utf8').replace('Beijing', 'Peking'));
    const manifest = JSON.parse(readFileSync(join(folder, 'manifest.json'), 'utf8')) as Manifest;
    Object.assign(manifest.files.find((f) => f.path === srt)!, { sha256: sha(join(staged, srt)), bytes: readFileSync(join(staged, srt)).byteLength });
    writeFileSync(join(staged, 'manifest.json'), JSON.stringify(manifest));
    const r = await run(['--language', 'pt-BR']);
    expect(r.code).toBe(1);
    expect(existsSync(staged)).toBe(false);
    expect(readFileSync(join(folder, srt), 'utf8')).toContain('Peking');
    checkManifest(folder);
  });

  it('a run whose writers fail at the rate (--fps 23) changes nothing', async () => {
    await firstDelivery('fps23');
    const r = await run(['--language', 'en-US,fr-FR', '--fps', '23', '--allow-qc-errors']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/en-US: not delivered: .*cannot be written/);
    expect(snapshot(folder)).toEqual(first);
  });

  it('a run failing while it writes its files changes nothing', async () => {
    await firstDelivery('fails');
    const options = await resolveDeliverOptions({ config, memory, out, languages: ['en-US', 'fr-FR'], fps: '25', allowQcErrors: true }, root, {});
    let steps = 0;
    const failing = deliver(options, {
      onStep: (step) => {
        // Fails after a few files of the new set are written, before any is put in place.
        if (step.startsWith('write ') && ++steps === 3) throw new Error('disk full (test)');
      },
    });
    await expect(failing).rejects.toMatchObject({ code: 'WRITE_FAILED', message: expect.stringContaining('the previous delivery is unchanged') });
    expect(snapshot(folder)).toEqual(first);
  });

  it.each(['put in fr-FR', 'set aside fr-FR'])('a run failing while it swaps folders in (at %s) puts back what it swapped, and changes nothing', async (at) => {
    await firstDelivery(`swap-${at.replace(/ /g, '-')}`);
    const options = await resolveDeliverOptions({ config, memory, out, languages: ['en-US', 'fr-FR'], fps: '25', allowQcErrors: true }, root, {});
    const failing = deliver(options, {
      onStep: (step) => {
        // A folder another program holds open: en-US is already swapped in when fr-FR fails.
        if (step === at) throw new Error('EPERM: operation not permitted (test)');
      },
    });
    await expect(failing).rejects.toMatchObject({ code: 'WRITE_FAILED', message: expect.stringContaining('the previous delivery is unchanged') });
    expect(snapshot(folder)).toEqual(first);
    checkManifest(folder);
  });

  it('a language delivered again keeps the files no subloc writer made (the Interop font beside its XML), listed in the manifest', async () => {
    await firstDelivery('font');
    const font = new Uint8Array([0, 1, 0, 0, 0, 9, 0x80, 0xff]);
    writeFileSync(join(folder, 'fr-FR/font.ttf'), font);
    const r = await run(['--language', 'fr-FR', '--fps', '25', '--formats', 'srt,dcp-interop', '--allow-qc-errors']);
    expect(r.code, r.stderr).toBe(0);
    expect(new Uint8Array(readFileSync(join(folder, 'fr-FR/font.ttf')))).toEqual(font);
    // subloc's own files of formats not delivered this time go with the folder they were part of.
    expect(Object.keys(only(snapshot(folder), 'fr-FR')).sort()).toEqual(['fr-FR/font.ttf', 'fr-FR/hotline-beijing.fr-FR.dcp-interop.xml', 'fr-FR/hotline-beijing.fr-FR.srt']);
    expect(checkManifest(folder).files.find((f) => f.path === 'fr-FR/font.ttf')).toMatchObject({ language: 'fr-FR', format: 'unknown', bytes: font.byteLength, unverified: 'added' });
    expect(r.stderr).toContain('fr-FR/font.ttf was put in the delivery folder by hand');
  });

  it('a symbolic link in a language folder: followed to a file, said and left alone in another language, the language refused in its own', async () => {
    await firstDelivery('links');
    writeFileSync(join(out, 'notes.txt'), 'checked by hand');
    symlinkSync('../../notes.txt', join(folder, 'en-US/notes.txt'));
    symlinkSync('../fr-FR', join(folder, 'en-US/extras'));
    symlinkSync('/media/not-mounted/NotoSansCJKjp-Regular.otf', join(folder, 'en-US/font.ttf'));
    const r = await run(['--language', 'fr-FR', '--fps', '24', '--allow-qc-errors']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).not.toContain('internal error');
    expect(r.stderr).toContain('warning: en-US/extras is a symbolic link to the folder ../fr-FR; a delivery is copied and checked as files, so it is left where it is and out of the manifest');
    expect(r.stderr).toContain('warning: en-US/font.ttf is a symbolic link to /media/not-mounted/NotoSansCJKjp-Regular.otf, which does not exist');
    const manifest = JSON.parse(readFileSync(join(folder, 'manifest.json'), 'utf8')) as Manifest;
    expect(manifest.files.find((f) => f.path === 'en-US/notes.txt')).toMatchObject({ bytes: 15, unverified: 'added' });
    expect(manifest.files.map((f) => f.path)).not.toContain('en-US/font.ttf');
    expect(manifest.files.some((f) => f.path.startsWith('en-US/extras'))).toBe(false);
    expect(readlinkSync(join(folder, 'en-US/extras'))).toBe('../fr-FR');

    // The folder a run replaces: the link would be lost with it, so the language waits for the engineer.
    const before = readFileSync(join(folder, 'manifest.json'));
    const own = await run(['--language', 'en-US', '--fps', '24', '--allow-qc-errors']);
    expect(own.code).toBe(1);
    expect(own.stderr).not.toContain('internal error');
    expect(own.stderr).toContain('en-US: not delivered: en-US/extras is a symbolic link to the folder ../fr-FR; en-US/font.ttf is a symbolic link to /media/not-mounted/NotoSansCJKjp-Regular.otf, which does not exist');
    expect(readFileSync(join(folder, 'manifest.json'))).toEqual(before);
    expect(lstatSync(join(folder, 'en-US/font.ttf')).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(folder, 'en-US/hotline-beijing.en-US.srt'), 'base64')).toBe(first['en-US/hotline-beijing.en-US.srt']);
  });

  it('a language folder that is itself a symbolic link (a shared upload folder) is refused, not replaced by a folder of its own', async () => {
    await firstDelivery('folder-link');
    const shared = join(out, 'upload-en');
    cpSync(join(folder, 'en-US'), shared, { recursive: true });
    rmSync(join(folder, 'en-US'), { recursive: true });
    symlinkSync('../upload-en', join(folder, 'en-US'));
    const r = await run(['--language', 'en-US', '--fps', '24', '--allow-qc-errors']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('en-US: not delivered: en-US is a symbolic link to the folder ../upload-en; delivering en-US replaces its folder');
    expect(lstatSync(join(folder, 'en-US')).isSymbolicLink()).toBe(true);
  });

  it('--language fr-FR alone replaces fr-FR only; the manifest lists en-US as it is on disk', async () => {
    await firstDelivery('fr-only');
    const before = JSON.parse(readFileSync(join(folder, 'manifest.json'), 'utf8')) as Manifest;
    const r = await run(['--language', 'fr-FR', '--fps', '25', '--formats', 'srt', '--allow-qc-errors']);
    expect(r.code, r.stderr).toBe(0);
    const now = snapshot(folder);
    expect(only(now, 'en-US')).toEqual(only(first, 'en-US'));
    expect(Object.keys(only(now, 'fr-FR'))).toEqual(['fr-FR/hotline-beijing.fr-FR.srt']);
    const manifest = checkManifest(folder);
    expect(manifest.files.filter((f) => f.language === 'en-US')).toEqual(before.files.filter((f) => f.language === 'en-US'));
    expect(manifest.files.find((f) => f.language === 'fr-FR')).toMatchObject({ format: 'srt', frameRate: '25' });
    expect(manifest.languages.map((l) => [l.language, l.delivered])).toEqual([['en-US', true], ['fr-FR', true]]);
    expect(manifest.languages[0]).toEqual(before.languages[0]);

    // A file changed by hand, a file added and one removed: the next manifest describes the disk, not the previous manifest.
    const srt = join(folder, 'en-US/hotline-beijing.en-US.srt');
    writeFileSync(srt, readFileSync(srt, 'utf8').replace('Beijing', 'Peking'));
    writeFileSync(join(folder, 'en-US/notes.txt'), 'checked by hand');
    rmSync(join(folder, 'en-US/hotline-beijing.en-US.vtt'));
    const again = await run(['--language', 'fr-FR,pt-BR', '--fps', '25', '--formats', 'srt', '--allow-qc-errors']);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('pt-BR: not delivered: the memory');
    const next = checkManifest(folder);
    expect(next.files.find((f) => f.path === 'en-US/hotline-beijing.en-US.srt')).toMatchObject({ format: 'srt', sha256: sha(srt), cues: before.files.find((f) => f.path === 'en-US/hotline-beijing.en-US.srt')!.cues, unverified: 'changed' });
    expect(next.files.find((f) => f.path === 'en-US/notes.txt')).toMatchObject({ format: 'unknown', bytes: 15, unverified: 'added' });
    // Said on every run while it stays so; the files subloc delivered as they are carry no mark.
    expect(again.stderr).toContain('en-US/hotline-beijing.en-US.srt changed since it was delivered');
    expect(again.stderr).toContain('en-US/notes.txt was put in the delivery folder by hand');
    expect(next.files.filter((f) => f.unverified !== undefined).map((f) => f.path).sort()).toEqual(['en-US/hotline-beijing.en-US.srt', 'en-US/notes.txt']);
    expect(next.languages.map((l) => [l.language, l.delivered])).toEqual([['en-US', true], ['fr-FR', true], ['pt-BR', false]]);
  });

  it('a language a later run refuses keeps its earlier delivery, said so beside the refusal; each language keeps the run that delivered it', async () => {
    await firstDelivery('refused-later');
    const before = checkManifest(folder);
    const strict = join(work, 'strict-en.json');
    writeFileSync(strict, JSON.stringify({ extends: 'festival', name: 'strict-en', maxCharsPerLine: { value: { en: 4 }, source: 'test' } }));
    const r = await run(['--language', 'en-US,fr-FR', '--fps', '24', '--profile', strict, '--fix-timing', '--start', '01:00:00:00']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('en-US: not delivered');
    expect(r.stdout).toMatch(new RegExp(`en-US +refused .*QC [1-9]\\d* errors.*; the earlier delivery \\(${before.created.replace(/[.]/g, '\\.')}, festival profile\\) stays in the folder`));
    const manifest = checkManifest(folder);
    expect(manifest).toMatchObject({ profile: 'strict-en', start: '01:00:00:00', qcErrorsAllowed: false, timingFixed: true });
    const [en, fr] = manifest.languages;
    // The files on disk are the earlier run's, and so are the figures and settings that describe them.
    expect(en).toMatchObject({ language: 'en-US', delivered: true, qc: before.languages[0]!.qc, delivery: { created: before.created, profile: 'festival', start: '00:00:00:00', qcErrorsAllowed: true, timingFixed: false } });
    expect(en!.newerRefused).toMatchObject({ created: manifest.created, qcProfile: 'strict-en', refusal: expect.stringContaining('en-US: not delivered') });
    expect(en!.newerRefused!.qc.errors).toBeGreaterThan(0);
    expect(fr).toMatchObject({ language: 'fr-FR', delivered: true, delivery: { created: manifest.created, profile: 'strict-en', start: '01:00:00:00', qcErrorsAllowed: false, timingFixed: true } });
    expect(only(snapshot(folder), 'en-US')).toEqual(only(first, 'en-US'));
  });

  it('killed at random moments while it writes, leaves each language old or new, and the next run finishes or drops the rest', async () => {
    await firstDelivery('killed');
    const pristine = join(work, 'killed-pristine');
    cpSync(folder, pristine, { recursive: true });
    // What the interrupted run would have written: the same run, to the end, in another folder.
    const args = ['deliver', '--config', config, '--memory', memory, '--language', 'en-US,fr-FR', '--fps', '25', '--formats', 'srt,vtt', '--allow-qc-errors'];
    const done = await cli([...args, '--out', join(work, 'killed-reference')], root, {});
    expect(done.code, done.stderr).toBe(0);
    const reference = snapshot(join(work, 'killed-reference', 'hotline-beijing'));
    const main = resolve(root, 'src/cli/main.ts');
    const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
    const outcomes = new Set<string>();
    for (let attempt = 0; attempt < 5; attempt++) {
      rmSync(folder, { recursive: true, force: true });
      cpSync(pristine, folder, { recursive: true });
      const child = spawn(process.execPath, ['--import', tsx, main, ...args, '--out', out], { cwd: root, stdio: 'ignore' });
      const exited = new Promise<void>((ok) => child.once('exit', () => ok()));
      // The kill lands a random 0-15 ms after the new files start to be written.
      const delay = Math.random() * 15;
      await new Promise<void>((ok) => {
        const poll = setInterval(() => {
          if (existsSync(join(folder, '.deliver.next')) || child.exitCode !== null) {
            clearInterval(poll);
            setTimeout(() => {
              child.kill('SIGKILL');
              ok();
            }, delay);
          }
        }, 1);
      });
      await exited;
      // As the next run does: the killed run's lock taken over, then its staging finished or dropped.
      await withDeliveryLock(folder, () => recoverDelivery(folder));
      const after = snapshot(folder);
      for (const lang of ['en-US', 'fr-FR']) {
        const state = JSON.stringify(only(after, lang)) === JSON.stringify(only(first, lang)) ? 'old' : JSON.stringify(only(after, lang)) === JSON.stringify(only(reference, lang)) ? 'new' : 'neither';
        expect(state, `attempt ${attempt}: ${lang}`).not.toBe('neither');
        outcomes.add(state);
      }
      checkManifest(folder);
    }
    // Only so the log says what the kills hit; which they hit is chance.
    console.info(`kills left: ${[...outcomes].join(', ')}`);
  }, 120_000);
});
