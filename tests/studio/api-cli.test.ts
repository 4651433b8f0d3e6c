import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openMemory } from '../../src/memory/sqlite.js';
import type { TrackResponse } from '../../src/studio/api.js';
import { cli, startCli, type RunningProcess } from '../helpers/cli.js';
import { LANG, localizedSample, send, servedAddress, type Answer } from './studio-fixture.js';

const running: RunningProcess[] = [];
afterEach(() => {
  for (const p of running.splice(0)) if (p.child.exitCode === null) p.child.kill('SIGKILL');
});

describe('subloc review serve', () => {
  it('prints its address first, serves the sample, and on Ctrl+C finishes the save under way, closes the memory and exits 0', async () => {
    const { dir, options } = await localizedSample();
    const server = startCli(['review', 'serve', '--config', 'subloc.config.json', '--language', LANG, '--port', '0', '--reviewer', 'Camille'], dir);
    running.push(server);
    const address = await servedAddress(server);
    expect(address).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const origin = address.replace(/\/$/, '');

    const cue = ((await send(origin, { path: `/api/tracks/${LANG}` })).json() as TrackResponse).cues[10]!;
    const saving: Promise<Answer> = send(origin, {
      method: 'PUT',
      path: `/api/tracks/${LANG}/cues/${cue.id}`,
      headers: { Origin: origin, 'Content-Type': 'application/json' },
      body: JSON.stringify({ text: 'Sauvé avant l’arrêt', state: 'approved', revision: cue.revision }),
    });
    // The request is on its way when the signal comes: the server lets it finish before it closes.
    await new Promise((r) => setTimeout(r, 20));
    server.child.kill('SIGINT');
    const [saved, exit] = await Promise.all([saving, server.done]);
    expect(exit.code).toBe(0);
    expect(exit.stderr).toContain('Studio stopped; every save is in the memory.');
    expect(exit.stderr).not.toMatch(/at .*\.ts:\d+/);
    expect(saved.status).toBe(200);

    const memory = openMemory(options.memory);
    const studio = (await memory.entries({ target: LANG })).filter((e) => e.provider === 'studio');
    await memory.close();
    expect(studio.flatMap((e) => e.target)).toContain('Sauvé avant l’arrêt');
    expect(studio[0]).toMatchObject({ reviewer: 'Camille', byReviewer: true });
  }, 60_000);

  it('without targets in the config, reviews the languages --language names, and says to name them with --language', async () => {
    const { dir } = await localizedSample();
    writeFileSync(join(dir, 'bare.config.json'), JSON.stringify({ input: 'subtitles/hotline-beijing.zh-Hans.srt' }));
    const none = await cli(['review', 'serve', '--config', 'bare.config.json', '--port', '0'], dir);
    expect(none.code).toBe(1);
    expect(none.stderr).toContain('no target languages; pass --language en-US,fr-FR or set `targets`');
    const server = startCli(['review', 'serve', '--config', 'bare.config.json', '--language', LANG, '--port', '0'], dir);
    running.push(server);
    const origin = (await servedAddress(server)).replace(/\/$/, '');
    expect((await send(origin, { path: `/api/tracks/${LANG}` })).status).toBe(200);
    // The config edited while it runs: read again, with the languages --language named.
    writeFileSync(join(dir, 'bare.config.json'), JSON.stringify({ input: 'subtitles/hotline-beijing.zh-Hans.srt', profile: 'festival' }));
    expect((await send(origin, { path: '/api/session' })).json().profile.id).toBe('festival');
    expect((await send(origin, { path: `/api/tracks/${LANG}` })).status).toBe(200);
  }, 60_000);

  it('refuses a memory that is not there (a mistyped --memory or SUBLOC_MEMORY), as deliver does, and makes none', async () => {
    const { dir } = await localizedSample();
    for (const [args, env] of [[['--memory', 'memroy.sqlite'], {}], [[], { SUBLOC_MEMORY: 'memroy.sqlite' }]] as const) {
      const r = await cli(['review', 'serve', '--config', 'subloc.config.json', '--language', LANG, '--port', '0', ...args], dir, env);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(`no translation memory at ${join(dir, 'memroy.sqlite')}; expected one made by \`subloc localize\` or \`subloc memory import\``);
      expect(r.stdout).toBe('');
      expect(existsSync(join(dir, 'memroy.sqlite'))).toBe(false);
    }
  }, 60_000);

  it('refuses a video it cannot serve, a language the config does not translate and a port that is not one, saying what it expected', async () => {
    const { dir } = await localizedSample();
    writeFileSync(join(dir, 'film.mov'), 'x');
    mkdirSync(join(dir, 'reels.mp4'));
    const cases: [string[], string][] = [
      [['--video', 'missing.mp4'], '--video missing.mp4: no such file; expected the film to review against (MP4 or WebM)'],
      [['--video', 'reels.mp4'], '--video reels.mp4 is a folder, a pipe or a device, not a file; expected the film to review against (MP4 or WebM)'],
      [['--video', 'film.mov'], '--video film.mov: a .mov file; expected an MP4 (.mp4, .m4v) or WebM (.webm) file, which browsers play'],
      [['--language', 'pt-BR'], '--language pt-BR is not a target of hotline-beijing; expected one of en-US, fr-FR, it-IT, es-ES, de-DE, ja-JP'],
      [['--port', 'eighty'], '--port `eighty` is not a port; expected a whole number from 0 to 65535 (0: a free one)'],
      [['--port', '70000'], '--port `70000` is not a port'],
    ];
    for (const [args, message] of cases) {
      const r = await cli(['review', 'serve', '--config', 'subloc.config.json', ...args], dir);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toContain(message);
      expect(r.stdout).toBe('');
    }
    const importWithPort = await cli(['review', 'import', 'x.xlf', '--port', '1'], dir);
    expect(importWithPort.stderr).toContain('--port is for review serve; review import does not take it');
  }, 60_000);
});
