import { spawnSync } from 'node:child_process';
import { closeSync, copyFileSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openMemory } from '../../src/memory/sqlite.js';
import { resolveLocalizeOptions } from '../../src/pipeline/options.js';
import { openReviewSession } from '../../src/pipeline/review-session.js';
import type { StudioCue, TrackResponse } from '../../src/studio/api.js';
import { startStudio } from '../../src/studio/server.js';
import { startCli, tempDir, type RunningProcess } from '../helpers/cli.js';
import { change, LANG, localizedSample, send, servedAddress, startSample, testPage, type Running } from './studio-fixture.js';

async function cue(running: Pick<Running, 'origin'>, id: string): Promise<StudioCue> {
  return ((await send(running.origin, { path: `/api/tracks/${LANG}` })).json() as TrackResponse).cues.find((c) => c.id === id)!;
}

async function studioTexts(memory: string): Promise<string[]> {
  const store = openMemory(memory, { existing: true });
  const texts = (await store.entries({ target: LANG })).filter((e) => e.provider === 'studio').flatMap((e) => e.target);
  await store.close();
  return texts;
}

const MOVED = 'the memory file this studio saves into was moved or removed while the studio ran (its console says where it was); nothing of this change was saved, and your edit is kept in this page: ask whoever runs the studio to move the memory back';

describe('a memory file moved away while the studio runs', () => {
  it('refuses the save with a 503 the page shows (it answered 200 and the save went nowhere), and saves it once the file is back', async () => {
    const errors: unknown[] = [];
    const running = await startSample({ onError: (e) => errors.push(e) });
    const memory = running.options.memory;
    const archived = join(running.dir, 'archive.sqlite');
    try {
      const before = await cue(running, '3');
      renameSync(memory, archived);
      const refused = await change(running, 'PUT', `/api/tracks/${LANG}/cues/3`, { text: 'Saved after the move.', revision: before.revision });
      expect(refused.status).toBe(503);
      expect(refused.json()).toEqual({ error: 'unavailable', message: MOVED });
      expect(errors).toMatchObject([{ code: 'MEMORY_MOVED', message: expect.stringContaining(`in the translation memory ${memory}: the file was moved or removed while subloc had it open (no file is there now); nothing of this batch was stored: move it back to ${memory} and try again`) }]);

      // Another file at the path is not the memory the studio has open either.
      copyFileSync(archived, memory);
      const replaced = await change(running, 'PUT', `/api/tracks/${LANG}/cues/3`, { text: 'Saved after the move.', revision: before.revision });
      expect(replaced.status).toBe(503);
      expect(errors[1]).toMatchObject({ code: 'MEMORY_MOVED', message: expect.stringContaining('(another file is there now)') });

      // The page sends the kept edit again: moved back, it is saved.
      renameSync(archived, memory);
      const saved = await change(running, 'PUT', `/api/tracks/${LANG}/cues/3`, { text: 'Saved after the move.', revision: before.revision });
      expect(saved.status).toBe(200);
    } finally {
      await running.studio.close();
    }
    expect(await studioTexts(memory)).toContain('Saved after the move.');
  }, 60_000);

  const processes: RunningProcess[] = [];
  afterEach(() => {
    for (const p of processes.splice(0)) if (p.child.exitCode === null) p.child.kill('SIGKILL');
  });

  it('on Ctrl+C does not say every save is in the memory, and says how to take in the saves left beside its old place', async () => {
    const { dir, options } = await localizedSample();
    const server = startCli(['review', 'serve', '--config', 'subloc.config.json', '--language', LANG, '--port', '0'], dir);
    processes.push(server);
    const running = { origin: (await servedAddress(server)).replace(/\/$/, '') } as Running;
    const first = await cue(running, '3');
    expect((await change(running, 'PUT', `/api/tracks/${LANG}/cues/3`, { text: 'Saved before the move.', revision: first.revision })).status).toBe(200);
    const archived = join(dir, 'archive.sqlite');
    renameSync(options.memory, archived);
    const second = await cue(running, '4');
    // The page's retries, every 3 s: refused each time, said once.
    for (let retry = 0; retry < 3; retry++) expect((await change(running, 'PUT', `/api/tracks/${LANG}/cues/4`, { text: 'Typed after the move.', revision: second.revision })).status).toBe(503);
    server.child.kill('SIGINT');
    const exit = await server.done;
    expect(exit.stderr.split('could not store 1 entry').length - 1).toBe(1);
    expect(exit.stderr).toContain(`subloc review: could not store 1 entry in the translation memory ${options.memory}: the file was moved or removed while subloc had it open`);
    expect(exit.stderr).not.toContain('every save is in the memory');
    expect(exit.stderr).toContain(`the translation memory ${options.memory} was moved or removed while subloc had it open (no file is there now), so what subloc stored in it is not in the file wherever it is now`);
    expect(exit.code).toBe(1);
    // As said: the moved file lacks the save, which the file takes in once back at its place and opened.
    expect(await studioTexts(archived)).not.toContain('Saved before the move.');
    renameSync(archived, options.memory);
    expect(await studioTexts(options.memory)).toContain('Saved before the move.');
  }, 60_000);
});

