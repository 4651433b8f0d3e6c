import { cpSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, tempDir } from '../helpers/cli.js';

const root = resolve(import.meta.dirname, '../..');

describe('qc.json', () => {
  it('judges numbers as `subloc qc --glossary` does: a glossary rendering’s own number (12345) is no added number', async () => {
    const dir = tempDir('subloc-qc-json-');
    for (const path of ['subloc.config.json', 'glossary.json', 'subtitles']) cpSync(join(root, path), join(dir, path), { recursive: true });
    const run = await cli(['localize', '--config', 'subloc.config.json', '--target', 'de-DE'], dir);
    expect(run.code, run.stderr).toBe(0);
    const findings = (JSON.parse(readFileSync(join(dir, 'out/hotline-beijing/de-DE/qc.json'), 'utf8')) as { findings: { code: string; message: string; cueId?: string }[] }).findings;
    expect(findings.filter((f) => f.code === 'qc/numbers' && f.message.includes('`12345`'))).toEqual([]);
    const track = 'out/hotline-beijing/de-DE/hotline-beijing.de-DE.srt';
    const qc = await cli(['qc', track, '--source', 'subtitles/hotline-beijing.zh-Hans.srt', '--glossary', 'glossary.json', '--json'], dir);
    const numbers = (list: { code: string; cueId?: string }[]) => list.filter((f) => f.code === 'qc/numbers').map((f) => f.cueId);
    expect(numbers(findings)).toEqual(numbers((JSON.parse(qc.stdout) as { findings: { code: string; cueId?: string }[] }).findings));
  }, 60_000);
});
