import { describe, expect, it } from 'vitest';
import { withEarlier } from '../../src/deliver/earlier.js';
import type { Manifest, ManifestFile, ManifestLanguage } from '../../src/deliver/manifest.js';

const lang = (language: string, delivered: boolean, refusal?: string): ManifestLanguage => ({
  language,
  delivered,
  cues: 3,
  approved: 3,
  reviewed: 0,
  drafts: 0,
  untranslated: 0,
  qc: { errors: 0, warnings: 0 },
  ...(refusal === undefined ? {} : { refusal }),
});
const file = (language: string, name: string): ManifestFile => ({ path: `${language}/${name}`, language, format: 'srt', bytes: 1, sha256: name });

describe('withEarlier', () => {
  const previous = { languages: [lang('en-US', true), lang('pt-BR', false, 'pt-BR: old refusal'), lang('de-DE', true)], files: [file('en-US', 'a.srt'), file('de-DE', 'a.srt')] } as Manifest;
  // de-DE's folder is gone from the disk: it is not among the earlier languages any more.
  const earlier = { languages: [lang('en-US', true), lang('pt-BR', false, 'pt-BR: old refusal')], files: [file('en-US', 'a.srt')] };

  it('keeps an earlier delivery of a language this run refuses, and takes this run’s word for the others', () => {
    const run = { languages: [lang('fr-FR', true), lang('en-US', false, 'en-US: refused now'), lang('pt-BR', false, 'pt-BR: refused again')], files: [file('fr-FR', 'b.srt')] };
    const merged = withEarlier(run, previous, earlier);
    expect(merged.languages).toEqual([lang('en-US', true), lang('pt-BR', false, 'pt-BR: refused again'), lang('fr-FR', true)]);
    expect(merged.files.map((f) => f.path)).toEqual(['en-US/a.srt', 'fr-FR/b.srt']);
  });

  it('puts files of a folder no manifest entry names last', () => {
    const merged = withEarlier({ languages: [lang('fr-FR', true)], files: [file('fr-FR', 'b.srt')] }, undefined, { languages: [], files: [file('xx', 'a.srt')] });
    expect(merged.files.map((f) => f.path)).toEqual(['fr-FR/b.srt', 'xx/a.srt']);
  });
});
