import { readFileSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { parse } from '../../src/formats/parse.js';
import { textWidth } from '../../src/model/language.js';
import type { RunReport } from '../../src/pipeline/report.js';
import { characterBudget } from '../../src/qc/budget.js';
import { loadProfile } from '../../src/qc/index.js';
import { cli } from '../helpers/cli.js';
import { STRICT_INSTRUCTION } from '../../src/translate/deepl/condense.js';
import { deeplPerTest } from '../helpers/deepl-fixture.js';
import { approve } from '../helpers/xliff-approve.js';

const root = resolve(import.meta.dirname, '../..');
const KEY = 'secret-test-key-c0nd:fx';
const LONG = 'nous avons parlé avec beaucoup de gens dans la ville pendant toute la journée.';
/** A short cue with time to spare, then a long one shown for a second: only the second is over its budget. */
const SRT = `1\n00:00:01,000 --> 00:00:04,000\nBonjour.\n\n2\n00:00:05,000 --> 00:00:06,000\n${LONG}\n`;

describe('subloc localize: DeepL drafts that aim for the budget', () => {
  const t = deeplPerTest(KEY);

  const runText = (...extra: string[]) => {
    const input = join(t.dir, 'ville.fr-FR.srt');
    writeFileSync(input, SRT);
    return cli(['localize', '--input', input, '--target', 'en-US,pt-BR', '--out', join(t.dir, 'out'), '--memory', join(t.dir, 'memory.sqlite'), ...extra], root, t.env);
  };
  const run = (...extra: string[]) => runText('--json', ...extra);
  const translateRequests = () => t.deepl.state.requests.filter((r) => r.path === '/v2/translate' && r.status === 200).map((r) => r.params!);
  const instructed = (params: Map<string, string[]>) => params.get('custom_instructions') ?? [];

  it('sends instructions only for a supported target, asks again only the unit over budget, keeps the shorter draft, bills nothing on a re-run', async () => {
    const first = await run();
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    const report = JSON.parse(first.stdout) as RunReport;
    const requests = translateRequests();
    const en = requests.filter((p) => p.get('target_lang')?.[0] === 'en-US');
    const pt = requests.filter((p) => p.get('target_lang')?.[0] === 'pt-BR');
    expect(pt.length).toBeGreaterThan(0);
    expect(pt.every((p) => instructed(p).length === 0 && !p.has('model_type'))).toBe(true);
    expect(en.every((p) => instructed(p).length > 0 && p.get('model_type')?.[0] === 'quality_optimized')).toBe(true);
    // The second pass: one request, for the long unit alone, with the strict instruction.
    const second = en.filter((p) => instructed(p).length === 3);
    expect(second.map((p) => p.get('text'))).toEqual([[expect.stringContaining('nous avons parlé')]]);
    expect(instructed(second[0]!)[2]).toBe(STRICT_INSTRUCTION);

    const enReport = report.languages.find((l) => l.language === 'en-US')!;
    expect(enReport.condense).toEqual({ overBudgetFirst: 1, overBudgetSecond: 0, billedSecondPass: [...LONG].length });
    const ptReport = report.languages.find((l) => l.language === 'pt-BR')!;
    expect(ptReport.condense).toBeUndefined();
    // Not asked to be shorter, but flagged where over, on the long cue only (qc.json has QC's own reading-speed findings).
    expect(ptReport.diagnostics.filter((d) => d.code === 'deepl/over-budget').map((d) => d.cueId)).toEqual(['2']);
    expect(enReport.diagnostics.filter((d) => d.code === 'deepl/over-budget')).toEqual([]);
    expect(report.totals.billedCharacters).toBe(t.deepl.state.billedCharacters);

    const track = parse(readFileSync(join(t.dir, 'out/ville/en-US/ville.en-US.srt'))).track;
    const kept = track.cues[1]!.lines.map((line) => line.map((s) => s.text).join('')).join('');
    const budget = characterBudget(1000, loadProfile('default', root), 'en-US');
    expect(textWidth(kept, 'en-US')).toBeLessThanOrEqual(1.1 * budget);
    expect(kept.startsWith('[EN-US] NOUS')).toBe(true);

    t.deepl.reset();
    const again = JSON.parse((await run()).stdout) as RunReport;
    expect(t.deepl.state.translateRequests).toBe(0);
    expect(t.deepl.state.billedCharacters).toBe(0);
    expect(again.totals.billedCharacters).toBe(0);
  });

  it('keeps the first draft when the shorter one dropped a speaker or the italics', async () => {
    const input = join(t.dir, 'rue.fr-FR.srt');
    writeFileSync(input, `1\n00:00:01,000 --> 00:00:02,000\n- Dans quel arrondissement habitez-vous exactement, madame ?\n- <i>Dongcheng, le sous-district de Dongsi, près du marché.</i>\n`);
    // The second pass answers with the first speaker alone: shorter, its markup whole, no glossary finding.
    t.deepl.options.postprocess = (text, _i, ctx) => ((ctx.params.get('custom_instructions') ?? []).includes(STRICT_INSTRUCTION) ? text.replace(/\n[^\n]*$/, '') : text);
    const result = await cli(['localize', '--input', input, '--target', 'en-US', '--out', join(t.dir, 'out'), '--memory', join(t.dir, 'memory.sqlite'), '--json'], root, t.env);
    expect(result.code, result.stderr).toBe(0);
    expect(translateRequests().filter((p) => instructed(p).includes(STRICT_INSTRUCTION))).toHaveLength(1);
    const lines = parse(readFileSync(join(t.dir, 'out/rue/en-US/rue.en-US.srt'))).track.cues[0]!.lines;
    expect(lines).toHaveLength(2);
    expect(lines[1]!.some((s) => s.italic === true)).toBe(true);
    expect(lines[1]!.map((s) => s.text).join('')).toMatch(/^- DONGCHENG/);
  });

  it('asks five consecutive units over budget again in one request, keeps each one\'s shorter draft, bills nothing on a re-run', async () => {
    const openings = ['Alors', 'Puis', 'Ensuite', 'Enfin', 'Donc'];
    const cues = openings.map((w, i) => `${i + 2}\n00:00:${String(5 + 2 * i).padStart(2, '0')},000 --> 00:00:${String(6 + 2 * i).padStart(2, '0')},000\n${w} ${LONG}\n`);
    const input = join(t.dir, 'ville.fr-FR.srt');
    writeFileSync(input, `1\n00:00:01,000 --> 00:00:04,000\nBonjour.\n\n${cues.join('\n')}`);
    const args = ['localize', '--input', input, '--target', 'en-US', '--out', join(t.dir, 'out'), '--memory', join(t.dir, 'memory.sqlite'), '--json'];
    const first = await cli(args, root, t.env);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    const report = JSON.parse(first.stdout) as RunReport;
    const second = translateRequests().filter((p) => instructed(p).includes(STRICT_INSTRUCTION));
    expect(second).toHaveLength(1);
    expect(second[0]!.get('text')).toEqual(openings.map((w) => expect.stringContaining(`>${w} nous avons parlé`)));
    const en = report.languages.find((l) => l.language === 'en-US')!;
    expect(en.condense).toEqual({ overBudgetFirst: 5, overBudgetSecond: 0, billedSecondPass: openings.reduce((n, w) => n + [...`${w} ${LONG}`].length, 0) });
    expect(report.totals.billedCharacters).toBe(t.deepl.state.billedCharacters);
    const track = parse(readFileSync(join(t.dir, 'out/ville/en-US/ville.en-US.srt'))).track;
    const budget = characterBudget(1000, loadProfile('default', root), 'en-US');
    track.cues.slice(1).forEach((cue, i) => {
      const kept = cue.lines.map((line) => line.map((s) => s.text).join('')).join('');
      expect(kept.startsWith(`[EN-US] ${openings[i]!.toUpperCase()}`)).toBe(true);
      expect(textWidth(kept, 'en-US')).toBeLessThanOrEqual(1.1 * budget);
    });

    t.deepl.reset();
    const again = JSON.parse((await cli(args, root, t.env)).stdout) as RunReport;
    expect(t.deepl.state.translateRequests).toBe(0);
    expect(again.totals.billedCharacters).toBe(0);
  });

  it('asks a unit the quota stopped between its two requests only the second time on the next run, which reports it', async () => {
    const input = join(t.dir, 'ville.fr-FR.srt');
    writeFileSync(input, SRT);
    const memory = join(t.dir, 'memory.sqlite');
    const args = ['localize', '--input', input, '--target', 'en-US', '--out', join(t.dir, 'out'), '--memory', memory, '--json'];
    // The first pass fits the quota; the second request does not.
    t.deepl.options.characterLimit = [...'Bonjour.'].length + [...LONG].length + 10;
    const stopped = await cli(args, root, t.env);
    expect(stopped.code).toBe(1);
    expect(stopped.stderr).toMatch(/quota/i);
    const providers = () => {
      const db = new Database(memory, { readonly: true });
      try {
        return db.prepare('SELECT provider FROM entry ORDER BY provider').all().map((r) => (r as { provider: string }).provider);
      } finally {
        db.close();
      }
    };
    expect(providers()).toEqual(['deepl', 'deepl:held']);
    expect((await cli(['memory', 'stats', '--memory', memory], root)).stdout).toContain('(draft 2, of them 1 waiting for their second request to DeepL, reviewed 0, approved 0)');
    // Held by a machine whose clock runs a day ahead of this one: the final draft still goes over it.
    const db = new Database(memory);
    db.prepare("UPDATE entry SET updated_at = '2099-01-01T00:00:00.000Z' WHERE provider = 'deepl:held'").run();
    db.close();

    t.deepl.options.characterLimit = 1_000_000;
    t.deepl.reset();
    const resumed = await cli(args, root, t.env);
    expect(resumed.stderr).toBe('');
    expect(resumed.code).toBe(0);
    const requests = translateRequests();
    expect(requests.map((p) => [p.get('text'), instructed(p).includes(STRICT_INSTRUCTION)])).toEqual([[[expect.stringContaining('nous avons parlé')], true]]);
    const en = (JSON.parse(resumed.stdout) as RunReport).languages[0]!;
    expect(en.condense).toEqual({ overBudgetFirst: 1, overBudgetSecond: 0, billedSecondPass: [...LONG].length });
    expect(en.billedCharacters).toBe([...LONG].length);
    const kept = parse(readFileSync(join(t.dir, 'out/ville/en-US/ville.en-US.srt'))).track.cues[1]!.lines.flat().map((s) => s.text).join('');
    expect(textWidth(kept, 'en-US')).toBeLessThanOrEqual(1.1 * characterBudget(1000, loadProfile('default', root), 'en-US'));
    expect(providers()).toEqual(['deepl', 'deepl']);

    t.deepl.reset();
    expect((await cli(args, root, t.env)).code).toBe(0);
    expect(t.deepl.state.translateRequests).toBe(0);
  });

  it('keeps the first draft, flagged, and writes the language when DeepL refuses (400) the request for a shorter one', async () => {
    t.deepl.fail({ type: 'status', status: 400, message: 'Bad request', detail: 'Custom instruction rejected', contains: STRICT_INSTRUCTION, in: 'custom_instructions', times: 100 });
    const r = await run();
    expect(r.code, r.stderr).toBe(0);
    const en = (JSON.parse(r.stdout) as RunReport).languages.find((l) => l.language === 'en-US')!;
    expect(en.untranslated).toBe(0);
    const flagged = en.diagnostics.filter((d) => d.code === 'deepl/over-budget');
    expect(flagged.map((d) => d.cueId)).toEqual(['2']);
    expect(flagged[0]!.message).toContain('Custom instruction rejected');
    const kept = parse(readFileSync(join(t.dir, 'out/ville/en-US/ville.en-US.srt'))).track.cues[1]!.lines.flat().map((s) => s.text).join('');
    expect(kept.startsWith('[EN-US] NOUS AVONS PARLÉ')).toBe(true);
    expect(t.deepl.state.requests.filter((q) => q.status === 400)).toHaveLength(1);
  });

  /** Runs `args` with the quota just above the first pass of SRT-like `text`: its long units are left held. */
  const stopBetweenPasses = async (text: string, firstPass: number, args: string[]) => {
    writeFileSync(join(t.dir, 'ville.fr-FR.srt'), text);
    t.deepl.options.characterLimit = firstPass + 10;
    expect((await cli(args, root, t.env)).code).toBe(1);
    t.deepl.options.characterLimit = 1_000_000;
    t.deepl.reset();
  };
  const argsFor = (...extra: string[]) => ['localize', '--input', join(t.dir, 'ville.fr-FR.srt'), '--target', 'en-US', '--out', join(t.dir, 'out'), '--memory', join(t.dir, 'memory.sqlite'), '--json', ...extra];

  it('writes the held first draft, flagged, when DeepL cannot be reached for its second request, glossary and all', async () => {
    const glossary = join(t.dir, 'glossary.json');
    writeFileSync(glossary, JSON.stringify({ version: 1, sourceLanguage: 'fr-FR', terms: [{ id: 'ville', source: 'ville', targets: { 'en-US': { preferred: 'city' } } }] }));
    await stopBetweenPasses(SRT, [...'Bonjour.'].length + [...LONG].length, argsFor('--glossary', glossary));
    // No network: a port nothing listens on.
    const closed = createServer();
    await new Promise<void>((done) => closed.listen(0, '127.0.0.1', done));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((done) => closed.close(done));
    const offline = await cli(argsFor('--glossary', glossary), root, { ...t.env, DEEPL_SERVER_URL: `http://127.0.0.1:${port}` });
    expect(offline.code, offline.stderr).toBe(0);
    const en = (JSON.parse(offline.stdout) as RunReport).languages[0]!;
    expect(en.untranslated).toBe(0);
    expect(en.billedCharacters).toBe(0);
    const flagged = en.diagnostics.filter((d) => d.code === 'deepl/over-budget');
    expect(flagged.map((d) => d.cueId)).toEqual(['2']);
    expect(flagged[0]!.message).toContain('ECONNREFUSED');
    const kept = parse(readFileSync(join(t.dir, 'out/ville/en-US/ville.en-US.srt'))).track.cues[1]!.lines.flat().map((s) => s.text).join('');
    expect(kept.startsWith('[EN-US] NOUS AVONS PARLÉ')).toBe(true);
    // Still held: the next run that reaches DeepL asks it the second time, and only that.
    const resumed = await cli(argsFor('--glossary', glossary), root, t.env);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(translateRequests().map((p) => instructed(p).includes(STRICT_INSTRUCTION))).toEqual([true]);
  });

  it('takes a held draft that fits the budget of the profile now as it is, and a dry run counts a held text once however often it repeats', async () => {
    const twice = `${SRT}\n3\n00:00:07,000 --> 00:00:08,000\n${LONG}\n`;
    await stopBetweenPasses(twice, [...'Bonjour.'].length + [...LONG].length, argsFor());
    const estimate = (JSON.parse((await cli(argsFor('--dry-run'), root, t.env)).stdout) as RunReport).languages[0]!;
    expect(estimate.condense).toEqual({ overBudgetFirst: 1, overBudgetSecond: 0, billedSecondPass: [...LONG].length });
    const roomy = join(t.dir, 'roomy.json');
    writeFileSync(roomy, JSON.stringify({ extends: 'default', name: 'Roomy', readingSpeed: { value: { default: 200, en: 200 }, source: 'test' }, maxCharsPerLine: { value: { default: 60 }, source: 'test' } }));
    const fits = await cli(argsFor('--profile', roomy), root, t.env);
    expect(fits.code, fits.stderr).toBe(0);
    expect(t.deepl.state.translateRequests).toBe(0);
    expect((JSON.parse(fits.stdout) as RunReport).languages[0]!.condense).toEqual({ overBudgetFirst: 0, overBudgetSecond: 0, billedSecondPass: 0 });
  });

  it('imports a confirmed XLIFF edit and replaces the held draft the file still shows, not taking that for a lost edit', async () => {
    await stopBetweenPasses(SRT, [...'Bonjour.'].length + [...LONG].length, argsFor());
    // The review package of a run that took the held draft as it is.
    expect((await cli(argsFor('--no-condense'), root, t.env)).code).toBe(0);
    const xliff = join(t.dir, 'out/ville/en-US/ville.en-US.xlf');
    writeFileSync(xliff, approve(readFileSync(xliff, 'utf8'), '1', 'Hello there.'));
    const resumed = await cli(argsFor(), root, t.env);
    expect(resumed.stderr).toContain('1 unit imported (1 approved)');
    expect(resumed.stderr).not.toContain('would be lost');
    expect(resumed.code).toBe(0);
    expect(translateRequests().map((p) => instructed(p).includes(STRICT_INSTRUCTION))).toEqual([true]);
    const cues = parse(readFileSync(join(t.dir, 'out/ville/en-US/ville.en-US.srt'))).track.cues.map((c) => c.lines.flat().map((x) => x.text).join(' '));
    expect(cues[0]).toBe('Hello there.');
    expect(textWidth(cues[1]!, 'en-US')).toBeLessThanOrEqual(1.1 * characterBudget(1000, loadProfile('default', root), 'en-US'));
  });

  it('refuses to write over cues of one source text a translator swapped, unconfirmed, though subloc wrote both texts', async () => {
    const twice = 'dans la ville de Paris avec tous nos amis.';
    writeFileSync(
      join(t.dir, 'ville.fr-FR.srt'),
      `1\n00:00:01,000 --> 00:00:03,000\nNous sommes allés\n\n2\n00:00:03,100 --> 00:00:09,000\n${twice}\n\n3\n00:00:10,000 --> 00:00:12,000\nIls sont allés\n\n4\n00:00:12,100 --> 00:00:13,000\n${twice}\n`,
    );
    expect((await cli(argsFor(), root, t.env)).code).toBe(0);
    const xliff = join(t.dir, 'out/ville/en-US/ville.en-US.xlf');
    const written = readFileSync(xliff, 'utf8');
    const target = (id: string) => new RegExp(`<trans-unit id="${id}"[^>]*>[\\s\\S]*?<target[^>]*>([\\s\\S]*?)</target>`).exec(written)![1]!;
    const [second, fourth] = [target('2'), target('4')];
    expect(second).not.toBe(fourth);
    const set = (text: string, id: string, to: string) => text.replace(new RegExp(`(<trans-unit id="${id}"[^>]*>[\\s\\S]*?<target[^>]*>)[\\s\\S]*?(</target>)`), `$1${to}$2`);
    writeFileSync(xliff, set(set(written, '2', fourth), '4', second));
    const again = await cli(argsFor(), root, t.env);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/the translations of cues 2, 4 would be lost/);
  });

  it('--no-condense takes a held first draft as it is, asking nothing', async () => {
    const input = join(t.dir, 'ville.fr-FR.srt');
    writeFileSync(input, SRT);
    const args = ['localize', '--input', input, '--target', 'en-US', '--out', join(t.dir, 'out'), '--memory', join(t.dir, 'memory.sqlite'), '--json'];
    t.deepl.options.characterLimit = [...'Bonjour.'].length + [...LONG].length + 10;
    expect((await cli(args, root, t.env)).code).toBe(1);
    t.deepl.options.characterLimit = 1_000_000;
    t.deepl.reset();
    // A dry run counts the held unit's second request in what it would bill.
    const estimate = (JSON.parse((await cli([...args, '--dry-run'], root, t.env)).stdout) as RunReport).languages[0]!;
    expect(estimate.condense).toEqual({ overBudgetFirst: 1, overBudgetSecond: 0, billedSecondPass: [...LONG].length });
    expect(estimate.billedCharacters).toBe([...LONG].length);
    const taken = await cli([...args, '--no-condense'], root, t.env);
    expect(taken.code).toBe(0);
    expect(t.deepl.state.translateRequests).toBe(0);
    expect((JSON.parse(taken.stdout) as RunReport).languages[0]!.fromMemory).toBe(2);
  });

  it('--no-condense drafts every target as before', async () => {
    const result = await run('--no-condense');
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as RunReport;
    expect(translateRequests().every((p) => instructed(p).length === 0 && !p.has('model_type'))).toBe(true);
    expect(report.languages.every((l) => l.condense === undefined)).toBe(true);
  });

  it('--dry-run estimates the second pass from the source length, sending nothing', async () => {
    const result = await run('--dry-run');
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as RunReport;
    expect(t.deepl.state.translateRequests).toBe(0);
    const en = report.languages.find((l) => l.language === 'en-US')!;
    expect(en.condense).toEqual({ overBudgetFirst: 1, overBudgetSecond: 0, billedSecondPass: [...LONG].length });
    expect(en.billedCharacters).toBe([...'Bonjour.'].length + 2 * [...LONG].length);
    expect(report.languages.find((l) => l.language === 'pt-BR')!.billedCharacters).toBe([...'Bonjour.'].length + [...LONG].length);
  });

  it('--dry-run says the second pass it estimates beside each language it would condense', async () => {
    const result = await runText('--dry-run');
    expect(result.code).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines.find((l) => l.trim().startsWith('en-US'))).toContain(`of which about ${[...LONG].length} characters are the second request for 1 units over budget`);
    expect(lines.find((l) => l.trim().startsWith('pt-BR'))).not.toContain('second request');
  });

  it("says on each language's summary line how many units were over budget and asked again", async () => {
    const result = await runText();
    expect(result.code).toBe(0);
    const lines = result.stderr.split('\n');
    expect(lines.find((l) => l.trim().startsWith('en-US'))).toContain('1 over budget asked again, 0 still over');
    expect(lines.find((l) => l.trim().startsWith('pt-BR'))).not.toContain('over budget');
  });
  it("asks a language's second pass before another language's first requests, so that each language ends as soon as it can", async () => {
    // One request at a time: en-US's first request is answered while pt-BR's waits; en-US's second pass goes next.
    const first = await run('--concurrency', '1');
    expect(first.code, first.stderr).toBe(0);
    const order = translateRequests().map((p) => `${p.get('target_lang')?.[0]}${instructed(p).includes(STRICT_INSTRUCTION) ? ' (second pass)' : ''}`);
    expect(order).toEqual(['en-US', 'en-US (second pass)', 'pt-BR']);
  });
});
