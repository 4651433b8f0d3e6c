import { cpSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openMemory } from '../../src/memory/sqlite.js';
import { localize } from '../../src/pipeline/localize.js';
import { resolveLocalizeOptions, type LocalizeOptions } from '../../src/pipeline/options.js';
import { openReviewSession, type ReviewSession } from '../../src/pipeline/review-session.js';
import { tempDir } from '../helpers/cli.js';

const root = resolve(import.meta.dirname, '../..');
const open: ReviewSession[] = [];

afterEach(async () => {
  for (const s of open.splice(0)) await s.close();
});

async function session(options: LocalizeOptions, reviewer = 'Camille'): Promise<ReviewSession> {
  const s = await openReviewSession({ localize: options, languages: ['fr-FR'], reviewer });
  open.push(s);
  return s;
}

describe('the review session', () => {
  let options: LocalizeOptions;
  beforeAll(async () => {
    const dir = tempDir('subloc-review-session-');
    for (const path of ['subloc.config.json', 'glossary.json', 'subtitles']) cpSync(join(root, path), join(dir, path), { recursive: true });
    options = await resolveLocalizeOptions({ config: 'subloc.config.json', targets: ['fr-FR'], provider: 'offline' }, dir, {});
    await localize(options);
  }, 60_000);

  it('saves a cue’s text, state and comment into the memory, cue by cue, and shows them to the next session', async () => {
    const first = await session(options);
    const cues = (await first.track('fr-FR'))!;
    const [a, b] = cues.filter((c) => c.unitId === cues.find((x) => cues.filter((y) => y.unitId === x.unitId).length === 2)!.unitId);
    const saved = await first.save('fr-FR', a!.id, { text: 'Une ville\nde vingt millions', state: 'approved', comment: 'vérifier le chiffre', revision: a!.revision });
    expect(saved).toMatchObject({ outcome: 'saved', cue: { text: 'Une ville\nde vingt millions', state: 'approved', comment: 'vérifier le chiffre', reviewer: 'Camille' } });
    if (saved.outcome !== 'saved') return;
    expect(saved.cue.revision).not.toBe(a!.revision);
    await first.close();

    const again = (await (await session(options)).track('fr-FR'))!;
    expect(again.find((c) => c.id === a!.id)).toMatchObject({ text: 'Une ville\nde vingt millions', state: 'approved', revision: saved.cue.revision });
    // The other cue of the unit keeps its text and state, and its revision: a reviewer on it is not disturbed.
    expect(again.find((c) => c.id === b!.id)).toMatchObject({ text: b!.text, state: b!.state, revision: b!.revision });
    const memory = openMemory(options.memory);
    const entry = await memory.exact([...(await memory.entries({ target: 'fr-FR' })).find((e) => e.provider === 'studio')!.source], { source: 'zh-Hans', target: 'fr-FR' }, 'any');
    await memory.close();
    expect(entry).toMatchObject({ provider: 'studio', byReviewer: true, reviewer: 'Camille', status: b!.state, cueStatus: ['approved', b!.state], comments: ['vérifier le chiffre', ''] });
  });

  it('shows after saves, unit by unit, what a new session computes for the whole track', async () => {
    const s = await session(options);
    const cues = (await s.track('fr-FR'))!;
    for (const k of [30, 31, 60]) {
      const cue = cues[k]!;
      expect((await s.save('fr-FR', cue.id, { text: 'Un texte bien trop long pour une si courte durée, et 2 chiffres en plus', comment: `note ${k}`, revision: cue.revision })).outcome).toBe('saved');
    }
    const after = (await s.track('fr-FR'))!;
    expect(after.filter((c, i) => c !== cues[i]).map((c) => c.id)).toEqual(expect.arrayContaining([cues[30]!.id, cues[31]!.id, cues[60]!.id]));
    expect(after).toEqual((await (await session(options)).track('fr-FR'))!);
  });

  it('counts each track’s cues by state as its cues say them', async () => {
    const s = await session(options);
    const cues = (await s.track('fr-FR'))!;
    const untranslated = cues.find((c) => c.origin === 'untranslated');
    const counts = { draft: 0, reviewed: 0, approved: 0, untranslated: 0 };
    for (const c of cues) counts[c.origin === 'untranslated' ? 'untranslated' : c.state]++;
    expect(await s.tracks()).toEqual([{ language: 'fr-FR', cues: cues.length, counts }]);
    expect(counts.approved + counts.reviewed).toBeGreaterThan(0);
    if (untranslated) expect(counts.untranslated).toBeGreaterThan(0);
  });

  it('refuses a change made on an old revision and answers the cue as it is now', async () => {
    const s = await session(options);
    const cue = (await s.track('fr-FR'))![5]!;
    const saved = await s.save('fr-FR', cue.id, { text: 'Première version', revision: cue.revision });
    expect(saved.outcome).toBe('saved');
    const stale = await s.save('fr-FR', cue.id, { text: 'Seconde version', revision: cue.revision });
    expect(stale).toMatchObject({ outcome: 'stale', cue: { text: 'Première version' } });
    expect(stale.outcome === 'stale' && stale.message).toContain(`cue ${cue.id} (fr-FR) changed since revision ${cue.revision}`);
  });

  it('saves exactly one of changes made at once on the same revision (two reviewers on one studio)', async () => {
    const s = await session(options);
    const cue = (await s.track('fr-FR'))![7]!;
    const outcomes = await Promise.all(['A', 'B', 'C'].map((v) => s.save('fr-FR', cue.id, { text: `Version ${v}`, revision: cue.revision })));
    expect(outcomes.filter((o) => o.outcome === 'saved')).toHaveLength(1);
    expect(outcomes.filter((o) => o.outcome === 'stale')).toHaveLength(2);
  });

  it('saves exactly one of changes made at once on the same revision by two sessions on one memory (two studios)', async () => {
    const [camille, lucie] = [await session(options, 'Camille'), await session(options, 'Lucie')];
    const cues = (await camille.track('fr-FR'))!;
    await lucie.track('fr-FR');
    for (const cue of [cues[14]!, cues[15]!, cues[40]!]) {
      const outcomes = await Promise.all([
        camille.save('fr-FR', cue.id, { text: 'La version de Camille', state: 'reviewed', revision: cue.revision }),
        lucie.save('fr-FR', cue.id, { text: 'La version de Lucie', state: 'reviewed', revision: cue.revision }),
      ]);
      expect(outcomes.map((o) => o.outcome).sort()).toEqual(['saved', 'stale']);
      const winner = outcomes[0]!.outcome === 'saved' ? 'Camille' : 'Lucie';
      for (const s of [camille, lucie]) expect((await s.track('fr-FR'))!.find((c) => c.id === cue.id)).toMatchObject({ text: `La version de ${winner}`, reviewer: winner });
    }
  });

  it('never takes a decision back, never empties a cue, and says why', async () => {
    const s = await session(options);
    const cue = (await s.track('fr-FR'))![9]!;
    expect(cue.state).toBe('reviewed');
    expect(await s.save('fr-FR', cue.id, { state: 'draft', revision: cue.revision })).toMatchObject({
      outcome: 'invalid',
      message: expect.stringContaining(`cue ${cue.id} (fr-FR): the cue is reviewed and cannot go back to draft`),
    });
    expect(await s.save('fr-FR', cue.id, { text: ' \n ', revision: cue.revision })).toMatchObject({ outcome: 'invalid', message: expect.stringContaining('`text` is empty') });
    expect(await s.save('fr-FR', cue.id, { revision: cue.revision })).toMatchObject({ outcome: 'invalid' });
    expect(await s.save('fr-FR', 'nope', { text: 'x', revision: cue.revision })).toMatchObject({ outcome: 'not-found' });
    expect(await s.save('xx-XX', cue.id, { text: 'x', revision: cue.revision })).toMatchObject({ outcome: 'not-found' });
  });

  it('keeps markup characters a reviewer types as text, and a cue’s styling when one style covers it', async () => {
    const s = await session(options);
    const italic = (await s.track('fr-FR'))!.find((c) => c.sourceTagged?.startsWith('<i>') && c.state === 'reviewed')!;
    const saved = await s.save('fr-FR', italic.id, { text: '<img src=x onerror=alert(1)> & co', revision: italic.revision });
    expect(saved).toMatchObject({ outcome: 'saved', cue: { text: '<img src=x onerror=alert(1)> & co' } });
    const memory = openMemory(options.memory);
    const stored = (await memory.entries({ target: 'fr-FR' })).filter((e) => e.provider === 'studio').flatMap((e) => e.target);
    await memory.close();
    expect(stored).toContain('<i>&lt;img src=x onerror=alert(1)&gt; &amp; co</i>');
  });

  it('checks a text as it is typed, without saving it', async () => {
    const s = await session(options);
    const cue = (await s.track('fr-FR'))![12]!;
    const long = 'Un texte bien trop long pour une si courte durée, bien plus long que ce que le budget permet vraiment ici';
    const checked = (await s.check('fr-FR', cue.id, long))!;
    expect(checked.findings.map((f) => f.code)).toContain('qc/reading-speed');
    expect(checked.budget.used).toBeGreaterThan(checked.budget.budget);
    expect((await s.track('fr-FR'))![12]).toMatchObject({ text: cue.text, revision: cue.revision });
  });

  it('approves in one step the cues without findings, and refuses the others with the reason', async () => {
    const s = await session(options);
    const cues = (await s.track('fr-FR'))!;
    const clean = cues.filter((c) => c.state !== 'approved' && c.findings.length === 0 && c.text !== '').slice(0, 3);
    const stale = clean[2]!;
    await s.save('fr-FR', stale.id, { comment: 'changed meanwhile', revision: stale.revision });
    const long = cues.find((c) => c.state !== 'approved' && c.text !== '' && !clean.includes(c))!;
    await s.save('fr-FR', long.id, { text: 'Un texte bien trop long pour une si courte durée, bien plus long que ce que le budget permet vraiment ici', revision: long.revision });
    const after = (await s.track('fr-FR'))!.find((c) => c.id === long.id)!;
    const result = (await s.approve('fr-FR', [...clean, after].map((c) => ({ id: c.id, revision: c.revision }))))!;
    expect(result.cues.map((c) => [c.id, c.state])).toEqual([[clean[0]!.id, 'approved'], [clean[1]!.id, 'approved']]);
    expect(result.refused.map((r) => r.id)).toEqual([stale.id, long.id]);
    expect(result.refused[1]!.reason).toContain('qc/reading-speed');
  });

  it('approves a cue named twice in one request once, and says it was approved', async () => {
    const s = await session(options);
    const cue = (await s.track('fr-FR'))!.find((c) => c.state !== 'approved' && c.findings.length === 0 && c.text !== '')!;
    const result = (await s.approve('fr-FR', [cue, cue].map((c) => ({ id: c.id, revision: c.revision }))))!;
    expect(result.cues.map((c) => [c.id, c.state])).toEqual([[cue.id, 'approved']]);
    expect(result.refused).toEqual([]);
  });
});
