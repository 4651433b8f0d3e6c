import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from '../../src/formats/parse.js';
import { lineText } from '../../src/model/spans.js';
import { readXliff } from '../../src/review/xliff-read.js';
import type { StudioCue, TrackResponse } from '../../src/studio/api.js';
import { openReviewSession } from '../../src/pipeline/review-session.js';
import { MAX_BODY } from '../../src/studio/routes.js';
import { startStudio } from '../../src/studio/server.js';
import { cli } from '../helpers/cli.js';
import { tempDir } from '../helpers/temp-dir.js';
import { change, LANG, sampleStudio, send, startSample } from './studio-fixture.js';

/** Every cue of the bundled source track: the studio lists each one. */
const SAMPLE_CUES = parse(readFileSync(join(import.meta.dirname, '../../subtitles/hotline-beijing.zh-Hans.srt'))).track.cues.length;

describe('the studio’s JSON API', () => {
  const running = sampleStudio();
  const track = async (): Promise<StudioCue[]> => ((await send(running.origin, { path: `/api/tracks/${LANG}` })).json() as TrackResponse).cues;
  const put = (id: string, body: unknown) => change(running, 'PUT', `/api/tracks/${LANG}/cues/${id}`, body);

  it('tells the page the session: title, languages, reviewer, no video, the profile’s figures per language', async () => {
    const answer = await send(running.origin, { path: '/api/session' });
    expect(answer.status).toBe(200);
    expect(answer.json()).toEqual({
      title: 'hotline-beijing',
      sourceLang: 'zh-Hans',
      languages: [LANG],
      reviewer: 'Camille',
      video: null,
      profile: { id: 'default', name: 'Netflix', maxLines: 2, minDurationMs: 833, maxDurationMs: 7000, maxCharsPerLine: { [LANG]: 42 }, maxCps: { [LANG]: 17 } },
    });
  });

  it('lists the tracks with their counts by state, and a track’s cues with everything a reviewer needs', async () => {
    const tracks = (await send(running.origin, { path: '/api/tracks' })).json();
    expect(tracks.tracks).toHaveLength(1);
    expect(tracks.tracks[0]).toMatchObject({ language: LANG, cues: SAMPLE_CUES });
    const counts = tracks.tracks[0].counts;
    expect(counts.draft + counts.reviewed + counts.approved + counts.untranslated).toBe(SAMPLE_CUES);

    const cues = await track();
    expect(cues).toHaveLength(SAMPLE_CUES);
    expect(cues[0]).toMatchObject({ id: '1', unitId: '1', start: 7500, end: 8958, source: '北京，早上七点。', state: 'reviewed', comment: '' });
    expect(cues[0]!.revision).toMatch(/^[\w-]{16}$/);
    expect(Object.keys(cues[0]!.budget)).toEqual(['used', 'budget']);
    expect(cues.find((c) => c.terms.length > 0)?.terms[0]).toEqual({ source: expect.any(String), preferred: expect.any(String), forbidden: expect.any(Array) });
  });

  it('saves a change (200 with the cue as saved) and answers it on the next load', async () => {
    const cue = (await track())[20]!;
    const saved = await put(cue.id, { text: 'Une ligne\net une autre', state: 'approved', comment: 'à relire', revision: cue.revision });
    expect(saved.status).toBe(200);
    expect(saved.json().cue).toMatchObject({ id: cue.id, text: 'Une ligne\net une autre', state: 'approved', comment: 'à relire', reviewer: 'Camille' });
    expect(saved.json().cue.revision).not.toBe(cue.revision);
    expect((await track()).find((c) => c.id === cue.id)).toEqual(saved.json().cue);
  });

  it('refuses a change on a stale revision with 409 and the cue as it is now', async () => {
    const cue = (await track())[21]!;
    expect((await put(cue.id, { comment: 'premier', revision: cue.revision })).status).toBe(200);
    const stale = await put(cue.id, { comment: 'second', revision: cue.revision });
    expect(stale.status).toBe(409);
    expect(stale.json()).toMatchObject({ error: 'stale', message: expect.stringContaining(`cue ${cue.id} (${LANG}) changed since revision`), cue: { id: cue.id, comment: 'premier' } });
  });

  it('saves exactly one of two changes racing on one cue', async () => {
    const cue = (await track())[22]!;
    const answers = await Promise.all([put(cue.id, { text: 'Version A', revision: cue.revision }), put(cue.id, { text: 'Version B', revision: cue.revision })]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    const winner = answers.find((a) => a.status === 200)!.json().cue.text;
    expect((await track()).find((c) => c.id === cue.id)?.text).toBe(winner);
  });

  it('answers 400 with a clear message for anything invalid, 404 for an unknown language or cue', async () => {
    const cue = (await track())[23]!;
    const cases: [unknown, string][] = [
      [[1, 2], 'the body is an array; expected { text?, state?, comment?, revision }'],
      [{ text: 'x' }, '`revision` is missing; expected the revision of the cue the change was made on'],
      [{ text: 3, revision: cue.revision }, '`text` is 3; expected a string'],
      [{ state: 'final', revision: cue.revision }, '`state` is "final"; expected "draft", "reviewed" or "approved"'],
      [{ txt: 'x', revision: cue.revision }, 'unknown field `txt`; expected only `text`, `state`, `comment`, `revision`'],
      [{ revision: cue.revision }, `cue ${cue.id} (${LANG}): the change has no \`text\`, \`state\` or \`comment\`; expected at least one`],
      [{ state: 'draft', revision: cue.revision }, `cue ${cue.id} (${LANG}): the cue is reviewed and cannot go back to draft`],
      [{ text: '', revision: cue.revision }, '`text` is empty'],
    ];
    for (const [body, message] of cases) {
      const answer = await put(cue.id, body);
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(answer.json()).toEqual({ error: 'invalid', message: expect.stringContaining(message) });
    }
    const notJson = await send(running.origin, { method: 'PUT', path: `/api/tracks/${LANG}/cues/${cue.id}`, headers: { Origin: running.origin, 'Content-Type': 'application/json' }, body: '{"text": ' });
    expect(notJson.status).toBe(400);
    expect(notJson.json().message).toMatch(/^the body is not valid JSON/);
    const form = await send(running.origin, { method: 'PUT', path: `/api/tracks/${LANG}/cues/${cue.id}`, headers: { Origin: running.origin, 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'text=x' });
    expect(form.status).toBe(415);
    const huge = await put(cue.id, { text: 'x'.repeat(MAX_BODY), revision: cue.revision });
    expect(huge.status).toBe(413);

    const unknownCue = await put('9999', { text: 'x', revision: cue.revision });
    expect(unknownCue.status).toBe(404);
    expect(unknownCue.json().message).toContain('no cue "9999" in hotline-beijing');
    const unknownLanguage = await change(running, 'PUT', `/api/tracks/xx-XX/cues/${cue.id}`, { text: 'x', revision: cue.revision });
    expect(unknownLanguage.status).toBe(404);
    expect(unknownLanguage.json().message).toContain(`expected one of ${LANG}`);
    expect((await send(running.origin, { path: '/api/tracks/xx-XX' })).status).toBe(404);
    expect((await send(running.origin, { path: '/api/nothing' })).status).toBe(404);
    // Nothing of the refused changes was saved.
    expect((await track()).find((c) => c.id === cue.id)).toEqual(cue);
  });

  it('approves in one step the cues without findings and says why it refused the others', async () => {
    const cues = await track();
    const clean = cues.filter((c) => c.state !== 'approved' && c.findings.length === 0 && c.text !== '').slice(0, 2);
    const answer = await change(running, 'POST', `/api/tracks/${LANG}/approve`, { cues: [...clean.map((c) => ({ id: c.id, revision: c.revision })), { id: '9999', revision: 'x' }] });
    expect(answer.status).toBe(200);
    expect(answer.json().cues.map((c: StudioCue) => [c.id, c.state])).toEqual(clean.map((c) => [c.id, 'approved']));
    expect(answer.json().refused).toEqual([{ id: '9999', reason: 'no cue "9999" in hotline-beijing' }]);
    expect((await change(running, 'POST', `/api/tracks/${LANG}/approve`, { ids: ['1'] })).status).toBe(400);
  });

  it('refuses to start on a port in use, saying what to do', async () => {
    const session = await openReviewSession({ localize: running.options, languages: [LANG] });
    await expect(startStudio({ session, port: running.studio.port })).rejects.toMatchObject({
      code: 'STUDIO_START_FAILED',
      message: `cannot listen on 127.0.0.1:${running.studio.port}: the port is in use; pass another --port, or --port 0 for a free one`,
    });
    await session.close();
  });

  it('checks a text as it is typed, on the server’s QC rules, without saving it', async () => {
    const cue = (await track())[30]!;
    const answer = await change(running, 'POST', '/api/check', { language: LANG, id: cue.id, text: 'Un texte bien trop long pour une si courte durée, bien plus long que ce que le budget permet vraiment ici' });
    expect(answer.status).toBe(200);
    const checked = answer.json();
    expect(checked.findings.map((f: { code: string }) => f.code)).toContain('qc/reading-speed');
    expect(checked.budget.used).toBeGreaterThan(checked.budget.budget);
    expect(checked.metrics.lines).toBe(2);
    expect((await track()).find((c) => c.id === cue.id)).toEqual(cue);
    expect((await change(running, 'POST', '/api/check', { language: LANG, id: 'nope', text: 'x' })).status).toBe(404);
  });
});

describe('what the studio saved', () => {
  it('is what the next localize writes (the text in the track, the state and the comment in the XLIFF) and what deliver delivers', async () => {
    const running = await startSample();
    const cues = ((await send(running.origin, { path: `/api/tracks/${LANG}` })).json() as TrackResponse).cues;
    const cue = cues[40]!;
    const saved = await change(running, 'PUT', `/api/tracks/${LANG}/cues/${cue.id}`, { text: 'Le texte du studio', state: 'approved', comment: 'Nom propre : vérifié', revision: cue.revision });
    expect(saved.status).toBe(200);
    await running.studio.close();

    const again = await cli(['localize', '--config', 'subloc.config.json', '--target', LANG, '--provider', 'offline'], running.dir);
    expect(again.code).toBe(0);
    const folder = join(running.dir, 'out/hotline-beijing', LANG);
    const track = parse(readFileSync(join(folder, `hotline-beijing.${LANG}.srt`))).track;
    expect(track.cues.find((c) => c.id === cue.id)?.lines.map(lineText).join(' ')).toBe('Le texte du studio');
    const xliff = readFileSync(join(folder, `hotline-beijing.${LANG}.xlf`), 'utf8');
    expect(readXliff(xliff, 'x.xlf').cues.find((c) => c.id === cue.id)).toMatchObject({ state: 'approved', target: 'Le texte du studio' });
    expect(new RegExp(`<trans-unit id="${cue.id}"[^]*?</trans-unit>`).exec(xliff)?.[0]).toContain('<note from="Camille" priority="1">Nom propre : vérifié</note>');

    const festival = join(running.dir, 'festival');
    const delivered = await cli(['deliver', '--config', 'subloc.config.json', '--language', LANG, '--formats', 'srt', '--out', festival, '--allow-qc-errors', '--json'], running.dir);
    expect(delivered.code, delivered.stderr).toBe(0);
    const [language] = JSON.parse(delivered.stdout).languages;
    // Counted cue by cue: the approved cue among the unit's reviewed ones.
    expect(language).toMatchObject({ language: LANG, delivered: true, approved: 1 });
    const srt = readdirSync(festival, { recursive: true, encoding: 'utf8' }).find((f) => f.endsWith('.srt'))!;
    const deliveredTrack = parse(readFileSync(join(festival, srt))).track;
    expect(deliveredTrack.cues.find((c) => c.id === cue.id)?.lines.map(lineText).join(' ')).toBe('Le texte du studio');
  }, 90_000);
});

describe('the video', () => {
  const bytes = Buffer.from(Array.from({ length: 1000 }, (_, i) => i % 256));
  const film = join(tempDir(), 'film.webm');
  // Registered first, so it runs before the studio starts.
  beforeAll(() => writeFileSync(film, bytes));
  const running = sampleStudio({ video: film });

  it('is named in the session and served whole, or in the part asked (206), or refused beyond its end (416)', async () => {
    expect((await send(running.origin, { path: '/api/session' })).json().video).toEqual({ url: '/video', type: 'video/webm' });
    const whole = await send(running.origin, { path: '/video' });
    expect(whole.status).toBe(200);
    expect(whole.headers['accept-ranges']).toBe('bytes');
    expect(whole.headers['content-type']).toBe('video/webm');
    expect(whole.headers['content-length']).toBe('1000');

    const part = await send(running.origin, { path: '/video', headers: { Range: 'bytes=100-199' } });
    expect(part.status).toBe(206);
    expect(part.headers['content-range']).toBe('bytes 100-199/1000');
    expect(Buffer.from(part.body, 'latin1').length).toBe(100);
    const open = await send(running.origin, { path: '/video', headers: { Range: 'bytes=900-' } });
    expect([open.status, open.headers['content-range']]).toEqual([206, 'bytes 900-999/1000']);
    const suffix = await send(running.origin, { path: '/video', headers: { Range: 'bytes=-10' } });
    expect([suffix.status, suffix.headers['content-range']]).toEqual([206, 'bytes 990-999/1000']);

    const beyond = await send(running.origin, { path: '/video', headers: { Range: 'bytes=1000-1100' } });
    expect([beyond.status, beyond.headers['content-range']]).toEqual([416, 'bytes */1000']);
  });
});
