import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSourceTrack } from '../../src/pipeline/read-source.js';
import { tempDir } from '../helpers/cli.js';

describe('the source track of localize, review import and deliver', () => {
  it('counts an SRT source’s HH:MM:SS:FF frames at the run’s frame rate (the config’s fps, deliver’s --source-fps), and asks for it when there is none', async () => {
    const input = join(tempDir(), 'film.en.srt');
    writeFileSync(input, '1\n00:00:01:12 --> 00:00:02:00\nframes\n');
    const read = await readSourceTrack({ input, source: 'en', title: 'Film', frameRate: { numerator: 25, denominator: 1 } });
    expect(read.track.cues.map((c) => [c.start, c.end])).toEqual([[1480, 2000]]);
    expect(read.diagnostics.map((d) => d.code)).toEqual(['srt/frames']);
    await expect(readSourceTrack({ input, source: 'en', title: 'Film' })).rejects.toThrow(/are frames, which need the frame rate/);
  });
});
