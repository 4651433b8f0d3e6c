import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { glossaryContentHash, loadGlossary } from '../../src/glossary/index.js';
import { parse } from '../../src/formats/parse.js';
import type { RunReport } from '../../src/pipeline/report.js';
import { cli } from '../helpers/cli.js';
import { deeplPerTest } from '../helpers/deepl-fixture.js';
import { approve } from '../helpers/xliff-approve.js';

const root = resolve(import.meta.dirname, '../..');
const sample = join(root, 'subtitles/hotline-beijing.zh-Hans.srt');
const source = parse(readFileSync(sample)).track;

interface GlossaryFile {
  terms: { id: string; source: string; variants?: string[]; targets?: Record<string, { preferred: string }> }[];
}

describe('a glossary change re-drafts only the sentences its terms are in (DeepL on loopback)', () => {
  const t = deeplPerTest('secret-test-key-77aa:fx');

  /** The project's glossary with one term's English rendering changed, written into the test's folder. */
  const changed = (termId: string, preferred: string): string => {
    const glossary = JSON.parse(readFileSync(join(root, 'glossary.json'), 'utf8')) as GlossaryFile;
    const term = glossary.terms.find((x) => x.id === termId)!;
    term.targets!['en-US']!.preferred = preferred;
    const path = join(t.dir, `${termId}.${preferred.replace(/\W+/g, '-')}.glossary.json`);
    writeFileSync(path, JSON.stringify(glossary));
    return path;
  };
  const run = async (glossary: string): Promise<RunReport> => {
    const r = await cli(['localize', '--input', sample, '--target', 'en-US', '--formats', 'srt', '--out', join(t.dir, 'out'), '--memory', join(t.dir, 'memory.sqlite'), '--glossary', glossary, '--no-condense', '--json'], root, t.env);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    return JSON.parse(r.stdout) as RunReport;
  };
  /** Every text the server was asked to translate since its last reset. */
  const sent = () => t.deepl.state.requests.flatMap((r) => r.params?.get('text') ?? []);

  it('bills again only the units holding the changed term, and nothing for a term the film never says', async () => {
    const first = await run(join(root, 'glossary.json'));
    expect(first.languages[0]!.machine).toBe(source.cues.length);
    const fullBill = t.deepl.state.billedCharacters;

    // 派单 (dispatch) is said in one cue of the film.
    const holding = source.cues.filter((c) => c.lines.flat().some((s) => s.text.includes('派单'))).map((c) => c.id);
    expect(holding).toHaveLength(1);
    t.deepl.reset();
    const second = await run(changed('dispatch', 'work-order routing'));
    const texts = sent();
    expect(texts.length).toBeGreaterThan(0);
    expect(texts.every((text) => text.includes('派单'))).toBe(true);
    const [language] = second.languages;
    for (const id of holding) expect(language!.origins[id]).toBe('machine');
    expect(language!.machine).toBeLessThan(5);
    expect(language!.fromMemory + language!.machine).toBe(source.cues.length);
    expect(t.deepl.state.billedCharacters).toBeGreaterThan(0);
    expect(t.deepl.state.billedCharacters * 10).toBeLessThan(fullBill);

    // 超大城市 (megacity) is in the glossary, not in the film.
    t.deepl.reset();
    const third = await run(changed('megacity', 'mega-metropolis'));
    expect(t.deepl.state.translateRequests).toBe(0);
    expect(third.languages[0]!.fromMemory).toBe(source.cues.length);
  });

  it('still finds the drafts an earlier subloc stored under the whole glossary, and bills nothing for them', async () => {
    const glossary = join(root, 'glossary.json');
    await run(glossary);
    // As subloc stored every machine draft before versions were per unit.
    const db = new Database(join(t.dir, 'memory.sqlite'));
    const whole = glossaryContentHash(await loadGlossary(glossary), 'en-US');
    expect(db.prepare("UPDATE entry SET glossary_version = ? WHERE provider = 'deepl'").run(whole).changes).toBeGreaterThan(0);
    db.close();
    t.deepl.reset();
    const again = await run(glossary);
    expect(t.deepl.state.translateRequests).toBe(0);
    expect(again.languages[0]!.fromMemory).toBe(source.cues.length);
  });

  describe('a review XLIFF a translator edited, across the change', () => {
    const xliff = () => join(t.dir, 'out/hotline-beijing/en-US/hotline-beijing.en-US.xlf');
    const localize = (glossary: string, ...extra: string[]) =>
      cli(['localize', '--input', sample, '--target', 'en-US', '--out', join(t.dir, 'out'), '--memory', join(t.dir, 'memory.sqlite'), '--glossary', glossary, '--no-condense', '--json', ...extra], root, t.env);
    const targetOf = (text: string, id: string) => new RegExp(`<trans-unit id="${id}"[^>]*>[\\s\\S]*?<target[^>]*>([\\s\\S]*?)</target>`).exec(text)![1]!;
    /** Sets a trans-unit's target, its state as it was: an edit nobody confirmed. */
    const setTarget = (text: string, id: string, target: string) => text.replace(new RegExp(`(<trans-unit id="${id}"[^>]*>[\\s\\S]*?<target[^>]*>)[\\s\\S]*?(</target>)`), `$1${target}$2`);
    const dispatchCue = () => source.cues.find((c) => c.lines.flat().some((x) => x.text.includes('派单')))!.id;

    it('replaces a cue left as subloc wrote it with its new draft, also where no track format is written, importing the confirmed edit', async () => {
      expect((await localize(changed('dispatch', 'alpha routing'), '--formats', '')).code).toBe(0);
      const before = targetOf(readFileSync(xliff(), 'utf8'), dispatchCue());
      expect(before).toContain('alpha routing');
      writeFileSync(xliff(), approve(readFileSync(xliff(), 'utf8'), '1', 'Beijing, seven in the morning.'));
      const r = await localize(changed('dispatch', 'beta routing'), '--formats', '');
      expect(r.stderr).toContain('1 unit imported (1 approved)');
      expect(r.code).toBe(0);
      const after = readFileSync(xliff(), 'utf8');
      expect(targetOf(after, dispatchCue())).toContain('beta routing');
      expect(targetOf(after, '1')).toBe('Beijing, seven in the morning.');
    });

    it('refuses to write over a cue set back, unconfirmed, to an earlier draft of subloc', async () => {
      expect((await localize(changed('dispatch', 'alpha routing'))).code).toBe(0);
      const alpha = targetOf(readFileSync(xliff(), 'utf8'), dispatchCue());
      expect((await localize(changed('dispatch', 'beta routing'))).code).toBe(0);
      writeFileSync(xliff(), setTarget(readFileSync(xliff(), 'utf8'), dispatchCue(), alpha));
      const r = await localize(changed('dispatch', 'beta routing'));
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(`the translation of cue ${dispatchCue()} would be lost`);
      expect(targetOf(readFileSync(xliff(), 'utf8'), dispatchCue())).toBe(alpha);
    });
  });
});
