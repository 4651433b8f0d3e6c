import { cpSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from '../../src/formats/parse.js';
import { lineText } from '../../src/model/spans.js';
import { localize } from '../../src/pipeline/localize.js';
import { resolveLocalizeOptions, type LocalizeOptions } from '../../src/pipeline/options.js';
import { openReviewSession } from '../../src/pipeline/review-session.js';
import type { StudioCue, TrackResponse } from '../../src/studio/api.js';
import { startStudio, type Studio } from '../../src/studio/server.js';
import { tempDir } from '../helpers/cli.js';
import { startPostgres, type PostgresServer } from '../helpers/postgres-server.js';
import { LANG, send, testPage } from './studio-fixture.js';

const root = resolve(import.meta.dirname, '../..');

// Two reviewers on two machines: two studios, each with its own session, on one Postgres memory.
describe('two studios on one Postgres memory', () => {
  let server: PostgresServer;
  let options: LocalizeOptions;
  let dir: string;
  const studios: Studio[] = [];

  beforeAll(async () => {
    server = await startPostgres();
    dir = tempDir('subloc-studio-pg-');
    for (const path of ['subloc.config.json', 'glossary.json', 'subtitles']) cpSync(join(root, path), join(dir, path), { recursive: true });
    options = await resolveLocalizeOptions({ config: 'subloc.config.json', targets: [LANG], provider: 'offline', memory: await server.createDatabase('studio') }, dir, {});
    await localize(options);
    for (const reviewer of ['Camille', 'Lucie']) {
      const session = await openReviewSession({ localize: options, reviewer });
      studios.push(await startStudio({ session, port: 0, pageDir: testPage(dir) }));
    }
  }, 120_000);
  afterAll(async () => {
    for (const studio of studios) await studio.close();
    await server?.stop();
  });

  const origin = (studio: Studio) => studio.url.replace(/\/$/, '');
  const cues = async (studio: Studio): Promise<StudioCue[]> => ((await send(origin(studio), { path: `/api/tracks/${LANG}` })).json() as TrackResponse).cues;
  const put = (studio: Studio, id: string, body: unknown) =>
    send(origin(studio), { method: 'PUT', path: `/api/tracks/${LANG}/cues/${id}`, headers: { Origin: origin(studio), 'Content-Type': 'application/json' }, body: JSON.stringify(body) });

  it('shows each the other’s save, refuses a save made on what the other replaced, and the next localize writes it', async () => {
    const [camille, lucie] = studios as [Studio, Studio];
    const seenByLucie = (await cues(lucie))[4]!;
    const seenByCamille = (await cues(camille)).find((c) => c.id === seenByLucie.id)!;
    expect(seenByCamille.revision).toBe(seenByLucie.revision);

    const saved = await put(camille, seenByCamille.id, { text: 'La version de Camille', state: 'reviewed', comment: 'vu avec la réalisatrice', revision: seenByCamille.revision });
    expect(saved.status).toBe(200);
    const stale = await put(lucie, seenByLucie.id, { text: 'La version de Lucie', revision: seenByLucie.revision });
    expect(stale.status).toBe(409);
    expect(stale.json().cue).toMatchObject({ id: seenByLucie.id, text: 'La version de Camille', comment: 'vu avec la réalisatrice', state: 'reviewed', reviewer: 'Camille' });
    expect((await cues(lucie)).find((c) => c.id === seenByLucie.id)).toMatchObject({ text: 'La version de Camille', revision: saved.json().cue.revision });

    await localize(options);
    const track = parse(readFileSync(join(options.out, options.title, LANG, `${options.title}.${LANG}.srt`))).track;
    expect(track.cues.find((c) => c.id === seenByLucie.id)!.lines.map(lineText).join('\n')).toBe('La version de Camille');
  }, 120_000);

  it('saves exactly one of two saves made at once on one revision, on each of several cues', async () => {
    const [camille, lucie] = studios as [Studio, Studio];
    const shown = (await cues(lucie)).filter((c) => c.text !== '').slice(10, 16);
    for (const cue of shown) {
      const answers = await Promise.all([
        put(camille, cue.id, { text: 'Camille, en même temps', state: 'reviewed', revision: cue.revision }),
        put(lucie, cue.id, { text: 'Lucie, en même temps', state: 'reviewed', revision: cue.revision }),
      ]);
      expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
      const winner = answers[0]!.status === 200 ? 'Camille' : 'Lucie';
      for (const studio of studios) expect((await cues(studio)).find((c) => c.id === cue.id)).toMatchObject({ text: `${winner}, en même temps`, reviewer: winner });
    }
  }, 120_000);
});
