import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, tempDir } from '../helpers/cli.js';

// Cues 2 and 3 are one sentence (cue 2 ends on a comma).
const SRT = ['1', '00:00:01,000 --> 00:00:03,000', '北京，早上七点。', '', '2', '00:00:04,000 --> 00:00:06,000', '这座城市有两千多万人口，', '', '3', '00:00:06,500 --> 00:00:08,000', '每天都有人打热线。', ''].join('\n');
/** The same cues timed in frame labels (`HH:MM:SS:FF`) at 25 fps, as a broadcast tool exports them: unreadable without the rate. */
const FRAMES_SRT = ['1', '00:00:01:00 --> 00:00:03:00', '北京，早上七点。', '', '2', '00:00:04:00 --> 00:00:06:00', '这座城市有两千多万人口，', '', '3', '00:00:06:12 --> 00:00:08:00', '每天都有人打热线。', ''].join('\n');

/** A translation typed into cue `id`'s empty trans-unit and confirmed, as a CAT tool saves it. */
function confirm(xliff: string, id: string, text: string): string {
  const unit = new RegExp(`(<trans-unit id="${id}"[^>]*>[\\s\\S]*?</source>)`);
  expect(unit.test(xliff)).toBe(true);
  return xliff.replace(unit, `$1\n          <target state="translated">${text}</target>`);
}

/** The command's words as a POSIX shell reads them. */
function shellWords(command: string): string[] {
  const r = spawnSync('sh', ['-c', `printf '%s\\0' ${command}`], { encoding: 'utf8' });
  expect(r.status).toBe(0);
  return r.stdout.split('\0').slice(0, -1);
}

describe('the review import command a refusal of localize names', () => {
  it('runs as written from another folder in a run of one file, and the refusal names the cue to confirm, so the loop ends', async () => {
    const dir = join(tempDir('subloc-named-import-'), "Tom's film");
    mkdirSync(dir);
    writeFileSync(join(dir, 'film.zh-Hans.srt'), SRT);
    const localize = () => cli(['localize', '--input', 'film.zh-Hans.srt', '--target', 'en-US', '--provider', 'offline'], dir, {});
    expect((await localize()).code).toBe(0);
    const xlf = join(dir, 'out/film/en-US/film.en-US.xlf');
    // The translator translates and confirms cue 2, not yet cue 3 of its sentence.
    writeFileSync(xlf, confirm(readFileSync(xlf, 'utf8'), '2', 'A city of over 20 million people,'));

    const refused = await localize();
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('the translation of cue 2 would be lost: confirmed, but not cue 3 of its sentence');
    expect(refused.stderr).toContain('Translate and confirm cue 3 in the CAT tool and save the file, then localize again');
    const command = /run `(subloc review import [^`]*)`/.exec(refused.stderr)?.[1];
    expect(command).toBeDefined();
    const [subloc, ...args] = shellWords(command!);
    expect(subloc).toBe('subloc');
    expect(args.slice(0, 3)).toEqual(['review', 'import', xlf]);

    const imported = await cli(args, tempDir('subloc-named-import-elsewhere-'), {});
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stderr).toMatch(/info: unit 2: 1 of 2 cues are reviewed or approved, not cue 3 \(line \d+, empty\)/);

    writeFileSync(xlf, confirm(readFileSync(xlf, 'utf8'), '3', 'and every day some of them call the hotline.'));
    const taken = await localize();
    expect(taken.code, taken.stderr).toBe(0);
    expect(taken.stderr).toContain('1 unit imported');
  });

  it('gives the rate of a frame-timecode source read with --fps, so the command runs as written and the loop ends', async () => {
    const dir = tempDir('subloc-named-import-frames-');
    writeFileSync(join(dir, 'film.zh-Hans.srt'), FRAMES_SRT);
    const localize = () => cli(['localize', '--input', 'film.zh-Hans.srt', '--fps', '25', '--target', 'en-US', '--provider', 'offline'], dir, {});
    expect((await localize()).code).toBe(0);
    const xlf = join(dir, 'out/film/en-US/film.en-US.xlf');
    writeFileSync(xlf, confirm(readFileSync(xlf, 'utf8'), '2', 'A city of over 20 million people,'));

    const refused = await localize();
    expect(refused.code).toBe(1);
    const command = /run `(subloc review import [^`]*)`/.exec(refused.stderr)?.[1];
    const [, ...args] = shellWords(command!);
    expect(args).toEqual(expect.arrayContaining(['--fps', '25']));
    const imported = await cli(args, tempDir('subloc-named-import-elsewhere-'), {});
    expect(imported.code, imported.stderr).toBe(0);

    writeFileSync(xlf, confirm(readFileSync(xlf, 'utf8'), '3', 'and every day some of them call the hotline.'));
    const taken = await localize();
    expect(taken.code, taken.stderr).toBe(0);
    expect(taken.stderr).toContain('1 unit imported');
  });

  it('gives deliver’s --source-fps as the rate the source is read at', async () => {
    const dir = tempDir('subloc-named-import-deliver-');
    writeFileSync(join(dir, 'film.zh-Hans.srt'), FRAMES_SRT);
    expect((await cli(['localize', '--input', 'film.zh-Hans.srt', '--fps', '25', '--target', 'en-US', '--provider', 'offline'], dir, {})).code).toBe(0);
    const xlf = join(dir, 'out/film/en-US/film.en-US.xlf');
    // Cue 1 imported, with the rate given to review import, so the memory holds the language deliver reads.
    writeFileSync(xlf, confirm(readFileSync(xlf, 'utf8'), '1', 'Beijing, seven in the morning.'));
    const first = await cli(['review', 'import', xlf, '--input', 'film.zh-Hans.srt', '--fps', '25'], dir, {});
    expect(first.code, first.stderr).toBe(0);
    writeFileSync(xlf, confirm(readFileSync(xlf, 'utf8'), '2', 'A city of over 20 million people,'));
    writeFileSync(xlf, confirm(readFileSync(xlf, 'utf8'), '3', 'and every day some of them call the hotline.'));
    const deliver = () => cli(['deliver', '--input', 'film.zh-Hans.srt', '--source-fps', '25', '--language', 'en-US', '--profile', 'default', '--formats', 'srt', '--allow-qc-errors'], dir, {});

    const refused = await deliver();
    expect(refused.code).toBe(1);
    const command = /run `(subloc review import [^`]*)`/.exec(refused.stderr)?.[1];
    const [, ...args] = shellWords(command!);
    expect(args).toEqual(expect.arrayContaining(['--fps', '25']));
    const imported = await cli(args, tempDir('subloc-named-import-elsewhere-'), {});
    expect(imported.code, imported.stderr).toBe(0);
    const delivered = await deliver();
    expect(delivered.code, delivered.stderr).toBe(0);
    expect(readFileSync(join(dir, 'deliverables/film/en-US/film.en-US.srt'), 'utf8')).toContain('call the hotline.');
  });
});
