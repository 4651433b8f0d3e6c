import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { TrackResponse } from '../../src/studio/api.js';
import { cli, startCli, tempDir, type RunningProcess } from '../helpers/cli.js';
import { send, servedAddress } from '../studio/studio-fixture.js';

// Timed in frame labels at 25 fps: cue 2 ends on frame 12 of its second, 480 ms in (500 ms at 24).
const FRAMES_SRT = ['1', '00:00:01:00 --> 00:00:03:00', '北京，早上七点。', '', '2', '00:00:04:00 --> 00:00:06:12', '热线开通了。', ''].join('\n');

const running: RunningProcess[] = [];
afterEach(() => {
  for (const p of running.splice(0)) if (p.child.exitCode === null) p.child.kill('SIGKILL');
});

describe('review serve --fps', () => {
  it('reads a source timed in frame labels at the rate given, as localize --fps does, and refuses what is not a rate as localize does', async () => {
    const dir = tempDir('subloc-review-fps-');
    writeFileSync(join(dir, 'film.zh-Hans.srt'), FRAMES_SRT);
    expect((await cli(['localize', '--input', 'film.zh-Hans.srt', '--fps', '25', '--target', 'fr-FR', '--provider', 'offline'], dir, {})).code).toBe(0);

    const bad = await cli(['review', 'serve', '--input', 'film.zh-Hans.srt', '--language', 'fr-FR', '--fps', '25x', '--port', '0'], dir, {});
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('`25x` is not a frame rate');

    const server = startCli(['review', 'serve', '--input', 'film.zh-Hans.srt', '--language', 'fr-FR', '--fps', '25', '--port', '0'], dir);
    running.push(server);
    const origin = (await servedAddress(server)).replace(/\/$/, '');
    const track = (await send(origin, { path: '/api/tracks/fr-FR' })).json() as TrackResponse;
    expect(track.cues.map((c) => [c.start, c.end])).toEqual([[1000, 3000], [4000, 6480]]);
  }, 60_000);
});
