import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { LanguageDelivery } from '../../src/pipeline/deliver.js';
import { cli, tempDir } from '../helpers/cli.js';

const ROOT = resolve(import.meta.dirname, '../..');
const TITLE = 'hotline-beijing';
const TARGETS = ['fr-FR', 'de-DE'];

/** Sets cue `id`'s target text and state, as a translator's CAT tool would. */
function editTarget(xliff: string, id: string, text: string, state: string): string {
  const unit = new RegExp(`(<trans-unit id="${id}"[^>]*>[\\s\\S]*?<target)[^>]*>[\\s\\S]*?</target>`);
  expect(unit.test(xliff)).toBe(true);
  return xliff.replace(unit, (_, open: string) => `${open} state="${state}">${text}</target>`);
}

interface Delivered {
  code: number;
  stderr: string;
  languages: LanguageDelivery[];
}

describe('deliver and the folders localize wrote with --out', () => {
  let work: string;
  /** A file of `localize`'s run folder under `out` (relative to the work folder). */
  const file = (out: string, lang: string, ext: string) => join(work, out, TITLE, lang, `${TITLE}.${lang}.${ext}`);
  const delivered = (lang: string) => readFileSync(join(work, 'deliverables', TITLE, lang, `${TITLE}.${lang}.srt`), 'utf8');
  const localize = async (...args: string[]) => {
    const r = await cli(['localize', '--config', 'c.json', '--json', ...args], work);
    expect(r.code, r.stderr).toBe(0);
  };
  const deliver = async (...args: string[]): Promise<Delivered> => {
    const r = await cli(['deliver', '--config', 'c.json', '--profile', 'default', '--formats', 'srt', '--json', ...args], work);
    return { code: r.code, stderr: r.stderr, languages: r.stdout === '' ? [] : (JSON.parse(r.stdout) as { languages: LanguageDelivery[] }).languages };
  };
  const refusal = (r: Delivered, lang: string) => r.languages.find((l) => l.language === lang)?.refusal;

  beforeEach(() => {
    work = tempDir();
    // The sample, drafted offline from its reviewed TMX memories: every cue reviewed, so nothing but edits can refuse it.
    const config = {
      title: TITLE,
      input: join(ROOT, 'subtitles/hotline-beijing.zh-Hans.srt'),
      source: 'zh-Hans',
      targets: TARGETS,
      glossary: join(ROOT, 'glossary.json'),
      tmx: TARGETS.map((lang) => join(ROOT, `subtitles/tm/hotline-beijing.${lang}.tmx`)),
      profile: 'default',
      fps: 24,
      formats: ['srt'],
      out: 'out',
    };
    writeFileSync(join(work, 'c.json'), JSON.stringify(config));
  });

  it('refuses a language edited in place in a folder localize wrote with --out, naming the file, the cue and the import with that --out, until it is imported', async () => {
    await localize('--out', 'elsewhere');
    const srt = readFileSync(file('elsewhere', 'fr-FR', 'srt'), 'utf8');
    expect(srt).toContain('Beijing, 7 h du matin.');
    writeFileSync(file('elsewhere', 'fr-FR', 'srt'), srt.replace('Beijing, 7 h du matin.', 'Pékin, sept heures du matin.'));
    writeFileSync(file('elsewhere', 'de-DE', 'xlf'), editTarget(readFileSync(file('elsewhere', 'de-DE', 'xlf'), 'utf8'), '2', 'Mehr als zwanzig Millionen Menschen,', 'final'));

    const refused = await deliver();
    expect(refused.code).toBe(1);
    expect(existsSync(join(work, 'deliverables', TITLE))).toBe(false);
    const out = join(work, 'elsewhere');
    for (const [lang, ext, cue] of [['fr-FR', 'srt', '1'], ['de-DE', 'xlf', '2']] as const) {
      const said = refusal(refused, lang)!;
      expect(said).toContain(`${lang}: not delivered: ${file('elsewhere', lang, ext)} holds edits the memory lacks, for cue ${cue};`);
      expect(said).toContain(`--out ${out} `);
      // The command named, run as written from another folder, takes the edits into the delivery's memory.
      const named = /run `subloc (review import [^`]*)`/.exec(said)![1]!.split(' ');
      const imported = await cli(named, tempDir());
      expect(imported.code, imported.stderr).toBe(0);
    }

    const again = await deliver();
    expect(again.code, again.stderr).toBe(0);
    expect(delivered('fr-FR')).toContain('Pékin, sept heures du matin.');
    expect(delivered('de-DE')).toContain('Mehr als zwanzig Millionen Menschen,');
  });

  it('refuses a language whose review XLIFF in a folder written with --out no import can take, naming the import with that --out', async () => {
    await localize('--out', 'elsewhere');
    // Another language's package where fr-FR's was: the import refuses it whole.
    writeFileSync(file('elsewhere', 'fr-FR', 'xlf'), readFileSync(file('elsewhere', 'de-DE', 'xlf')));
    const refused = await deliver();
    expect(refused.code).toBe(1);
    const said = refusal(refused, 'fr-FR')!;
    expect(said).toContain(`fr-FR: not delivered: ${file('elsewhere', 'fr-FR', 'xlf')} changed since subloc wrote it, and it cannot be imported for ${TITLE} (zh-Hans → fr-FR)`);
    expect(said).toContain(`--out ${join(work, 'elsewhere')} `);
  });

  it('checks the config’s own folder as before, beside a folder written with --out', async () => {
    await localize();
    await localize('--out', 'elsewhere');
    const srt = readFileSync(file('out', 'fr-FR', 'srt'), 'utf8');
    writeFileSync(file('out', 'fr-FR', 'srt'), srt.replace('Beijing, 7 h du matin.', 'Pékin, sept heures du matin.'));
    const refused = await deliver();
    expect(refused.code).toBe(1);
    expect(refusal(refused, 'fr-FR')).toMatch(new RegExp(`^fr-FR: not delivered: ${file('out', 'fr-FR', 'srt').replace(/[.]/g, '\\.')} holds edits the memory lacks, for cue 1;`));
    expect(refusal(refused, 'fr-FR')).not.toContain('elsewhere');
    expect(refused.languages.find((l) => l.language === 'de-DE')?.delivered).toBe(true);
  });

  it('skips a folder deleted since localize wrote it, and one drafted from another memory', async () => {
    await localize('--out', 'elsewhere');
    await localize('--out', 'other', '--memory', join(work, 'other.sqlite'));
    for (const out of ['elsewhere', 'other']) {
      const srt = readFileSync(file(out, 'fr-FR', 'srt'), 'utf8');
      writeFileSync(file(out, 'fr-FR', 'srt'), srt.replace('Beijing, 7 h du matin.', 'Pékin, sept heures du matin.'));
    }
    expect(refusal(await deliver(), 'fr-FR')).toContain(file('elsewhere', 'fr-FR', 'srt'));
    rmSync(join(work, 'elsewhere'), { recursive: true });

    const r = await deliver();
    expect(r.code, r.stderr).toBe(0);
    expect(r.languages.map((l) => [l.language, l.delivered])).toEqual([['fr-FR', true], ['de-DE', true]]);
    expect(delivered('fr-FR')).toContain('Beijing, 7 h du matin.');
  });

  it('refuses a record of a run folder it cannot read, naming it, and delivers nothing', async () => {
    await localize('--out', 'elsewhere');
    const records = join(work, '.subloc/run-folders');
    const [name] = readdirSync(records);
    writeFileSync(join(records, name!), '{"title": "hotline-beijing", "folder": ');
    const r = await deliver();
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${join(records, name!)}: cannot read this record of a folder localize wrote: not JSON: `);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(join(work, 'deliverables'))).toBe(false);
  });

  it('drafts all the same where the record cannot be written, warning that deliver will not check the folder', async () => {
    // A file where the records' folder goes: as a config on a read-only share, the record cannot be written.
    mkdirSync(join(work, '.subloc'));
    writeFileSync(join(work, '.subloc/run-folders'), '');
    const r = await cli(['localize', '--config', 'c.json', '--out', 'elsewhere'], work);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(`deliver will not check ${join(work, 'elsewhere', TITLE)}`);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(readFileSync(file('elsewhere', 'fr-FR', 'srt'), 'utf8')).toContain('Beijing, 7 h du matin.');
  });
});
