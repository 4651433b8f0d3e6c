import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from '../../src/formats/parse.js';
import { lineText } from '../../src/model/spans.js';
import { resolveLocalizeOptions } from '../../src/pipeline/options.js';
import { openReviewSession } from '../../src/pipeline/review-session.js';
import { cli, tempDir } from '../helpers/cli.js';

const root = resolve(import.meta.dirname, '../..');
const LANG = 'it-IT';
const TRACK = `out/hotline-beijing/${LANG}/hotline-beijing.${LANG}`;

/**
 * An edited SRT or WebVTT carries no date. A translator's copy taken before
 * a colleague saved in the studio held the older text of every cue the
 * colleague changed, and importing it put that text back, unseen: the
 * studio's saves were lost. The versions localize wrote tell which cues the
 * translator left as they were, and when the copy was made.
 */
describe('review import of an SRT or WebVTT copied before the studio saved', () => {
  let dir = '';
  const studio = { untouched: '', edited: '' };

  beforeAll(async () => {
    dir = tempDir('subloc-stale-srt-');
    for (const path of ['subloc.config.json', 'glossary.json', 'subtitles']) cpSync(join(root, path), join(dir, path), { recursive: true });
    const run = await cli(['localize', '--config', 'subloc.config.json', '--target', LANG, '--formats', 'srt,vtt'], dir);
    expect(run.code, run.stderr).toBe(0);
    for (const ext of ['srt', 'vtt']) cpSync(join(dir, `${TRACK}.${ext}`), join(dir, `copy.${LANG}.${ext}`));
    // Alice saves two cues in the studio after the copies were taken.
    const options = await resolveLocalizeOptions({ config: 'subloc.config.json', targets: [LANG] }, dir, {});
    const session = await openReviewSession({ localize: options, languages: [LANG], reviewer: 'alice' });
    try {
      const cues = (await session.track(LANG))!;
      for (const [id, text] of [['7', 'Alice, cue sette'], ['2', 'Alice, cue due']] as const) {
        const saved = await session.save(LANG, id, { text, revision: cues.find((c) => c.id === id)!.revision });
        expect(saved.outcome).toBe('saved');
      }
      studio.untouched = 'Alice, cue sette';
      studio.edited = 'Alice, cue due';
    } finally {
      await session.close();
    }
  }, 60_000);

  const textOf = (id: string) => {
    const track = parse(readFileSync(join(dir, `${TRACK}.srt`)), { fileName: 'it.srt' }).track;
    return track.cues.find((c) => c.id === id)!.lines.map(lineText).join('\n');
  };

  it.each(['srt', 'vtt'])('.%s: keeps a studio save the translator never touched, and refuses an edit over one, saying why', async (ext) => {
    const copy = join(dir, `copy.${LANG}.${ext}`);
    // Bob edits cue 2 (which Alice also saved) and cue 12 (which nobody else touched).
    const parsed = parse(readFileSync(copy), { fileName: copy }).track;
    const lineOf = (id: string) => parsed.cues.find((c) => c.id === id || c.id === `${id}`)!.lines.map(lineText)[0]!;
    const text = readFileSync(copy, 'utf8').replace(lineOf('2'), 'Bob, cue due').replace(lineOf('12'), 'Bob, cue dodici');
    writeFileSync(join(dir, `bob.${LANG}.${ext}`), text);

    const result = await cli(['review', 'import', `bob.${LANG}.${ext}`, '--reviewer', 'bob'], dir);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/cue 2: alice saved "Alice, cue due" \(reviewed\) in the review studio at .*, after the earliest track this file may have been edited from .*\[review\/changed-since\]/);
    const run = await cli(['localize', '--config', 'subloc.config.json', '--target', LANG, '--formats', 'srt,vtt'], dir);
    expect(run.code, run.stderr).toBe(0);
    expect(textOf('7').replace(/\n/g, ' ')).toBe(studio.untouched);
    expect(textOf('2').replace(/\n/g, ' ')).toBe(studio.edited);
    expect(textOf('12').replace(/\n/g, ' ')).toBe('Bob, cue dodici');
  }, 60_000);
});