describe('a memory another program holds locked', () => {
  it('answers the other requests while a save waits, then refuses it with a 503 saying so (it froze every request 30 s, then said the studio failed)', async () => {
    const running = await startSample();
    const holder = new Database(running.options.memory);
    try {
      const before = await cue(running, '5');
      holder.exec('BEGIN IMMEDIATE');
      let settled = false;
      const saving = change(running, 'PUT', `/api/tracks/${LANG}/cues/5`, { text: 'Saved once the lock is gone.', revision: before.revision }).finally(() => {
        settled = true;
      });
      await new Promise((r) => setTimeout(r, 50));
      expect((await send(running.origin, { path: '/api/session' })).status).toBe(200);
      expect(settled).toBe(false);
      const refused = await saving;
      expect(refused.status).toBe(503);
      expect(refused.json()).toEqual({ error: 'unavailable', message: "another program holds the studio's memory locked (a database browser with an edit open, an import); nothing of this change was saved yet, and your edit is kept in this page" });
      holder.exec('COMMIT');
      expect((await change(running, 'PUT', `/api/tracks/${LANG}/cues/5`, { text: 'Saved once the lock is gone.', revision: before.revision })).status).toBe(200);
    } finally {
      if (holder.inTransaction) holder.exec('ROLLBACK');
      holder.close();
      await running.studio.close();
    }
  }, 90_000);
});

describe('a memory on a full disk', () => {
  // A test can mount a small disk only as root.
  it.runIf(process.getuid?.() === 0)('refuses the save with a 503 saying the disk is full (it said the studio failed; see its console), and saves it once there is room', async (context) => {
    const { dir } = await localizedSample();
    const disk = tempDir();
    if (spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=4m', 'tmpfs', disk]).status !== 0) return context.skip();
    const memory = join(disk, 'memory.sqlite');
    let studio: Awaited<ReturnType<typeof startStudio>> | undefined;
    try {
      copyFileSync(join(dir, '.subloc', 'memory.sqlite'), memory);
      const options = await resolveLocalizeOptions({ config: 'subloc.config.json', targets: [LANG], provider: 'offline', memory }, dir, {});
      studio = await startStudio({ session: await openReviewSession({ localize: options, reviewer: 'Camille' }), port: 0, pageDir: testPage(dir) });
      const running = { origin: studio.url.replace(/\/$/, '') } as Running;
      const before = await cue(running, '7');
      const filler = join(disk, 'filler');
      const fd = openSync(filler, 'w');
      try {
        for (const chunk = Buffer.alloc(4096); ; ) writeSync(fd, chunk);
      } catch (error) {
        expect((error as NodeJS.ErrnoException).code).toBe('ENOSPC');
      } finally {
        closeSync(fd);
      }
      const refused = await change(running, 'PUT', `/api/tracks/${LANG}/cues/7`, { text: 'Typed while the disk is full.', revision: before.revision });
      expect(refused.status).toBe(503);
      expect(refused.json()).toEqual({ error: 'unavailable', message: "the disk of the studio's memory is full; nothing of this change was saved, and your edit is kept in this page: free some space on that disk" });
      rmSync(filler);
      expect((await change(running, 'PUT', `/api/tracks/${LANG}/cues/7`, { text: 'Typed while the disk is full.', revision: before.revision })).status).toBe(200);
    } finally {
      await studio?.close();
      spawnSync('umount', [disk]);
    }
  }, 60_000);
});
