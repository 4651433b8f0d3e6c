import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SublocError } from '../../src/errors.js';
import { tempStem, writeFileAtomic } from '../../src/pipeline/write-atomic.js';
import { tempDir } from '../helpers/cli.js';

/** How writeFileAtomic names its temporary file; a killed run leaves it behind. */
const tempOf = (name: string, pid: number) => `.${name}.${pid}.${Date.now().toString(36)}.tmp`;

/** A node process that writes half a temporary file beside `target` as writeFileAtomic would, and waits. */
async function writerMidWrite(dir: string, name: string): Promise<ChildProcess> {
  const script = `const fs = require('node:fs'); const p = require('node:path');
    fs.writeFileSync(p.join(${JSON.stringify(dir)}, '.' + ${JSON.stringify(name)} + '.' + process.pid + '.' + Date.now().toString(36) + '.tmp'), 'half a fi');
    process.stdout.write('ready'); setInterval(() => {}, 1000);`;
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  await once(child.stdout!, 'data');
  return child;
}

describe('writeFileAtomic and what a killed run left behind', () => {
  const children: ChildProcess[] = [];
  afterEach(() => {
    for (const child of children.splice(0)) child.kill('SIGKILL');
  });

  it('removes the temporary file of a writer killed mid-write, and writes the file', async () => {
    const dir = tempDir();
    const child = await writerMidWrite(dir, 'film.fr-FR.srt');
    child.kill('SIGKILL');
    await once(child, 'exit');
    expect(readdirSync(dir)).toEqual([expect.stringMatching(new RegExp(`^\\.film\\.fr-FR\\.srt\\.${child.pid}\\.[0-9a-z]+\\.tmp$`))]);

    await writeFileAtomic(join(dir, 'film.fr-FR.srt'), 'whole');
    expect(readdirSync(dir)).toEqual(['film.fr-FR.srt']);
    expect(readFileSync(join(dir, 'film.fr-FR.srt'), 'utf8')).toBe('whole');
  });

  it('leaves the temporary file of a writer still running, and files of other names', async () => {
    const dir = tempDir();
    const child = await writerMidWrite(dir, 'film.fr-FR.srt');
    children.push(child);
    const [running] = readdirSync(dir);
    const other = tempOf('film.de-DE.srt', 999_999_999);
    writeFileSync(join(dir, other), 'another file’s');
    writeFileSync(join(dir, '.film.fr-FR.srt.notes.tmp'), 'not ours');

    await writeFileAtomic(join(dir, 'film.fr-FR.srt'), 'whole');
    expect(readdirSync(dir).sort()).toEqual([running!, other, '.film.fr-FR.srt.notes.tmp', 'film.fr-FR.srt'].sort());
  });

  it('removes a temporary file hours old even when its pid is in use again', async () => {
    const dir = tempDir();
    const child = await writerMidWrite(dir, 'film.fr-FR.srt');
    children.push(child);
    const [temp] = readdirSync(dir);
    const hoursAgo = new Date(Date.now() - 3 * 3600_000);
    utimesSync(join(dir, temp!), hoursAgo, hoursAgo);

    await writeFileAtomic(join(dir, 'film.fr-FR.srt'), 'whole');
    expect(readdirSync(dir)).toEqual(['film.fr-FR.srt']);
  });
});

describe('writeFileAtomic, writes side by side', () => {
  it('writes one path several times at once in one process, each whole, leaving nothing beside it', async () => {
    const dir = tempDir();
    const path = join(dir, 'new', 'folder', 'record.json');
    const results = await Promise.allSettled(['a', 'b', 'c', 'd'].map((text) => writeFileAtomic(path, text)));
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled', 'fulfilled']);
    expect(['a', 'b', 'c', 'd']).toContain(readFileSync(path, 'utf8'));
    expect(readdirSync(join(dir, 'new', 'folder'))).toEqual(['record.json']);
  });
});

describe('writeFileAtomic refusing a path', () => {
  it('says a folder stands at the path, without the temporary file in the message or left behind', async () => {
    const dir = tempDir();
    const folder = join(dir, 'film.srt');
    mkdirSync(folder);
    const error = (await writeFileAtomic(folder, 'x').catch((e: unknown) => e)) as SublocError;
    expect(error).toBeInstanceOf(SublocError);
    expect(error.message).toBe(`could not write ${folder}: a folder of that name is there; expected a file name (choose another output, or move the folder away)`);
    expect(readdirSync(dir)).toEqual(['film.srt']);
  });

  it('says a file stands where the path needs a folder', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'out'), 'a file');
    const error = (await writeFileAtomic(join(dir, 'out', 'film.srt'), 'x').catch((e: unknown) => e)) as SublocError;
    expect(error.message).toBe(`could not write ${join(dir, 'out', 'film.srt')}: ${join(dir, 'out')} is a file; expected a folder`);
  });
});

