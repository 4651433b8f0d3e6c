import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Manifest } from '../../src/deliver/manifest.js';
import type { LanguageDelivery } from '../../src/pipeline/deliver.js';
import { cli } from '../helpers/cli.js';
import { deeplPerTest } from '../helpers/deepl-fixture.js';

const SRT = ['1', '00:00:01,000 --> 00:00:03,000', '北京，早上七点。', '', '2', '00:00:04,000 --> 00:00:06,000', '热线开通了。', '', '3', '00:00:07,000 --> 00:00:09,000', '你好。', ''].join('\n');

/** Sets cue `id`'s target text and state, as a translator's CAT tool would. */
function editTarget(xliff: string, id: string, text: string, state: string): string {
  const unit = new RegExp(`(<trans-unit id="${id}"[^>]*>[\\s\\S]*?<target)[^>]*>[\\s\\S]*?</target>`);
  expect(unit.test(xliff)).toBe(true);
  return xliff.replace(unit, (_, open: string) => `${open} state="${state}">${text}</target>`);
}

/** Sets cue `id`'s state, its text as it is: a reviewer's decision alone. */
function setState(xliff: string, id: string, state: string): string {
  const unit = new RegExp(`(<trans-unit id="${id}"[^>]*>[\\s\\S]*?<target)[^>]*>`);
  expect(unit.test(xliff)).toBe(true);
  return xliff.replace(unit, (_, open: string) => `${open} state="${state}">`);
}

const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

interface Delivered {
  code: number;
  stderr: string;
  languages: LanguageDelivery[];
}

