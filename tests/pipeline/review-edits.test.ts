import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { parse } from '../../src/formats/parse.js';
import { openMemory } from '../../src/memory/sqlite.js';
import { lineText } from '../../src/model/spans.js';
import type { RunReport } from '../../src/pipeline/report.js';
import { readXliff } from '../../src/review/xliff-read.js';
import { cli, tempDir } from '../helpers/cli.js';

const SRT = ['1', '00:00:01,000 --> 00:00:03,000', '北京，早上七点。', '', '2', '00:00:04,000 --> 00:00:06,000', '热线开通了。', '', '3', '00:00:07,000 --> 00:00:09,000', '你好。', ''].join('\n');
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** Sets cue `id`'s target text, and its state when given, as a translator's tool or editor would. */
function editTarget(xliff: string, id: string, text: string, state?: string): string {
  const unit = new RegExp(`(<trans-unit id="${id}"[^>]*>[\\s\\S]*?<target)([^>]*)>[\\s\\S]*?</target>`);
  expect(unit.test(xliff)).toBe(true);
  return xliff.replace(unit, (_, open: string, attrs: string) => `${open}${state === undefined ? attrs : ` state="${state}"`}>${text}</target>`);
}

describe('localize and a review XLIFF edited in place', () => {
  let dir: string;
  const xlf = () => join(dir, 'out/film/fr-FR/film.fr-FR.xlf');
  const srt = () => join(dir, 'out/film/fr-FR/film.fr-FR.srt');
  const localize = () => cli(['localize', '--input', join(dir, 'film.zh-Hans.srt'), '--target', 'fr-FR', '--provider', 'pseudo', '--out', join(dir, 'out'), '--memory', join(dir, 'memory.sqlite'), '--json'], dir, {});
  const text = (id: string) => parse(readFileSync(srt())).track.cues.find((c) => c.id === id)!.lines.map(lineText).join(' ');

  beforeEach(async () => {
    dir = tempDir();
    writeFileSync(join(dir, 'film.zh-Hans.srt'), SRT);
    const first = await localize();
    expect(first.code).toBe(0);
  });

  it('records the hash of every file written in run.json', async () => {
    const report = JSON.parse(readFileSync(join(dir, 'out/film/run.json'), 'utf8')) as RunReport;
    const fr = report.languages[0]!;
    expect(Object.keys(fr.sha256).sort()).toEqual([...fr.files].sort());
    for (const file of fr.files) expect(fr.sha256[file]).toBe(sha256(readFileSync(join(dir, 'out/film', file))));
  });

  it('imports a confirmed edit first: it is in the memory, the new track and the new XLIFF', async () => {
    writeFileSync(xlf(), editTarget(readFileSync(xlf(), 'utf8'), '2', 'La ligne est ouverte.', 'translated'));
    const r = await localize();
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('out/film/fr-FR/film.fr-FR.xlf was edited since the last run: 1 unit imported');
    const fr = (JSON.parse(r.stdout) as RunReport).languages[0]!;
    expect(fr.reviewImport).toMatchObject({ file: 'fr-FR/film.fr-FR.xlf', imported: 1 });

    const memory = openMemory(join(dir, 'memory.sqlite'));
    try {
      expect((await memory.fuzzy(['热线开通了。'], { source: 'zh-Hans', target: 'fr-FR' }, 1))?.entry).toMatchObject({ target: ['La ligne est ouverte.'], status: 'reviewed', reviewer: 'unknown' });
    } finally {
      await memory.close();
    }
    expect(text('2')).toBe('La ligne est ouverte.');
    const cue = readXliff(readFileSync(xlf(), 'utf8'), 'film.fr-FR.xlf').cues.find((c) => c.id === '2')!;
    expect(cue).toMatchObject({ target: 'La ligne est ouverte.', state: 'reviewed' });
    // Imported once: the next run finds its own file and says nothing.
    const again = await localize();
    expect(again.stderr).toBe('');
    expect((JSON.parse(again.stdout) as RunReport).languages[0]!.reviewImport).toBeUndefined();
  });

  it('stores nothing of a file whose language it refuses for an unconfirmed edit, so the finished file is imported whole next time', async () => {
    const pair = { source: 'zh-Hans', target: 'fr-FR' };
    const held = async (source: string) => {
      const memory = openMemory(join(dir, 'memory.sqlite'));
      try {
        return (await memory.fuzzy([source], pair, 1))?.entry.target;
      } finally {
        await memory.close();
      }
    };
    const before = await held('热线开通了。');
    // Cue 2 confirmed, cue 3 still being worked on (no state says it is done).
    writeFileSync(xlf(), editTarget(editTarget(readFileSync(xlf(), 'utf8'), '2', 'A1 la ligne.', 'translated'), '3', 'B1 bonjour', 'needs-review-translation'));
    const refused = await localize();
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('the translation of cue 3 would be lost');
    expect(await held('热线开通了。')).toEqual(before);
    // Finished: cue 2 revised, cue 3 confirmed; the run takes both, under no conflict with a part of itself.
    writeFileSync(xlf(), editTarget(editTarget(readFileSync(xlf(), 'utf8'), '2', 'A2 la ligne, revue.', 'translated'), '3', 'B1 bonjour', 'translated'));
    const taken = await localize();
    expect(taken.code, taken.stderr).toBe(0);
    expect([text('2'), text('3')]).toEqual(['A2 la ligne, revue.', 'B1 bonjour']);
  });

  it('takes a note typed into the file as the cue\u2019s comment with its confirmed translation, and refuses to drop one on a cue nobody confirmed', async () => {
    const addNote = (xliff: string, id: string, note: string) => xliff.replace(new RegExp(`(<trans-unit id="${id}"[^>]*>[\\s\\S]*?)(\\s*</trans-unit>)`), `$1<note>${note}</note>$2`);
    const written = readFileSync(xlf(), 'utf8');
    const target = (id: string) => new RegExp(`<trans-unit id="${id}"[^>]*>[\\s\\S]*?<target[^>]*>([\\s\\S]*?)</target>`).exec(written)![1]!;
    // Cue 2 confirmed as it is, with a note; the note is the reviewer's comment in the memory and in the next file.
    writeFileSync(xlf(), addNote(editTarget(written, '2', target('2'), 'translated'), '2', 'Check the district name with the producer &amp; the fixer.'));
    const r = await localize();
    expect(r.code, r.stderr).toBe(0);
    expect(readXliff(readFileSync(xlf(), 'utf8'), 'film.fr-FR.xlf').cues.find((c) => c.id === '2')).toMatchObject({ comment: 'Check the district name with the producer & the fixer.' });
    // A note on a cue left unconfirmed cannot be imported: the file is left as it is and the language not written.
    const noted = addNote(readFileSync(xlf(), 'utf8'), '3', 'Is this a greeting or a question?');
    writeFileSync(xlf(), noted);
    const refused = await localize();
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('the note on cue 3 would be lost');
    expect(readFileSync(xlf(), 'utf8')).toBe(noted);
  });

  it('refuses to write over an edit nobody confirmed, naming the file and the cue, saying to confirm it, and naming the import that keeps the rest', async () => {
    const edited = editTarget(readFileSync(xlf(), 'utf8'), '3', 'Bonjour, ici la hotline.');
    writeFileSync(xlf(), edited);
    const track = readFileSync(srt());
    const r = await localize();
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(xlf());
    expect(r.stderr).toContain('edited but not confirmed');
    expect(r.stderr).toContain('Confirm cue 3 in the CAT tool and save the file, then localize again, which imports it');
    // An import takes only what is confirmed: it is named as the way to keep that and drop the edit, the run's own options spelt out.
    expect(r.stderr).toContain(
      `or run \`subloc review import ${xlf()} --input ${join(dir, 'film.zh-Hans.srt')} --source zh-Hans --title film --out ${join(dir, 'out')} --memory ${join(dir, 'memory.sqlite')}\` to import the sentences it holds confirmed whole, then move the file away`,
    );
    expect(r.stderr).toContain('cue 3');
    expect(r.stderr).not.toContain('internal error');
    expect(readFileSync(xlf(), 'utf8')).toBe(edited);
    expect(readFileSync(srt())).toEqual(track);
  });

  it('keeps a confirmed edit whose source cue has changed since in the memory for the old text, offers it beside the new draft, and goes on', async () => {
    writeFileSync(xlf(), editTarget(readFileSync(xlf(), 'utf8'), '2', 'La ligne est ouverte.', 'final'));
    writeFileSync(join(dir, 'film.zh-Hans.srt'), SRT.replace('热线开通了。', '热线今天开通了。'));
    const r = await localize();
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('its translation belongs to the old text: it is kept in the memory for that text');
    const memory = openMemory(join(dir, 'memory.sqlite'));
    try {
      expect(await memory.exact(['热线开通了。'], { source: 'zh-Hans', target: 'fr-FR' }, 'any')).toMatchObject({ target: ['La ligne est ouverte.'], status: 'approved' });
    } finally {
      await memory.close();
    }
    // The new text is not given the old translation: it is drafted, marked for review, the approved text offered beside it.
    expect(text('2')).not.toBe('La ligne est ouverte.');
    const cue = readXliff(readFileSync(xlf(), 'utf8'), 'film.fr-FR.xlf').cues.find((c) => c.id === '2')!;
    expect(cue.state).toBe('needs-review');
    expect(readFileSync(join(dir, 'out/film/fr-FR/film.fr-FR.review.html'), 'utf8')).toContain('La ligne est ouverte.');
    // Imported once: the next run finds its own file and says nothing.
    const again = await localize();
    expect(again.code).toBe(0);
    expect(again.stderr).toBe('');
  });

  it('imports a confirmed edit by its source text after the editor inserted a cue, and writes it on the renumbered cue', async () => {
    const edited = editTarget(readFileSync(xlf(), 'utf8'), '2', 'La ligne est ouverte.', 'signed-off');
    writeFileSync(xlf(), edited);
    writeFileSync(join(dir, 'film.zh-Hans.srt'), ['1', '00:00:00,000 --> 00:00:00,500', '片头。', '', ...SRT.split('\n').map((l) => (/^\d$/.test(l) ? String(Number(l) + 1) : l))].join('\n'));
    const r = await localize();
    expect(r.stderr).not.toContain('would be lost');
    expect(r.code).toBe(0);
    expect(text('3')).toBe('La ligne est ouverte.');
    expect(text('2')).not.toBe('La ligne est ouverte.');
  });

  it('keeps a confirmed edit when the editor inserted a cue that joins its sentence, the new cue drafted beside it', async () => {
    writeFileSync(xlf(), editTarget(readFileSync(xlf(), 'utf8'), '2', 'La ligne est ouverte.', 'signed-off'));
    const lines = SRT.split('\n');
    const inserted = ['2', '00:00:03,500 --> 00:00:03,900', '今天', ''];
    writeFileSync(join(dir, 'film.zh-Hans.srt'), [...lines.slice(0, 4), ...inserted, ...lines.slice(4).map((l) => (/^\d$/.test(l) ? String(Number(l) + 1) : l))].join('\n'));
    const r = await localize();
    expect(r.stderr).not.toContain('would be lost');
    expect(r.code).toBe(0);
    expect(text('3')).toBe('La ligne est ouverte.');
    expect(text('2')).not.toContain('La ligne');
    const cue = readXliff(readFileSync(xlf(), 'utf8'), 'film.fr-FR.xlf').cues.find((c) => c.id === '3')!;
    expect(cue).toMatchObject({ unitId: '2', target: 'La ligne est ouverte.', state: 'reviewed' });
  });

  it('refuses a foreign XLIFF at that path (another language in its header), leaving it byte for byte', async () => {
    const foreign = Buffer.from(readFileSync(xlf(), 'utf8').replace('target-language="fr-FR"', 'target-language="de-DE"'));
    writeFileSync(xlf(), foreign);
    const r = await localize();
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`subloc review import ${xlf()}`);
    expect(r.stderr).toContain('de-DE');
    expect(readFileSync(xlf())).toEqual(foreign);
  });

  it('does not take what a killed write left beside the XLIFF for an edit, and removes it', async () => {
    const dead = spawnSync(process.execPath, ['-e', '']).pid!;
    const temp = `.film.fr-FR.xlf.${dead}.${Date.now().toString(36)}.tmp`;
    writeFileSync(join(dir, 'out/film/fr-FR', temp), readFileSync(xlf()).subarray(0, 200));
    const r = await localize();
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as RunReport).languages[0]!.reviewImport).toBeUndefined();
    expect(readdirSync(join(dir, 'out/film/fr-FR'))).not.toContain(temp);
  });

  it('knows its own file by the language’s record when run.json is gone, and takes it back importing nothing when that is gone too', async () => {
    rmSync(join(dir, 'out/film/run.json'));
    const known = await localize();
    expect(known.code).toBe(0);
    expect((JSON.parse(known.stdout) as RunReport).languages[0]!.reviewImport).toBeUndefined();
    rmSync(join(dir, 'out/film/run.json'));
    rmSync(join(dir, 'out/film/fr-FR/.subloc-written.json'));
    const r = await localize();
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect((JSON.parse(r.stdout) as RunReport).languages[0]!.reviewImport).toMatchObject({ imported: 0 });
  });
});