describe('writeFileAtomic over a file that is there', () => {
  it('keeps the permissions the file had (a track shared read-only with the group stays so)', async () => {
    const path = join(tempDir(), 'film.fr-FR.srt');
    writeFileSync(path, 'old');
    chmodSync(path, 0o640);
    await writeFileAtomic(path, 'new');
    expect(readFileSync(path, 'utf8')).toBe('new');
    expect(statSync(path).mode & 0o777).toBe(0o640);
  });

  // root may write any file, so only another user meets the refusal.
  it.skipIf(process.getuid?.() === 0)('refuses a file this user may not write (made read-only to keep it), and leaves it', async () => {
    const dir = tempDir();
    const path = join(dir, 'approved.srt');
    writeFileSync(path, 'approved');
    chmodSync(path, 0o444);
    const error = (await writeFileAtomic(path, 'new').catch((e: unknown) => e)) as SublocError;
    expect(error.message).toBe(`could not write ${path}: ${path} is read-only; expected a file this user may replace (make it writable, or choose another output)`);
    expect(readFileSync(path, 'utf8')).toBe('approved');
    expect(readdirSync(dir)).toEqual(['approved.srt']);
  });
});

describe('writeFileAtomic over what is not a plain file', () => {
  it('writes through a link to the file it names, and the link stays a link', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'real.srt'), 'old');
    symlinkSync(join(dir, 'real.srt'), join(dir, 'link.srt'));
    await writeFileAtomic(join(dir, 'link.srt'), 'new');
    expect(lstatSync(join(dir, 'link.srt')).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(dir, 'real.srt'), 'utf8')).toBe('new');
  });

  it('writes into a named pipe, which stays a pipe (-o a FIFO another program reads)', async () => {
    const dir = tempDir();
    const fifo = join(dir, 'out.srt');
    execFileSync('mkfifo', [fifo]);
    const reader = spawn('cat', [fifo]);
    let read = '';
    reader.stdout.on('data', (chunk: Buffer) => (read += chunk.toString()));
    await writeFileAtomic(fifo, 'through the pipe');
    await once(reader, 'close');
    expect(read).toBe('through the pipe');
    expect(statSync(fifo).isFIFO()).toBe(true);
  });

  it.skipIf(!existsSync('/dev/full'))('writes into a device and says what it answered; the device stays (as root, /dev/full was replaced by a file)', async () => {
    const error = (await writeFileAtomic('/dev/full', 'x').catch((e: unknown) => e)) as SublocError;
    expect(error.message).toBe('could not write /dev/full: the disk is full');
    expect(statSync('/dev/full').isCharacterDevice()).toBe(true);
  });
});

describe('writeFileAtomic and long names', () => {
  /** Bytes in a name as the drive counts them. */
  const bytes = (name: string) => Buffer.byteLength(name);

  it.each([
    ['Latin, 250 bytes', `${'b'.repeat(246)}.srt`],
    ['CJK, 253 bytes', `${'字'.repeat(83)}.srt`],
    ['an emoji cut at its edge', `${'😀'.repeat(62)}.srt`],
  ])('writes a name the drive takes (%s), and leaves nothing beside it', async (_, name) => {
    expect(bytes(name)).toBeLessThanOrEqual(255);
    const dir = tempDir();
    await writeFileAtomic(join(dir, name), 'whole');
    expect(readdirSync(dir)).toEqual([name]);
    expect(readFileSync(join(dir, name), 'utf8')).toBe('whole');
  });

  it('gives long names that begin alike their own temporary names, each fitting in 255 bytes with the pid, time and count', () => {
    const a = tempStem(`${'字'.repeat(80)}.en-US.srt`);
    const b = tempStem(`${'字'.repeat(80)}.en-US.xlf`);
    expect(a).not.toBe(b);
    for (const stem of [a, b]) expect(bytes(`.${stem}.${2 ** 32}.${(2 ** 45).toString(36)}zzzz.tmp`)).toBeLessThanOrEqual(255);
    expect(tempStem('film.fr-FR.srt')).toBe('film.fr-FR.srt');
  });

  it('removes the temporary file a killed write of a long name left', async () => {
    const dir = tempDir();
    const name = `${'b'.repeat(246)}.srt`;
    const DEAD = 2 ** 22 + 1;
    writeFileSync(join(dir, `.${tempStem(name)}.${DEAD}.${Date.now().toString(36)}.tmp`), 'half a fi');
    await writeFileAtomic(join(dir, name), 'whole');
    expect(readdirSync(dir)).toEqual([name]);
  });

  it('refuses a name longer than a drive takes in words naming it, not its temporary file, and leaves nothing', async () => {
    const dir = tempDir();
    const path = join(dir, `${'b'.repeat(256)}.srt`);
    const error = (await writeFileAtomic(path, 'x').catch((e: unknown) => e)) as SublocError;
    expect(error).toMatchObject({ code: 'WRITE_FAILED', message: `could not write ${path}: its name is 260 bytes; expected at most 255, the longest file name every drive takes: choose a shorter name` });
    expect(readdirSync(dir)).toEqual([]);
    const below = join(dir, 'd'.repeat(256), 'film.srt');
    expect(await writeFileAtomic(below, 'x').catch((e: unknown) => e)).toMatchObject({ message: `could not write ${below}: the name of a folder in its path is 256 bytes; expected at most 255, the longest file name every drive takes: choose a shorter name` });
  });
});