describe('deliver and what no reviewer has confirmed', () => {
  const fixture = deeplPerTest('test-key:fx');
  let dir: string;
  const file = (lang: string, ext: string) => join(dir, `out/film/${lang}/film.${lang}.${ext}`);
  const delivered = (lang: string) => join(dir, `deliverables/film/${lang}/film.${lang}.srt`);
  const manifest = () => JSON.parse(readFileSync(join(dir, 'deliverables/film/manifest.json'), 'utf8')) as Manifest;
  const common = ['--input', 'film.zh-Hans.srt', '--memory', 'memory.sqlite'];
  const reviewImport = (path: string) => cli(['review', 'import', path, ...common], dir, {});
  const deliver = async (...args: string[]): Promise<Delivered> => {
    const r = await cli(['deliver', ...common, '--language', 'fr-FR,de-DE', '--profile', 'default', '--formats', 'srt', '--allow-qc-errors', '--json', ...args], dir, {});
    return { code: r.code, stderr: r.stderr, languages: (JSON.parse(r.stdout) as { languages: LanguageDelivery[] }).languages };
  };
  const refusal = (r: Delivered, lang: string) => r.languages.find((l) => l.language === lang)?.refusal;

  beforeEach(async () => {
    dir = fixture.dir;
    writeFileSync(join(dir, 'film.zh-Hans.srt'), SRT);
    // Machine-drafted: every cue a draft no reviewer confirmed, in out/film/ where a bare --input finds it.
    const localized = await cli(['localize', ...common, '--target', 'fr-FR,de-DE', '--formats', 'srt,vtt'], dir, fixture.env);
    expect(localized.code, localized.stderr).toBe(0);
  });

  it('refuses a language whose drafts nobody reviewed, naming the cues and the ways on; --allow-drafts delivers them and the manifest says so', async () => {
    const refused = await deliver();
    expect(refused.code).toBe(1);
    for (const lang of ['fr-FR', 'de-DE']) {
      expect(refusal(refused, lang)).toBe(
        `${lang}: not delivered, 3 cues are drafts no reviewer confirmed: 1, 2, 3; expected reviewed text in a delivery: review them (confirm in the XLIFF and run \`subloc review import\`, or in the studio, \`subloc review serve\`), or pass --allow-drafts to deliver drafts as they are`,
      );
    }
    expect(existsSync(join(dir, 'deliverables/film'))).toBe(false);

    const allowed = await deliver('--allow-drafts');
    expect(allowed.code, allowed.stderr).toBe(0);
    expect(allowed.languages.map((l) => [l.language, l.delivered, l.drafts])).toEqual([['fr-FR', true, 3], ['de-DE', true, 3]]);
    expect(manifest()).toMatchObject({ draftsAllowed: true, qcErrorsAllowed: true });
    for (const l of manifest().languages) expect(l.delivery).toMatchObject({ draftsAllowed: true });
  });

  it('delivers a language once its cues are reviewed, and names only the cues still drafts', async () => {
    let xliff = readFileSync(file('fr-FR', 'xlf'), 'utf8');
    xliff = editTarget(xliff, '2', 'La ligne est ouverte.', 'signed-off');
    writeFileSync(file('fr-FR', 'xlf'), xliff);
    expect((await reviewImport(file('fr-FR', 'xlf'))).code).toBe(0);
    expect(refusal(await deliver(), 'fr-FR')).toMatch(/^fr-FR: not delivered, 2 cues are drafts no reviewer confirmed: 1, 3;/);

    for (const [id, text] of [['1', 'Pékin, sept heures du matin.'], ['3', 'Allô ?']] as const) xliff = editTarget(xliff, id, text, 'final');
    writeFileSync(file('fr-FR', 'xlf'), xliff);
    expect((await reviewImport(file('fr-FR', 'xlf'))).code).toBe(0);
    const r = await deliver();
    expect(r.code).toBe(1);
    expect(r.languages.map((l) => [l.language, l.delivered])).toEqual([['fr-FR', true], ['de-DE', false]]);
    expect(manifest()).toMatchObject({ draftsAllowed: false });
    expect(readFileSync(delivered('fr-FR'), 'utf8')).toContain('La ligne est ouverte.');
  });

  it('refuses a language whose review XLIFF holds confirmed edits the memory lacks, naming the file, the cue and the import, until it is imported', async () => {
    writeFileSync(file('fr-FR', 'xlf'), editTarget(readFileSync(file('fr-FR', 'xlf'), 'utf8'), '2', 'La ligne est ouverte.', 'final'));
    const refused = await deliver('--allow-drafts');
    expect(refused.code).toBe(1);
    const said = refusal(refused, 'fr-FR')!;
    expect(said).toMatch(
      new RegExp(`^fr-FR: not delivered: ${file('fr-FR', 'xlf').replace(/[.]/g, '\\.')} holds edits the memory lacks, for cue 2; this delivery would leave them out and ship the old text: run \`subloc review import .*\` to take them into the memory, then deliver again; or move the file away to drop its edits$`),
    );
    // The other language is delivered: its files are as localize wrote them.
    expect(refused.languages.find((l) => l.language === 'de-DE')?.delivered).toBe(true);
    expect(existsSync(delivered('fr-FR'))).toBe(false);

    // The command named, run as written from another folder, reads this delivery's source and memory.
    const named = /run `subloc (review import [^`]*)`/.exec(said)![1]!.split(' ');
    expect(named).toEqual(expect.arrayContaining(['--input', '--memory', '--title', '--out']));
    const imported = await cli(named, join(dir, '..'), {});
    expect(imported.code, imported.stderr).toBe(0);
    const again = await deliver('--allow-drafts');
    expect(again.code, again.stderr).toBe(0);
    expect(readFileSync(delivered('fr-FR'), 'utf8')).toContain('La ligne est ouverte.');
  });

  it('refuses a language whose SRT or WebVTT track was edited in place and not imported; a track only retimed holds no edit', async () => {
    const srt = readFileSync(file('fr-FR', 'srt'), 'utf8');
    writeFileSync(file('fr-FR', 'srt'), srt.replace('00:00:04,000 --> 00:00:06,000', '00:00:04,000 --> 00:00:06,500'));
    expect((await deliver('--allow-drafts')).code).toBe(0);

    const vtt = readFileSync(file('de-DE', 'vtt'), 'utf8').split('\n');
    const at = vtt.findIndex((line) => line.startsWith('00:00:04.000 -->'));
    vtt[at + 1] = 'Die Leitung ist offen.';
    writeFileSync(file('de-DE', 'vtt'), vtt.join('\n'));
    const refused = await deliver('--allow-drafts');
    expect(refused.code).toBe(1);
    expect(refusal(refused, 'de-DE')).toMatch(new RegExp(`^de-DE: not delivered: ${file('de-DE', 'vtt').replace(/[.]/g, '\\.')} holds edits the memory lacks, for cue 2; .*run \`subloc review import ${file('de-DE', 'vtt').replace(/[.]/g, '\\.')} --input `));
    expect(refused.languages.find((l) => l.language === 'fr-FR')?.delivered).toBe(true);

    expect((await reviewImport(file('de-DE', 'vtt'))).code).toBe(0);
    expect((await deliver('--allow-drafts')).code).toBe(0);
    expect(readFileSync(delivered('de-DE'), 'utf8')).toContain('Die Leitung ist offen.');
  });

  it('refuses a language whose XLIFF holds an edit nobody confirmed, as localize refuses it, naming the cue to confirm and the import', async () => {
    writeFileSync(file('fr-FR', 'xlf'), editTarget(readFileSync(file('fr-FR', 'xlf'), 'utf8'), '1', 'Pékin, sept heures du matin.', 'needs-review-translation'));
    expect((await cli(['localize', ...common, '--target', 'fr-FR', '--formats', 'srt,vtt'], dir, fixture.env)).code).toBe(1);
    const refused = await deliver('--allow-drafts');
    expect(refused.code).toBe(1);
    expect(refusal(refused, 'fr-FR')).toMatch(
      new RegExp(`^fr-FR: not delivered: ${escaped(file('fr-FR', 'xlf'))} holds edits of cue 1 nobody confirmed \\(expected state translated, signed-off or final\\), which no import takes; this delivery would leave them out and ship the old text: confirm cue 1 in the CAT tool and save the file, then run \`subloc review import ${escaped(file('fr-FR', 'xlf'))} --input .*\` to take it into the memory, and deliver again; or move the file away to drop its edits$`),
    );
    expect(existsSync(delivered('fr-FR'))).toBe(false);

    writeFileSync(file('fr-FR', 'xlf'), setState(readFileSync(file('fr-FR', 'xlf'), 'utf8'), '1', 'final'));
    expect((await reviewImport(file('fr-FR', 'xlf'))).code).toBe(0);
    expect((await deliver('--allow-drafts')).code).toBe(0);
    expect(readFileSync(delivered('fr-FR'), 'utf8')).toContain('Pékin, sept heures du matin.');
  });

  it('refuses a language whose SRT merges and rewords cues the import cannot take, before and after the import, until the file is moved away', async () => {
    const srt = readFileSync(file('fr-FR', 'srt'), 'utf8').split(/\n\n/);
    writeFileSync(file('fr-FR', 'srt'), [srt[0], '2\n00:00:04,000 --> 00:00:09,000\nLa ligne est ouverte. Allô ?', ''].join('\n\n'));
    expect((await cli(['localize', ...common, '--target', 'fr-FR', '--formats', 'srt,vtt'], dir, fixture.env)).code).toBe(1);
    const leftOut = new RegExp(`^fr-FR: not delivered: ${escaped(file('fr-FR', 'srt'))} holds edits \`review import\` leaves out \\(edited cue 2 at 00:00:04,000 holds source cues .*\\); this delivery would leave them out and ship the old text: make the changes the import leaves out in the studio \\(\`subloc review serve\`\\) or the XLIFF, then move the file away and deliver again \\(moving it away alone drops its edits\\)$`);
    expect(refusal(await deliver('--allow-drafts'), 'fr-FR')).toMatch(leftOut);
    expect((await reviewImport(file('fr-FR', 'srt'))).code).toBe(0);
    const after = await deliver('--allow-drafts');
    expect(after.code).toBe(1);
    expect(refusal(after, 'fr-FR')).toMatch(leftOut);

    renameSync(file('fr-FR', 'srt'), join(dir, 'kept.srt'));
    expect((await deliver('--allow-drafts')).code).toBe(0);
  });

  it('says of an approval the memory lacks that it is a decision, not text, and refuses the language until it is imported', async () => {
    writeFileSync(file('fr-FR', 'xlf'), setState(readFileSync(file('fr-FR', 'xlf'), 'utf8'), '2', 'final'));
    const refused = await deliver('--allow-drafts');
    expect(refused.code).toBe(1);
    const said = refusal(refused, 'fr-FR')!;
    expect(said).toMatch(
      new RegExp(`^fr-FR: not delivered: ${escaped(file('fr-FR', 'xlf'))} holds decisions the memory lacks, not text: a confirmation, an approval or a note on cue 2, whose text is the memory's own; the text shipped would be the same, but this delivery and its manifest would count those cues as the memory has them, without the decisions: run \`subloc review import .*\` to take them into the memory, then deliver again; or move the file away to drop its edits$`),
    );
    expect(said).not.toContain('old text');

    expect((await reviewImport(file('fr-FR', 'xlf'))).code).toBe(0);
    const again = await deliver('--allow-drafts');
    expect(again.code, again.stderr).toBe(0);
    expect(again.languages.find((l) => l.language === 'fr-FR')).toMatchObject({ approved: 1, drafts: 2 });
  });
});

