import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { parse } from '../../src/formats/parse.js';
import { lineText } from '../../src/model/spans.js';
import { localize } from '../../src/pipeline/localize.js';
import { resolveLocalizeOptions } from '../../src/pipeline/options.js';
import { importReview } from '../../src/pipeline/review-import.js';
import { filmFolder } from '../helpers/film-folder.js';
import { storedEntries } from '../helpers/stored-entries.js';

const SOURCE = '1\n00:00:01,000 --> 00:00:03,000\n北京，早上七点。\n\n2\n00:00:04,000 --> 00:00:06,000\n热线响了。\n';
const EDITED = '1\n00:00:01,200 --> 00:00:03,200\nBeijing, seven in the morning.\n\n2\n00:00:04,200 --> 00:00:06,200\nThe hotline rings.\n';

let dir: string;

beforeEach(async () => {
  dir = await filmFolder('subloc-review-flow-', SOURCE);
});

const stored = () => storedEntries(join(dir, '.subloc/memory.sqlite'));

describe('the review import flow', () => {
  it('imports an edited track, aligned by timing, as the CLI and the studio call it: no CLI, no process.env', async () => {
    writeFileSync(join(dir, 'hotline-beijing.en-US.srt'), EDITED);
    const result = await importReview({ file: 'hotline-beijing.en-US.srt', reviewer: 'Li', cwd: dir, env: {}, now: new Date('2026-12-01T10:00:00Z') });
    expect(result).toMatchObject({ outcome: 'imported', name: 'hotline-beijing.en-US.srt', title: 'hotline-beijing', language: 'en-US', written: { written: 2, kept: 0 } });
    expect((await stored()).map((e) => [e.source, e.target, e.status, e.reviewer, e.updatedAt])).toEqual([
      [['北京，早上七点。'], ['Beijing, seven in the morning.'], 'reviewed', 'Li', '2026-12-01T10:00:00.000Z'],
      [['热线响了。'], ['The hotline rings.'], 'reviewed', 'Li', '2026-12-01T10:00:00.000Z'],
    ]);
  });

  it('keeps the lines a translator broke a cue into, in the memory and in the next track', async () => {
    writeFileSync(join(dir, 'hotline-beijing.en-US.srt'), EDITED.replace('Beijing, seven in the morning.', 'Beijing,\n<i>seven</i> in the morning.'));
    expect(await importReview({ file: 'hotline-beijing.en-US.srt', reviewer: 'Li', cwd: dir, env: {} })).toMatchObject({ outcome: 'imported' });
    expect((await stored())[0]!.target).toEqual(['Beijing,\n<i>seven</i> in the morning.']);
    // The same file again, by the same or another reviewer: nothing new, and no conflict with itself.
    for (const reviewer of ['Li', 'Wang']) {
      const again = await importReview({ file: 'hotline-beijing.en-US.srt', reviewer, cwd: dir, env: {} });
      expect(again).toMatchObject({ outcome: 'imported', plan: { entries: [], unchanged: 2, skipped: 0, diagnostics: [] } });
    }
    const options = await resolveLocalizeOptions({ config: 'subloc.config.json', provider: 'offline', memory: '.subloc/memory.sqlite' }, dir, {});
    await localize(options);
    const track = parse(readFileSync(join(options.out, 'hotline-beijing/en-US/hotline-beijing.en-US.srt'))).track;
    expect(track.cues[0]!.lines.map(lineText)).toEqual(['Beijing,', 'seven in the morning.']);
    expect(track.cues[0]!.lines[1]![0]).toEqual({ text: 'seven', italic: true });
  });

  it('says what the reader said of the edited file: what it dropped or replaced', async () => {
    writeFileSync(join(dir, 'hotline-beijing.en-US.srt'), EDITED.replace('The hotline rings.', '{\\an8}The hotline don\u0092t ring.'));
    const result = await importReview({ file: 'hotline-beijing.en-US.srt', reviewer: 'Li', cwd: dir, env: {} });
    expect(result).toMatchObject({ outcome: 'imported' });
    expect(result.outcome === 'imported' && result.plan.diagnostics.map((d) => d.code)).toEqual(expect.arrayContaining(['input/control-characters']));
    expect((await stored())[1]!.target).toEqual(['The hotline don\u2019t ring.']);
  });

  it('refuses to write over a track edited in place until review import took its edits, then writes the new one', async () => {
    const options = await resolveLocalizeOptions({ config: 'subloc.config.json', provider: 'offline', memory: '.subloc/memory.sqlite', formats: ['srt', 'ttml'] }, dir, {});
    writeFileSync(join(dir, 'hotline-beijing.en-US.srt'), EDITED);
    await importReview({ file: 'hotline-beijing.en-US.srt', reviewer: 'Li', cwd: dir, env: {} });
    await localize(options);
    const track = join(options.out, 'hotline-beijing/en-US/hotline-beijing.en-US.srt');
    const edited = readFileSync(track, 'utf8').replace('The hotline rings.', 'The hotline is ringing.');
    writeFileSync(track, edited);
    const refused = await localize(options).then(() => undefined, (e: unknown) => e as { code: string; message: string });
    expect(refused).toMatchObject({ code: 'REVIEW_NOT_IMPORTED', message: expect.stringContaining(`Run \`subloc review import ${track} --config ${join(dir, 'subloc.config.json')} --input `) });
    expect(readFileSync(track, 'utf8')).toBe(edited);

    expect(await importReview({ file: track, reviewer: 'Li', cwd: dir, env: {} })).toMatchObject({ outcome: 'imported', plan: { skipped: 0 } });
    await localize(options);
    expect(parse(readFileSync(track)).track.cues[1]!.lines.map(lineText)).toEqual(['The hotline is ringing.']);

    // A TTML edited in place is read back by its own reader, as the SRT: the run names the import, which takes it.
    const ttml = join(options.out, 'hotline-beijing/en-US/hotline-beijing.en-US.imsc.ttml');
    writeFileSync(ttml, readFileSync(ttml, 'utf8').replace('Beijing, seven in the morning.', 'Beijing, at seven.'));
    await expect(localize(options)).rejects.toMatchObject({ code: 'REVIEW_NOT_IMPORTED', message: expect.stringContaining(`Run \`subloc review import ${ttml} --config `) });
    expect(await importReview({ file: ttml, reviewer: 'Li', cwd: dir, env: {} })).toMatchObject({ outcome: 'imported', plan: { skipped: 0 }, stillRefused: false });
    await localize(options);
    expect(parse(readFileSync(track)).track.cues.map((c) => c.lines.map(lineText))).toEqual([['Beijing, at seven.'], ['The hotline is ringing.']]);
  });

  it('lets the next run write over a track review import took back from another --out, and keeps refusing while the import left something out', async () => {
    writeFileSync(join(dir, 'hotline-beijing.en-US.srt'), EDITED);
    await importReview({ file: 'hotline-beijing.en-US.srt', reviewer: 'Li', cwd: dir, env: {} });
    const options = await resolveLocalizeOptions({ config: 'subloc.config.json', provider: 'offline', memory: '.subloc/memory.sqlite', out: 'elsewhere' }, dir, {});
    await localize(options);
    const track = join(dir, 'elsewhere/hotline-beijing/en-US/hotline-beijing.en-US.srt');
    const written = readFileSync(track, 'utf8');
    // A cue added by hand falls on no source cue: the import says so, and the file is not taken back.
    writeFileSync(track, `${written.replace('rings', 'is ringing')}\n3\n00:00:20,000 --> 00:00:22,000\nA cue of my own.\n`);
    const partly = await importReview({ file: track, reviewer: 'Li', cwd: dir, env: {}, out: 'elsewhere' });
    expect(partly.outcome === 'imported' && partly.plan.diagnostics.some((d) => d.severity === 'warning')).toBe(true);
    await expect(localize(options)).rejects.toMatchObject({ code: 'REVIEW_NOT_IMPORTED' });
    writeFileSync(track, written.replace('rings', 'is ringing'));
    expect(await importReview({ file: track, reviewer: 'Li', cwd: dir, env: {}, out: 'elsewhere' })).toMatchObject({ outcome: 'imported' });
    await localize(options);
    expect(readFileSync(track, 'utf8')).toContain('is ringing');
  });

  it('keeps refusing over an edited track after a run that left its format out, and never over its own file after a run that failed between two files', async () => {
    writeFileSync(join(dir, 'hotline-beijing.en-US.srt'), EDITED);
    await importReview({ file: 'hotline-beijing.en-US.srt', reviewer: 'Li', cwd: dir, env: {} });
    const withFormats = (formats: string[]) => resolveLocalizeOptions({ config: 'subloc.config.json', provider: 'offline', memory: '.subloc/memory.sqlite', formats }, dir, {});
    await localize(await withFormats(['srt', 'vtt']));
    const folder = join(dir, 'out/hotline-beijing/en-US');
    writeFileSync(join(folder, 'hotline-beijing.en-US.srt'), readFileSync(join(folder, 'hotline-beijing.en-US.srt'), 'utf8').replace('rings', 'is ringing'));
    await localize(await withFormats(['vtt']));
    await expect(localize(await withFormats(['srt', 'vtt']))).rejects.toMatchObject({ code: 'REVIEW_NOT_IMPORTED' });
    expect(readFileSync(join(folder, 'hotline-beijing.en-US.srt'), 'utf8')).toContain('is ringing');

    // A run that rewrote the SRT, then could not write the WebVTT (a folder stands in its way), wrote that SRT itself.
    rmSync(join(folder, 'hotline-beijing.en-US.srt'));
    rmSync(join(folder, 'hotline-beijing.en-US.vtt'));
    mkdirSync(join(folder, 'hotline-beijing.en-US.vtt'));
    await expect(localize(await withFormats(['srt', 'vtt']))).rejects.toMatchObject({ code: 'WRITE_FAILED' });
    rmSync(join(folder, 'hotline-beijing.en-US.vtt'), { recursive: true });
    await localize(await withFormats(['srt', 'vtt']));
  });

  it('refuses to write over a track no record names (its language record lost after a run of another language) that holds edits, until review import took it back', async () => {
    writeFileSync(join(dir, 'hotline-beijing.en-US.srt'), EDITED);
    await importReview({ file: 'hotline-beijing.en-US.srt', reviewer: 'Li', cwd: dir, env: {} });
    const run = (targets: string[]) => resolveLocalizeOptions({ config: 'subloc.config.json', provider: 'offline', memory: '.subloc/memory.sqlite', formats: ['srt', 'vtt', 'ttml'], targets }, dir, {}).then(localize);
    await run(['en-US', 'fr-FR']);
    const folder = join(dir, 'out/hotline-beijing/en-US');
    // A copy of the folder that skipped dot files, then a run of French alone: run.json names fr-FR only.
    rmSync(join(folder, '.subloc-written.json'));
    await run(['fr-FR']);
    const srt = join(folder, 'hotline-beijing.en-US.srt');
    const ttml = join(folder, 'hotline-beijing.en-US.imsc.ttml');
    const edited = readFileSync(srt, 'utf8').replace('The hotline rings.', 'The hotline is ringing.');
    writeFileSync(srt, edited);
    const refusedBy = () => run(['en-US', 'fr-FR']).then(() => undefined, (e: unknown) => e as { code: string; message: string });

    // The WebVTT and the TTML hold what subloc wrote, cue for cue: only the SRT stands in the way.
    const refused = await refusedBy();
    expect(refused).toMatchObject({ code: 'REVIEW_NOT_IMPORTED', message: expect.stringMatching(/^\S+hotline-beijing\.en-US\.srt is not a file subloc has a record of writing .* this run would write over it/) });
    expect(readFileSync(srt, 'utf8')).toBe(edited);
    const ttmlText = readFileSync(ttml, 'utf8');
    writeFileSync(ttml, ttmlText.replace('Beijing, seven in the morning.', 'Beijing at seven.'));
    expect((await refusedBy())?.message).toContain('2 tracks this run would write over may hold edits');
    writeFileSync(ttml, ttmlText);

    // The track taken back is recorded as the language's own, so the next run writes over it with the edit in.
    expect(await importReview({ file: srt, reviewer: 'Li', cwd: dir, env: {} })).toMatchObject({ outcome: 'imported', plan: { skipped: 0 } });
    await run(['en-US', 'fr-FR']);
    expect(parse(readFileSync(srt)).track.cues[1]!.lines.map(lineText)).toEqual(['The hotline is ringing.']);
  });

  it('keeps a track edit taken back after the XLIFF was written when the XLIFF is edited elsewhere by the same reviewer', async () => {
    writeFileSync(join(dir, 'hotline-beijing.en-US.srt'), EDITED);
    await importReview({ file: 'hotline-beijing.en-US.srt', reviewer: 'Li', cwd: dir, env: {} });
    const options = await resolveLocalizeOptions({ config: 'subloc.config.json', provider: 'offline', memory: '.subloc/memory.sqlite', formats: ['srt'] }, dir, {});
    await localize(options);
    const folder = join(options.out, 'hotline-beijing/en-US');
    const srt = join(folder, 'hotline-beijing.en-US.srt');
    writeFileSync(srt, readFileSync(srt, 'utf8').replace('The hotline rings.', 'The hotline is ringing.'));
    await importReview({ file: srt, reviewer: 'Li', cwd: dir, env: {} });
    // The XLIFF written before that import still shows cue 2 as it was; Li edits cue 1 in it.
    const xlf = join(folder, 'hotline-beijing.en-US.xlf');
    writeFileSync(xlf, readFileSync(xlf, 'utf8').replace('Beijing, seven in the morning.', 'Beijing, 7 a.m.'));
    await localize(options);
    expect(parse(readFileSync(srt)).track.cues.map((c) => c.lines.map(lineText))).toEqual([['Beijing, 7 a.m.'], ['The hotline is ringing.']]);
  });

  it('never lays a cue of an edited track on a neighbour when a new cut moved the source cues: the text subloc wrote for another cue is left out', async () => {
    const srt = (cues: string[], shift: (k: number) => number) => cues.map((text, i) => `${i + 1}\n${clock(i + 1, shift(i + 1))}\n${text}\n`).join('\n');
    const clock = (k: number, shift: number) => {
      const at = (ms: number) => `00:00:${String(Math.floor(ms / 1000)).padStart(2, '0')},${String(ms % 1000).padStart(3, '0')}`;
      return `${at(k * 3000 + shift)} --> ${at(k * 3000 + 2000 + shift)}`;
    };
    const zh = ['一号。', '二号。', '三号。', '四号。', '五号。', '六号。'];
    const en = ['One.', 'Two.', 'Three.', 'Four.', 'Five.', 'Six.'];
    writeFileSync(join(dir, 'hotline-beijing.zh-Hans.srt'), srt(zh, () => 0));
    writeFileSync(join(dir, 'hotline-beijing.en-US.srt'), srt(en, () => 0));
    await importReview({ file: 'hotline-beijing.en-US.srt', reviewer: 'Li', cwd: dir, env: {} });
    const options = await resolveLocalizeOptions({ config: 'subloc.config.json', provider: 'offline', memory: '.subloc/memory.sqlite', formats: ['srt'] }, dir, {});
    await localize(options);
    // The translator's copy, one cue edited; meanwhile a longer shot moves cues 5 and 6 one slot later.
    const track = join(options.out, 'hotline-beijing/en-US/hotline-beijing.en-US.srt');
    writeFileSync(join(dir, 'mine.en-US.srt'), readFileSync(track, 'utf8').replace('Two.', 'Number two.'));
    writeFileSync(join(dir, 'hotline-beijing.zh-Hans.srt'), srt(zh, (k) => (k >= 5 ? 3000 : 0)));
    await localize(options);
    const result = await importReview({ file: 'mine.en-US.srt', reviewer: 'Alice', cwd: dir, env: {} });
    expect(result).toMatchObject({ outcome: 'imported', plan: { entries: [expect.objectContaining({ target: ['Number two.'] })] } });
    expect(result.outcome === 'imported' && result.plan.diagnostics.filter((d) => d.code === 'review/text-of-another-cue').map((d) => d.cueId)).toEqual(['5']);
    await localize(options);
    expect(parse(readFileSync(track)).track.cues.map((c) => lineText(c.lines[0]!))).toEqual(['One.', 'Number two.', 'Three.', 'Four.', 'Five.', 'Six.']);
  });

  it('takes an edit of spaces or of lines alone, where the version written says the cue was laid out otherwise', async () => {
    writeFileSync(join(dir, 'hotline-beijing.en-US.srt'), EDITED.replace('Beijing, seven', 'Beijing,seven'));
    await importReview({ file: 'hotline-beijing.en-US.srt', reviewer: 'Li', cwd: dir, env: {} });
    const options = await resolveLocalizeOptions({ config: 'subloc.config.json', provider: 'offline', memory: '.subloc/memory.sqlite' }, dir, {});
    await localize(options);
    const track = join(options.out, 'hotline-beijing/en-US/hotline-beijing.en-US.srt');
    writeFileSync(join(dir, 'fixed.en-US.srt'), readFileSync(track, 'utf8').replace('Beijing,seven', 'Beijing, seven').replace('The hotline rings.', 'The hotline\nrings.'));
    const fixed = await importReview({ file: 'fixed.en-US.srt', reviewer: 'Li', cwd: dir, env: {} });
    expect(fixed).toMatchObject({ outcome: 'imported', plan: { unchanged: 0, skipped: 0, diagnostics: [] } });
    expect((await stored()).map((e) => e.target)).toEqual([['Beijing, seven in the morning.'], ['The hotline\nrings.']]);
    await localize(options);
    expect(parse(readFileSync(track)).track.cues.map((c) => c.lines.map(lineText))).toEqual([['Beijing, seven in the morning.'], ['The hotline', 'rings.']]);
  });

  it('answers a file whose language it cannot tell, or that contradicts --language, with what it found and touches nothing', async () => {
    writeFileSync(join(dir, 'edited.srt'), EDITED);
    writeFileSync(join(dir, 'hotline-beijing.fr-FR.srt'), EDITED);
    expect(await importReview({ file: 'edited.srt', cwd: dir, env: {} })).toEqual({ outcome: 'no-language', name: 'edited.srt', extension: '.srt' });
    expect(await importReview({ file: 'hotline-beijing.fr-FR.srt', language: 'en-US', cwd: dir, env: {} })).toEqual({
      outcome: 'language-mismatch',
      name: 'hotline-beijing.fr-FR.srt',
      option: 'en-US',
      named: 'fr-FR',
    });
    expect((await stored())).toEqual([]);
  });

  it('refuses an edited track that does not parse, with the parser findings, and imports nothing', async () => {
    writeFileSync(join(dir, 'hotline-beijing.en-US.srt'), '1\n00:00:01,000 --> \nBeijing.\n');
    const result = await importReview({ file: 'hotline-beijing.en-US.srt', cwd: dir, env: {} });
    expect(result.outcome).toBe('refused');
    expect(result.outcome === 'refused' && result.plan.diagnostics.some((d) => d.severity === 'error')).toBe(true);
    expect((await stored())).toEqual([]);
    expect(readFileSync(join(dir, 'hotline-beijing.en-US.srt'), 'utf8')).toContain('Beijing.');
  });
});
