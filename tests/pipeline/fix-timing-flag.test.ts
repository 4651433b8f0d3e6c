import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Manifest } from '../../src/deliver/manifest.js';
import { parse } from '../../src/formats/parse.js';
import type { RunReport } from '../../src/pipeline/report.js';
import { cli } from '../helpers/cli.js';
import { localizeSample } from '../helpers/localize-sample.js';

const root = resolve(import.meta.dirname, '../..');
const config = join(root, 'subloc.config.json');

describe('--fix-timing on localize and deliver (the sample)', () => {
  let dir: string;
  let memory: string;
  // The sample is timed to the default profile already (`subloc timing fix`): the festival's 2 s minimum leaves work for the fix.
  beforeAll(async () => {
    ({ work: dir, memory } = await localizeSample('plain', '--target', 'en-US,ja-JP', '--profile', 'festival'));
  });

  it('localize times the source once, for every language, and lists each change in run.json', async () => {
    const result = await cli(['localize', '--config', config, '--target', 'en-US,ja-JP', '--profile', 'festival', '--out', join(dir, 'timed'), '--memory', memory, '--fix-timing', '--json'], root);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as RunReport;
    expect(report.timingChanges!.length).toBeGreaterThan(0);
    const track = (out: string, lang: string) => parse(readFileSync(join(dir, out, 'hotline-beijing', lang, `hotline-beijing.${lang}.srt`))).track;
    for (const lang of ['en-US', 'ja-JP']) {
      const [plain, timed] = [track('plain', lang), track('timed', lang)];
      expect(timed.cues.map((c) => c.lines)).toEqual(plain.cues.map((c) => c.lines));
      for (const change of report.timingChanges!) {
        const cue = timed.cues.find((c) => c.id === change.cueId)!;
        expect(change.edge === 'in' ? cue.start : cue.end).toBe(change.after);
      }
    }
    const plainReport = JSON.parse(readFileSync(join(dir, 'plain/hotline-beijing/run.json'), 'utf8')) as RunReport;
    expect(plainReport.timingChanges).toBeUndefined();
  });

  it('deliver times each language before the festival gate, fewer cues refused, and the manifest says so', async () => {
    const errors = (m: Manifest) => m.languages.reduce((n, l) => n + l.qc.errors, 0);
    const run = async (out: string, ...extra: string[]) => {
      await cli(['deliver', '--config', config, '--language', 'en-US,ja-JP', '--memory', memory, '--out', join(dir, out), '--allow-qc-errors', ...extra], root);
      return JSON.parse(readFileSync(join(dir, out, 'hotline-beijing/manifest.json'), 'utf8')) as Manifest;
    };
    const [plain, timed] = [await run('d-plain'), await run('d-timed', '--fix-timing')];
    expect(plain.timingFixed).toBe(false);
    expect(timed.timingFixed).toBe(true);
    expect(timed.languages.every((l) => (l.timingChanges ?? 0) > 0)).toBe(true);
    expect(errors(timed)).toBeLessThan(errors(plain));
  });
});