describe('deliver and a sentence whose cues are confirmed in part', () => {
  const fixture = deeplPerTest('test-key:fx');
  const SENTENCE = ['1', '00:00:01,000 --> 00:00:03,000', '北京有两千多万人口，', '', '2', '00:00:04,000 --> 00:00:06,000', '每天有六万个电话。', ''].join('\n');

  it('refuses it as localize does, naming the cue left to confirm and the import, and delivers it once confirmed and imported', async () => {
    const dir = fixture.dir;
    const common = ['--input', 'talk.zh-Hans.srt', '--memory', 'memory.sqlite'];
    const xlf = join(dir, 'out/talk/fr-FR/talk.fr-FR.xlf');
    const deliver = () => cli(['deliver', ...common, '--language', 'fr-FR', '--profile', 'default', '--formats', 'srt', '--allow-qc-errors', '--allow-drafts', '--json'], dir, {});
    const refusalOf = (r: { stdout: string }) => (JSON.parse(r.stdout) as { languages: LanguageDelivery[] }).languages[0]?.refusal;
    writeFileSync(join(dir, 'talk.zh-Hans.srt'), SENTENCE);
    expect((await cli(['localize', ...common, '--target', 'fr-FR'], dir, fixture.env)).code).toBe(0);

    writeFileSync(xlf, editTarget(readFileSync(xlf, 'utf8'), '1', "Plus de vingt millions d'habitants,", 'final'));
    const localized = await cli(['localize', ...common, '--target', 'fr-FR'], dir, fixture.env);
    expect(localized.stderr).toContain('confirmed, but not cue 2 of its sentence');
    const refused = await deliver();
    expect(refused.code).toBe(1);
    expect(refusalOf(refused)).toMatch(
      new RegExp(`^fr-FR: not delivered: ${escaped(xlf)} holds cue 1 confirmed, but not cue 2 of its sentence, and a sentence is imported when all its cues are confirmed; this delivery would leave them out and ship the old text: confirm cue 2 in the CAT tool and save the file, then run \`subloc review import ${escaped(xlf)} --input .*\` to take it into the memory, and deliver again; or move the file away to drop its edits$`),
    );

    writeFileSync(xlf, setState(readFileSync(xlf, 'utf8'), '2', 'final'));
    const importable = refusalOf(await deliver());
    expect(importable).toMatch(/ holds edits the memory lacks, for cue 1, and holds decisions the memory lacks, not text: a confirmation, an approval or a note on cue 2, /);
    const named = /run `subloc (review import [^`]*)`/.exec(importable!)![1]!.split(' ');
    expect((await cli(named, dir, {})).code).toBe(0);
    const delivered = await deliver();
    expect(delivered.code, delivered.stderr).toBe(0);
    expect(readFileSync(join(dir, 'deliverables/talk/fr-FR/talk.fr-FR.srt'), 'utf8')).toContain("Plus de vingt millions d'habitants,");
  });
});
