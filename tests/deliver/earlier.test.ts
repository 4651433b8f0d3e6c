import { describe, expect, it } from 'vitest';
import { withEarlier } from '../../src/deliver/earlier.js';
import { deliveryRun, type Manifest, type ManifestFile, type ManifestLanguage } from '../../src/deliver/manifest.js';

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

function manifest(over: Partial<Manifest>): Manifest {
  return {
    tool: { name: 'subloc', version: '0' },
    created: '2026-12-01T10:00:00.000Z',
    title: 'film',
    profile: 'festival',
    qcProfile: 'festival',
    source: { language: 'zh-Hans', frameRate: '24' },
    frameRate: '24',
    retimed: false,
    start: '00:00:00:00',
    qcErrorsAllowed: false,
    draftsAllowed: false,
    timingFixed: true,
    languages: [],
    files: [],
    ...over,
  };
}

describe('withEarlier', () => {
  // An earlier manifest, written before languages recorded the run that delivered them.
  const previous = manifest({ languages: [lang('en-US', true), lang('pt-BR', false, 'pt-BR: old refusal'), lang('de-DE', true)], files: [file('en-US', 'a.srt'), file('de-DE', 'a.srt')] });
  // de-DE's folder is gone from the disk: it is not among the earlier languages any more.
  const earlier = { languages: [lang('en-US', true), lang('pt-BR', false, 'pt-BR: old refusal')], files: [file('en-US', 'a.srt')] };
  const later = { created: '2026-12-02T10:00:00.000Z', profile: 'strict', qcProfile: 'strict', start: '01:00:00:00', qcErrorsAllowed: true, timingFixed: false };

  it('keeps an earlier delivery of a language this run refuses, with the refusal beside it, and takes this run’s word for the others', () => {
    const refusedNow = { ...lang('en-US', false, 'en-US: refused now'), qc: { errors: 111, warnings: 4 } };
    const fr = { ...lang('fr-FR', true), delivery: deliveryRun(manifest(later)) };
    const run = manifest({ ...later, languages: [fr, refusedNow, lang('pt-BR', false, 'pt-BR: refused again')], files: [file('fr-FR', 'b.srt')] });
    const merged = withEarlier(run, previous, earlier);
    expect(merged.languages).toEqual([
      { ...lang('en-US', true), delivery: deliveryRun(previous), newerRefused: { created: later.created, qcProfile: 'strict', qc: { errors: 111, warnings: 4 }, refusal: 'en-US: refused now' } },
      lang('pt-BR', false, 'pt-BR: refused again'),
      fr,
    ]);
    expect(merged.languages[0]!.delivery).toMatchObject({ profile: 'festival', start: '00:00:00:00', qcErrorsAllowed: false, timingFixed: true });
    expect(merged.files.map((f) => f.path)).toEqual(['en-US/a.srt', 'fr-FR/b.srt']);
  });

  it('keeps the run an earlier language was delivered by when another run delivers other languages', () => {
    const enRun = deliveryRun(manifest({ created: '2026-11-30T10:00:00.000Z', qcErrorsAllowed: true, timingFixed: false, start: '01:00:00:00' }));
    const withRuns = manifest({ languages: [{ ...lang('en-US', true), delivery: enRun }], files: [file('en-US', 'a.srt')] });
    const merged = withEarlier(manifest({ ...later, languages: [lang('fr-FR', true)], files: [file('fr-FR', 'b.srt')] }), withRuns, { languages: withRuns.languages, files: withRuns.files });
    expect(merged.languages[0]).toMatchObject({ language: 'en-US', delivery: enRun });
  });

  it('keeps the source start a language was timed with, and its rate, where a later run counts the source at another or gives none', () => {
    const timed = manifest({ created: '2026-11-30T10:00:00.000Z', source: { language: 'zh-Hans', frameRate: '23.976' }, sourceStart: '01:00:00:00' });
    // An earlier manifest's run fields give a language's run: the start and the rate it counts at go together.
    expect(deliveryRun(timed)).toMatchObject({ start: '00:00:00:00', sourceStart: '01:00:00:00', sourceFrameRate: '23.976' });
    const merged = withEarlier(manifest({ ...later, languages: [lang('fr-FR', true)] }), { ...timed, languages: [lang('en-US', true)] }, { languages: [lang('en-US', true)], files: [] });
    expect(merged.languages[0]!.delivery).toMatchObject({ sourceStart: '01:00:00:00', sourceFrameRate: '23.976' });
    // Without it, nothing: a run's record is what it always was.
    expect(Object.keys(deliveryRun(manifest({})))).toEqual(['created', 'profile', 'qcProfile', 'frameRate', 'retimed', 'start', 'qcErrorsAllowed', 'draftsAllowed', 'timingFixed']);
  });

  it('puts files of a folder no manifest entry names last', () => {
    const merged = withEarlier(manifest({ languages: [lang('fr-FR', true)], files: [file('fr-FR', 'b.srt')] }), undefined, { languages: [], files: [file('xx', 'a.srt')] });
    expect(merged.files.map((f) => f.path)).toEqual(['fr-FR/b.srt', 'xx/a.srt']);
  });
});