describe('run.json after a run that refuses one language', () => {
  it('describes the languages written as this run wrote them, and lists the refused one with its reason and its earlier files’ hashes, no figures', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'film.zh-Hans.srt'), SRT);
    const runJson = () => JSON.parse(readFileSync(join(dir, 'out/film/run.json'), 'utf8')) as RunReport;
    const localize = (...more: string[]) => cli(['localize', '--input', join(dir, 'film.zh-Hans.srt'), '--target', 'fr-FR,de-DE', '--provider', 'pseudo', '--out', join(dir, 'out'), '--memory', join(dir, 'memory.sqlite'), ...more], dir, {});
    expect((await localize()).code).toBe(0);
    const first = runJson();
    const xlf = join(dir, 'out/film/fr-FR/film.fr-FR.xlf');
    writeFileSync(xlf, editTarget(readFileSync(xlf, 'utf8'), '3', 'Bonjour, ici la hotline.'));

    // Another profile: de-DE's files and figures change, fr-FR's are left as the first run wrote them.
    const refused = await localize('--profile', 'festival');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('run.json was written for the languages this run wrote, and lists fr-FR under `refused`');
    const report = runJson();
    expect(report.languages.map((l) => l.language)).toEqual(['de-DE']);
    const de = report.languages[0]!;
    expect(JSON.parse(readFileSync(join(dir, 'out/film/de-DE/qc.json'), 'utf8'))).toMatchObject({ profile: 'festival' });
    for (const file of de.files) expect(de.sha256[file]).toBe(sha256(readFileSync(join(dir, 'out/film', file))));
    expect(report.totals.drafted).toBe(de.drafted);
    const fr = first.languages.find((l) => l.language === 'fr-FR')!;
    expect(report.refused).toEqual([{ language: 'fr-FR', code: 'REVIEW_NOT_IMPORTED', reason: expect.stringContaining('the translation of cue 3 would be lost: edited but not confirmed'), billedCharacters: 0, earlierSha256: fr.sha256 }]);

    // The next run still knows its own fr-FR files from the edited one; confirmed, the edit is taken and every language reported.
    rmSync(join(dir, 'out/film/fr-FR/.subloc-written.json'));
    const again = await localize('--profile', 'festival');
    expect(again.stderr).toContain('the translation of cue 3 would be lost');
    expect(again.stderr).not.toContain('record of writing');
    writeFileSync(xlf, editTarget(readFileSync(xlf, 'utf8'), '3', 'Bonjour, ici la hotline.', 'translated'));
    expect((await localize('--profile', 'festival')).code).toBe(0);
    expect(runJson().languages.map((l) => l.language)).toEqual(['fr-FR', 'de-DE']);
    expect(runJson().refused).toBeUndefined();
  });
});
