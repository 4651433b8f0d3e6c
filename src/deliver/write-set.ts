import { mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import { fileErrorReason, SublocError } from '../errors.js';
import type { Lang } from '../model/track.js';
import { MANIFEST_FILE as MANIFEST } from './manifest.js';

export interface SetFile {
  /** Path inside the language folder, `/`-separated. */
  path: string;
  data: Uint8Array;
}

export interface DeliverySet {
  /** Each replaces its language's folder as a whole; other languages are not touched. */
  languages: { language: Lang; files: SetFile[] }[];
  /** The new `manifest.json`, written last. */
  manifest: Uint8Array;
}

export interface WriteSetOptions {
  /** Called after every step that changes the disk: tests stop the process there. */
  onStep?: (step: string) => void;
}

/** The new languages' folders and, once they are all complete, the new manifest: its presence commits the delivery. */
const NEXT = '.deliver.next';
/** Languages' previous folders, moved aside until the new manifest is in place. */
const OLD = '.deliver.old';

const exists = (path: string) => stat(path).then(() => true, () => false);

async function folders(path: string): Promise<string[]> {
  const entries = await readdir(path, { withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isDirectory()).map((e) => e.name);
}

/**
 * Puts every staged language in place (previous folder aside, new one in),
 * then the manifest. Safe to repeat after a kill at any point: each step
 * checks what the previous attempt already did.
 */
async function commit(folder: string, step: (name: string) => void, done: Swap[] = []): Promise<void> {
  const next = join(folder, NEXT);
  const old = join(folder, OLD);
  await mkdir(old, { recursive: true });
  for (const language of await folders(next)) {
    const live = join(folder, language);
    const swap: Swap = { language, setAside: false, putIn: false };
    done.push(swap);
    if (await exists(live)) {
      await rm(join(old, language), { recursive: true, force: true });
      await rename(live, join(old, language));
      swap.setAside = true;
      step(`set aside ${language}`);
    }
    await rename(join(next, language), live);
    swap.putIn = true;
    step(`put in ${language}`);
  }
  await rename(join(next, MANIFEST), join(folder, MANIFEST));
  step('put in manifest');
}

/** What `commit` did to one language's folder, so a commit that failed half way can be undone. */
interface Swap {
  language: string;
  setAside: boolean;
  putIn: boolean;
}

/** Undoes a commit that failed before the manifest went in: each language's previous folder back in place, last first. */
async function rollBack(folder: string, done: readonly Swap[]): Promise<void> {
  for (const { language, setAside, putIn } of [...done].reverse()) {
    const live = join(folder, language);
    if (putIn) await rename(live, join(folder, NEXT, language));
    if (setAside) await rename(join(folder, OLD, language), live);
  }
}

async function cleanUp(folder: string, step: (name: string) => void): Promise<void> {
  await rm(join(folder, OLD), { recursive: true, force: true });
  step('remove previous folders');
  await rm(join(folder, NEXT), { recursive: true, force: true });
  step('remove staging');
}

/**
 * Finishes a delivery a kill interrupted after it was staged in full (the
 * staged manifest is there), else drops what it staged: afterwards every
 * language folder is either its previous or its new set, and the manifest
 * lists them.
 */
export async function recoverDelivery(folder: string, options: WriteSetOptions = {}): Promise<void> {
  const step = options.onStep ?? (() => {});
  try {
    if (await exists(join(folder, NEXT, MANIFEST))) await commit(folder, step);
    await cleanUp(folder, step);
  } catch (cause) {
    throw new SublocError('WRITE_FAILED', `could not finish the interrupted delivery in ${folder}: ${fileErrorReason(cause)}; expected to move the folders in ${join(folder, NEXT)} into place: fix the cause and run \`subloc deliver\` again`, { cause, file: folder });
  }
}

/**
 * Writes a delivery language by language: every new folder is written in
 * full beside the delivery first, then each replaces its language's folder
 * by rename, and the manifest comes last. A failure while writing, or while
 * swapping folders (undone), leaves the delivery as it was; a kill after the
 * staged manifest is written is finished by the next `recoverDelivery`.
 */
export async function writeDeliverySet(folder: string, set: DeliverySet, options: WriteSetOptions = {}): Promise<void> {
  const step = options.onStep ?? (() => {});
  await recoverDelivery(folder, options);
  const next = join(folder, NEXT);
  let doing = `create ${next}`;
  try {
    await mkdir(next, { recursive: true });
    for (const { language, files } of set.languages) {
      const base = join(next, language);
      for (const file of files) {
        const path = resolve(base, file.path);
        if (!path.startsWith(base + sep)) throw new Error(`${file.path} is outside the folder of ${language}`);
        doing = `write ${join(folder, language, file.path)}`;
        await mkdir(dirname(path), { recursive: true });
        await writeFile(path, file.data);
        step(`write ${language}/${file.path}`);
      }
    }
    doing = `write ${join(folder, MANIFEST)}`;
    const staged = join(next, `${MANIFEST}.tmp`);
    await writeFile(staged, set.manifest);
    await rename(staged, join(next, MANIFEST));
    step('staged');
  } catch (cause) {
    await rm(next, { recursive: true, force: true });
    throw new SublocError('WRITE_FAILED', `could not ${doing}: ${fileErrorReason(cause)}; the previous delivery is unchanged`, { cause, file: folder });
  }
  const done: Swap[] = [];
  try {
    await commit(folder, step, done);
  } catch (cause) {
    // A folder held open or locked half way: the languages already swapped go back, so a failed run changes nothing.
    const undone = await rollBack(folder, done).then(() => cleanUp(folder, () => {})).then(() => true, () => false);
    const after = undone ? 'the previous delivery is unchanged' : `the new delivery is complete in ${next}: fix the cause and run \`subloc deliver\` again to finish it`;
    throw new SublocError('WRITE_FAILED', `could not put the new files in place in ${folder}: ${fileErrorReason(cause)}; ${after}`, { cause, file: folder });
  }
  await cleanUp(folder, step);
}
