import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { localize } from '../../src/pipeline/localize.js';
import { resolveLocalizeOptions } from '../../src/pipeline/options.js';
import { openReviewSession, type ReviewSession } from '../../src/pipeline/review-session.js';
import type { StudioCue } from '../../src/studio/api.js';
import { startStudio } from '../../src/studio/server.js';
import { change, LANG, localizedSample, send, testPage } from './studio-fixture.js';

const SOURCE = 'subtitles/hotline-beijing.zh-Hans.srt';

/** The sample's source with `edit` applied, localized again (offline), and a studio session opened on it as `review serve` would. */
async function recut(dir: string, edit: (srt: string) => string): Promise<ReviewSession> {
  const path = join(dir, SOURCE);
  writeFileSync(path, edit(readFileSync(path, 'utf8')));
  const options = await resolveLocalizeOptions({ config: 'subloc.config.json', targets: [LANG], provider: 'offline' }, dir, {});
  await localize(options);
  return openReviewSession({ localize: options, reviewer: 'Camille' });
}

/** SRT with cue `n`'s text replaced by one line. */
function withText(srt: string, n: number, text: string): string {
  return srt
    .split(/\n\n/)
    .map((block) => (block.startsWith(`${n}\n`) ? block.split('\n').slice(0, 2).concat(text).join('\n') : block))
    .join('\n\n');
}

/** SRT blocks renumbered from 1, with a new first cue before the film's first line. */
function withNewFirstCue(srt: string): string {
  const blocks = srt.trim().split(/\r?\n\r?\n/);
  const renumbered = blocks.map((block, i) => block.replace(/^\d+/, String(i + 2)));
  return ['1\n00:00:02,000 --> 00:00:04,000\n片名：您的声音', ...renumbered].join('\n\n') + '\n';
}

describe('a studio save made on a page of another cut', () => {
  it('is refused as stale, never saved onto the sentence now at that cue’s id', async () => {
    const { dir } = await localizedSample();
    // Cues 10 and 11 say lines the memory has no translation of: untranslated, alike in all a reviewer can change.
    const before = await recut(dir, (srt) => withText(withText(srt, 10, '猫在屋顶上睡觉。'), 11, '狗在院子里跑步。'));
    const shown = (await before.track(LANG))!;
    expect(shown.filter((c) => c.id === '10' || c.id === '11').map((c) => [c.source, c.text])).toEqual([
      ['猫在屋顶上睡觉。', ''],
      ['狗在院子里跑步。', ''],
    ]);
    await before.close();
    const page = shown.find((c) => c.id === '11')!;

    // The editor's new cut: a cue before the first, every cue renumbered; the studio restarted on it, the old page still open.
    const after = await recut(dir, withNewFirstCue);
    const now = (await after.track(LANG))!;
    expect(now.find((c) => c.id === '12')!.source).toBe(page.source);
    const atId = now.find((c) => c.id === '11')!;
    expect(atId.source).not.toBe(page.source);

    const saved = await after.save(LANG, '11', { text: 'Mon texte pour l’ancienne ligne 11', revision: page.revision });
    expect(saved).toMatchObject({ outcome: 'stale', cue: { id: '11', source: atId.source, text: atId.text } });
    // Nothing was saved: the cue at that id, and the one that now holds the old line, are as they were.
    const current = (await after.track(LANG))!;
    expect(current.find((c) => c.id === '11')).toEqual(atId);
    expect(current.find((c) => c.id === '12')).toEqual(now.find((c) => c.id === '12'));
    await after.close();
  });
});

