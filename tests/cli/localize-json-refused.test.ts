import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, tempDir } from '../helpers/cli.js';

const SRT = ['1', '00:00:01,000 --> 00:00:03,000', '北京，早上七点。', '', '2', '00:00:04,000 --> 00:00:06,000', '热线开通了。', ''].join('\n');

describe('localize --json on a run that refuses a language', () => {
  it('prints the run.json it wrote, and exits 1 with the refusal on stderr', async () => {
    const dir = tempDir('subloc-json-refused-');
    writeFileSync(join(dir, 'film.zh-Hans.srt'), SRT);
    const localize = () => cli(['localize', '--input', 'film.zh-Hans.srt', '--target', 'fr-FR,de-DE', '--provider', 'pseudo', '--json'], dir, {});
    expect((await localize()).code).toBe(0);
    // An edit left unconfirmed: fr-FR is refused, de-DE written.
    const xlf = join(dir, 'out/film/fr-FR/film.fr-FR.xlf');
    writeFileSync(xlf, readFileSync(xlf, 'utf8').replace(/(<trans-unit id="2"[^>]*>[\s\S]*?<target[^>]*>)[^<]*/, '$1La ligne est ouverte.'));

    const refused = await localize();
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('run.json was written for the languages this run wrote, and lists fr-FR under `refused`');
    expect(refused.stdout).toBe(readFileSync(join(dir, 'out/film/run.json'), 'utf8'));
    expect(JSON.parse(refused.stdout)).toMatchObject({ languages: [{ language: 'de-DE' }], refused: [{ language: 'fr-FR', code: 'REVIEW_NOT_IMPORTED' }] });
  });
});
