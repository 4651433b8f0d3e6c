import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { diagnostic } from '../../src/model/diagnostic.js';
import type { RunReport } from '../../src/pipeline/report.js';
import { repetitions } from '../../src/pipeline/repetitions.js';
import { cli } from '../helpers/cli.js';
import { deeplPerTest } from '../helpers/deepl-fixture.js';

const root = resolve(import.meta.dirname, '../..');
const KEY = 'secret-test-key-rep3:fx';
const GREETING = 'Allô, ici le 12345, que puis-je faire pour vous ?';
/** The greeting opens three calls (the second shown for less than a second), `Oui.` answers twice. */
const CUES: [start: string, end: string, text: string][] = [
  ['00:00:01,000', '00:00:04,000', GREETING],
  ['00:00:05,000', '00:00:07,000', 'Mon ascenseur est en panne depuis une semaine.'],
  ['00:00:08,000', '00:00:08,900', GREETING],
  ['00:00:10,000', '00:00:11,000', 'Oui.'],
  ['00:00:12,000', '00:00:13,000', 'Oui.'],
  ['00:00:14,000', '00:00:18,000', GREETING],
];
const SRT = CUES.map(([start, end, text], i) => `${i + 1}\n${start} --> ${end}\n${text}\n`).join('\n');

describe('subloc localize: a text that repeats in a film', () => {
  const t = deeplPerTest(KEY);

  const run = (...extra: string[]) => {
    const input = join(t.dir, 'appels.fr-FR.srt');
    writeFileSync(input, SRT);
    return cli(['localize', '--input', input, '--target', 'en-US,pt-BR', '--out', join(t.dir, 'out'), '--memory', join(t.dir, 'memory.sqlite'), '--formats', 'srt', '--json', ...extra], root, t.env);
  };
  /** Each text DeepL was sent for `target`, its cue markup taken off, with how often. */
  const sent = (target: string) => {
    const counts = new Map<string, number>();
    for (const r of t.deepl.state.requests) {
      if (r.path !== '/v2/translate' || r.status !== 200 || r.params?.get('target_lang')?.[0] !== target || (r.params.get('custom_instructions') ?? []).length === 3) continue;
      for (const text of r.params.get('text') ?? []) counts.set(text.replace(/<[^>]*>/g, ''), (counts.get(text.replace(/<[^>]*>/g, '')) ?? 0) + 1);
    }
    return counts;
  };
  const track = (target: string) => readFileSync(join(t.dir, 'out', 'appels', target, `appels.${target}.srt`), 'utf8');

  it('drafts and bills each text once, and gives every cue that repeats it the same draft', async () => {
    const result = await run();
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as RunReport;
    for (const target of ['en-US', 'pt-BR']) {
      expect(sent(target)).toEqual(new Map([GREETING, 'Mon ascenseur est en panne depuis une semaine.', 'Oui.'].map((text) => [text, 1])));
      const language = report.languages.find((l) => l.language === target)!;
      expect(language.machine).toBe(6);
      expect(language.untranslated).toBe(0);
      const blocks = track(target).trim().split(/\n\n/).map((b) => b.split('\n').slice(2).join(' '));
      // The loopback server's translation is the text upper-cased, cut to its budget where it is given one (en-US).
      expect(blocks[0]).toContain('ALLÔ, ICI');
      expect([blocks[2], blocks[5]]).toEqual([blocks[0], blocks[0]]);
      expect(blocks[3]).toContain('OUI.');
      expect(blocks[4]).toBe(blocks[3]);
    }
    const billed = t.deepl.state.requests.filter((r) => r.path === '/v2/translate' && r.status === 200);
    expect(report.totals.billedCharacters).toBe(t.deepl.state.billedCharacters);
    expect(billed.length).toBeGreaterThan(0);
  });

  it('aims the one draft of a repeated text at the smallest budget of its cues, so it fits each of them', async () => {
    const result = await run();
    expect(result.code).toBe(0);
    const qc = JSON.parse(readFileSync(join(t.dir, 'out', 'appels', 'en-US', 'qc.json'), 'utf8')) as { budgets: { cueId: string; budget: number }[] };
    const budgets = qc.budgets.filter((b) => ['1', '3', '6'].includes(b.cueId)).map((b) => b.budget);
    expect(new Set(budgets).size).toBeGreaterThan(1);
    const greeting = t.deepl.state.requests
      .filter((r) => r.path === '/v2/translate' && r.params?.get('target_lang')?.[0] === 'en-US')
      .flatMap((r) => r.params!.get('text') ?? [])
      .filter((text) => text.includes('Allô'));
    expect(greeting.length).toBeGreaterThan(0);
    for (const text of greeting) expect(text).toContain(`max="${Math.min(...budgets)}"`);
  });

  it('counts each text once in what a dry run says would be billed', async () => {
    const dry = JSON.parse((await run('--dry-run')).stdout) as RunReport;
    const pt = dry.languages.find((l) => l.language === 'pt-BR')!;
    expect(pt.billedCharacters).toBe([...GREETING].length + [...'Mon ascenseur est en panne depuis une semaine.'].length + [...'Oui.'].length);
  });
});

describe('repetitions', () => {
  it('says of every copy what was said of the drafted unit’s cue: a cue not placed is not placed in its copies either', () => {
    const call = (id: string, cues: [string, string]) => ({ id, cueIds: cues, source: ['您好，这里是', '北京市民热线。'] });
    const units = [call('1', ['1', '2']), { id: '3', cueIds: ['3'], source: ['好。'] }, call('4', ['4', '5'])];
    const found = [diagnostic('translate/cue-unplaced', 'warning', 'not placed', { cueId: '2' }), diagnostic('x/other', 'info', 'note', { cueId: '3' })];
    expect(repetitions(units).withCopiedDiagnostics(found).map((d) => [d.code, d.cueId])).toEqual([
      ['translate/cue-unplaced', '2'],
      ['translate/cue-unplaced', '5'],
      ['x/other', '3'],
    ]);
  });
});