describe('a sentence said twice, in the studio', () => {
  it('names the other saying, and a save of one answers the other as changed too', async () => {
    const { dir } = await localizedSample();
    // Cue 60 now says what cue 1 says.
    const session = await recut(dir, (srt) => srt.replace('西城区，新街口街道。', '北京，早上七点。'));
    const cues = (await session.track(LANG))!;
    const first = cues.find((c) => c.id === '1')!;
    expect(first.repeats).toEqual(['60']);
    expect(cues.find((c) => c.id === '60')!.repeats).toEqual(['1']);
    expect(cues.find((c) => c.id === '2')!.repeats).toBeUndefined();

    const saved = await session.save(LANG, '1', { text: 'Pékin, sept heures du matin.', state: 'approved', revision: first.revision });
    expect(saved).toMatchObject({ outcome: 'saved', cue: { id: '1', text: 'Pékin, sept heures du matin.', state: 'approved' } });
    // One memory entry for the sentence: the other saying holds the same translation, and the answer says so.
    expect(saved.outcome === 'saved' && saved.also.map((c) => [c.id, c.text, c.state])).toEqual([['60', 'Pékin, sept heures du matin.', 'approved']]);

    await session.close();
  });

  it('approves a sentence named at both its sayings once, reporting both approved; a finding on either holds both back', async () => {
    const { dir } = await localizedSample();
    const session = await recut(dir, (srt) => srt.replace('西城区，新街口街道。', '北京，早上七点。'));
    const cues = (await session.track(LANG))!;
    const both = ['1', '60'].map((id) => ({ id, revision: cues.find((c) => c.id === id)!.revision }));
    const approved = await session.approve(LANG, both);
    expect(approved?.refused).toEqual([]);
    expect(approved?.cues.map((c) => [c.id, c.state])).toEqual([
      ['1', 'approved'],
      ['60', 'approved'],
    ]);
    expect(approved?.also).toEqual([]);
    await session.close();

    // The second saying shown for a fifth of a second: a QC error on it refuses the approval of the first too.
    const { dir: other } = await localizedSample();
    const short = await recut(other, (srt) => srt.replace('00:06:32,500 --> 00:06:34,542\n西城区，新街口街道。', '00:06:32,500 --> 00:06:32,700\n北京，早上七点。'));
    const first = (await short.track(LANG))!.find((c) => c.id === '1')!;
    expect(first.findings).toEqual([]);
    const refused = await short.approve(LANG, [{ id: '1', revision: first.revision }]);
    expect(refused?.cues).toEqual([]);
    expect(refused?.refused).toEqual([{ id: '1', reason: expect.stringMatching(/^cue 60 \(fr-FR\), the same sentence as cue 1, has \d+ findings? \(.*qc\/min-duration/) }]);
    expect((await short.track(LANG))!.find((c) => c.id === '60')!.state).not.toBe('approved');
    await short.close();
  });
});

describe('the per-language counts', () => {
  it('are the memory’s as it is now, after another studio approved cues', async () => {
    const { options } = await localizedSample();
    const one = await openReviewSession({ localize: options, reviewer: 'Camille' });
    const other = await openReviewSession({ localize: options, reviewer: 'Lucie' });
    const before = (await one.tracks())[0]!.counts;
    const clean = (await other.track(LANG))!.filter((c) => c.state !== 'approved' && c.text !== '' && c.findings.every((f) => f.severity === 'info')).slice(0, 5);
    expect(clean).toHaveLength(5);
    const approved = await other.approve(
      LANG,
      clean.map((c) => ({ id: c.id, revision: c.revision })),
    );
    expect(approved?.cues).toHaveLength(5);
    // Counted by the first studio without reading the track first.
    expect((await one.tracks())[0]!.counts.approved).toBe(before.approved + 5);
    await Promise.all([one.close(), other.close()]);
  });
});

describe('a pasted text', () => {
  it('takes a line or paragraph separator for a line break, and refuses half a character', async () => {
    const { options } = await localizedSample();
    const session = await openReviewSession({ localize: options, reviewer: 'Camille' });
    const cue = (await session.track(LANG))!.find((c) => c.id === '5')!;
    const saved = await session.save(LANG, '5', { text: 'Une ligne\u2028et une autre', revision: cue.revision });
    expect(saved).toMatchObject({ outcome: 'saved', cue: { text: 'Une ligne\net une autre' } });
    const revision = saved.outcome === 'saved' ? saved.cue.revision : '';
    expect(await session.save(LANG, '5', { text: 'Mot \ud83d coupé', revision })).toMatchObject({
      outcome: 'invalid',
      message: expect.stringContaining('half of a character (the lone surrogate U+D83D) at character 5'),
    });
    expect(await session.save(LANG, '5', { text: 'Mot\u0092s', revision })).toMatchObject({ outcome: 'invalid', message: expect.stringContaining('the control character U+0092') });
    await session.close();
  });
});

describe('a cue whose WebVTT identifier is a path step', () => {
  it('is saved through ?id=, since no URL path can carry `.` or `..`', async () => {
    const { dir } = await localizedSample();
    const vtt = 'WEBVTT\n\n..\n00:00:01.000 --> 00:00:03.000\n北京，早上七点。\n\n.\n00:00:04.000 --> 00:00:06.000\n这座城市有两千多万人口。\n';
    writeFileSync(join(dir, 'odd.zh-Hans.vtt'), vtt);
    const options = await resolveLocalizeOptions({ config: 'subloc.config.json', input: 'odd.zh-Hans.vtt', targets: [LANG], provider: 'offline' }, dir, {});
    const session = await openReviewSession({ localize: options, reviewer: 'Camille' });
    const studio = await startStudio({ session, port: 0, pageDir: testPage(dir) });
    const running = { dir, options, studio, origin: studio.url.replace(/\/$/, '') };
    try {
      const cues: StudioCue[] = (await send(running.origin, { path: `/api/tracks/${LANG}` })).json().cues;
      for (const id of ['..', '.']) {
        const cue = cues.find((c) => c.id === id)!;
        const answer = await change(running, 'PUT', `/api/tracks/${LANG}/cues?id=${encodeURIComponent(id)}`, { text: `Texte de ${id}`, revision: cue.revision });
        expect(answer.status, id).toBe(200);
        expect(answer.json().cue).toMatchObject({ id, text: `Texte de ${id}` });
      }
      const missing = await change(running, 'PUT', `/api/tracks/${LANG}/cues`, { text: 'x', revision: 'x' });
      expect(missing.status).toBe(400);
      expect(missing.json().message).toContain('?id=<id>');
    } finally {
      await studio.close();
    }
  });
});
