import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openReviewSession } from '../../src/pipeline/review-session.js';
import type { TrackResponse } from '../../src/studio/api.js';
import { startStudio, type Studio } from '../../src/studio/server.js';
import { change, LANG, localizedSample, sampleStudio, send, testPage } from './studio-fixture.js';

describe('the studio on loopback', () => {
  const running = sampleStudio();

  it('listens on 127.0.0.1 and needs no token there', async () => {
    expect(running.studio.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(running.studio.token).toBeUndefined();
    expect((await send(running.origin, { path: '/api/tracks' })).status).toBe(200);
  });

  it('refuses a request for a foreign Host (DNS rebinding) with 421, and answers its own address and localhost', async () => {
    const port = running.studio.port;
    for (const host of ['evil.example', `evil.example:${port}`, `127.0.0.1:${port + 1}`, `127.0.0.1.evil.example:${port}`]) {
      const answer = await send(running.origin, { path: '/api/tracks', headers: { Host: host } });
      expect(answer.status, host).toBe(421);
      expect(answer.json().message).toContain(`this studio answers only at 127.0.0.1:${port}`);
    }
    expect((await send(running.origin, { path: '/', headers: { Host: 'evil.example' } })).status).toBe(421);
    expect((await send(running.origin, { path: '/api/tracks', headers: { Host: `localhost:${port}` } })).status).toBe(200);
  });

  it('refuses a change whose Origin is not its own page (403), and nothing is saved', async () => {
    const cues = ((await send(running.origin, { path: `/api/tracks/${LANG}` })).json() as TrackResponse).cues;
    const cue = cues[3]!;
    const body = JSON.stringify({ text: 'Pirate', revision: cue.revision });
    const path = `/api/tracks/${LANG}/cues/${cue.id}`;
    for (const origin of ['http://evil.example', `http://localhost:${running.studio.port + 1}`, 'null', undefined]) {
      const headers: Record<string, string> = { 'Content-Type': 'application/json', ...(origin === undefined ? {} : { Origin: origin }) };
      const answer = await send(running.origin, { method: 'PUT', path, headers, body });
      expect(answer.status, String(origin)).toBe(403);
      expect(answer.json().message).toContain(`changes are accepted only from the studio's own page at ${running.origin}`);
    }
    // Without an Origin only when the browser itself says the page is the studio's own (Chromium sends none on a same-origin PUT).
    for (const site of ['cross-site', 'same-site', 'none']) {
      const answer = await send(running.origin, { method: 'PUT', path, headers: { 'Content-Type': 'application/json', 'Sec-Fetch-Site': site }, body });
      expect(answer.status, site).toBe(403);
    }
    const foreignButSameSite = await send(running.origin, { method: 'PUT', path, headers: { 'Content-Type': 'application/json', 'Sec-Fetch-Site': 'same-origin', Origin: 'http://evil.example' }, body });
    expect(foreignButSameSite.status).toBe(403);
    expect((await change(running, 'POST', `/api/tracks/${LANG}/approve`, { cues: [] })).status).toBe(200);
    const ownPage = await send(running.origin, { method: 'POST', path: `/api/tracks/${LANG}/approve`, headers: { 'Content-Type': 'application/json', 'Sec-Fetch-Site': 'same-origin' }, body: '{"cues":[]}' });
    expect(ownPage.status).toBe(200);
    const foreignApprove = await send(running.origin, { method: 'POST', path: `/api/tracks/${LANG}/approve`, headers: { 'Content-Type': 'application/json', Origin: 'http://evil.example' }, body: JSON.stringify({ cues: [{ id: cue.id, revision: cue.revision }] }) });
    expect(foreignApprove.status).toBe(403);
    expect(((await send(running.origin, { path: `/api/tracks/${LANG}` })).json() as TrackResponse).cues[3]).toEqual(cue);
  });

  it('serves its page and its assets, and no other file however the path is written', async () => {
    const page = await send(running.origin, { path: '/' });
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    const script = await send(running.origin, { path: '/assets/main.js' });
    expect([script.status, script.headers['content-type']]).toEqual([200, 'text/javascript; charset=utf-8']);
    for (const path of [
      '/assets/notes.txt',
      '/assets/../secret.txt',
      '/assets/..%2fsecret.txt',
      '/assets/%2e%2e/secret.txt',
      '/assets/..%5csecret.txt',
      '/assets/',
      '/assets',
      '/../secret.txt',
      '/secret.txt',
      '/page/index.html',
      '/index.html',
      '/etc/passwd',
      '/assets/main.js/..%2f..%2f..%2fpackage.json',
      '/video',
    ]) {
      const answer = await send(running.origin, { path });
      expect(answer.status, path).toBe(404);
      expect(answer.body, path).not.toContain('outside the page');
      expect(answer.body, path).not.toContain('not an asset');
    }
  });

  it('answers every response with headers that keep scripts its own, and renders nothing of a cue as markup', async () => {
    for (const path of ['/', '/assets/main.js', '/api/tracks', '/nothing']) {
      const answer = await send(running.origin, { path });
      expect(answer.headers['content-security-policy'], path).toMatch(/^default-src 'self'/);
      expect(answer.headers['content-security-policy'], path).not.toContain('unsafe-inline');
      expect(answer.headers['x-content-type-options'], path).toBe('nosniff');
      expect(answer.headers['referrer-policy'], path).toBe('no-referrer');
    }
    const cue = ((await send(running.origin, { path: `/api/tracks/${LANG}` })).json() as TrackResponse).cues[4]!;
    const xss = '<img src=x onerror=alert(1)>';
    const saved = await change(running, 'PUT', `/api/tracks/${LANG}/cues/${cue.id}`, { text: xss, comment: '<script>alert(2)</script>', revision: cue.revision });
    expect(saved.headers['content-type']).toMatch(/^application\/json/);
    expect(saved.json().cue).toMatchObject({ text: xss, comment: '<script>alert(2)</script>' });
  });
});

describe('the studio beyond loopback', () => {
  let studio: Studio;
  let origin: string;
  beforeAll(async () => {
    const { dir, options } = await localizedSample();
    const session = await openReviewSession({ localize: options, languages: [LANG] });
    // Every interface, reached here through loopback: the token is what guards it.
    studio = await startStudio({ session, host: '0.0.0.0', port: 0, pageDir: testPage(dir) });
    origin = `http://127.0.0.1:${studio.port}`;
  }, 60_000);
  afterAll(async () => {
    await studio?.close();
  });

  it('needs its token on every request: Authorization, or ?token= on the first page load, which leaves an HttpOnly SameSite=Strict cookie', async () => {
    const token = studio.token!;
    expect(token).toMatch(/^[\w-]{43}$/);
    for (const path of ['/', '/api/session', '/assets/main.js', '/api/tracks']) {
      const answer = await send(origin, { path });
      expect(answer.status, path).toBe(403);
      expect(answer.json().message).toContain('needs its token');
    }
    expect((await send(origin, { path: '/api/session', headers: { Authorization: `Bearer ${token}x` } })).status).toBe(403);
    expect((await send(origin, { path: '/?token=wrong' })).status).toBe(403);
    expect((await send(origin, { path: '/api/session', headers: { Authorization: `Bearer ${token}` } })).status).toBe(200);

    const first = await send(origin, { path: `/?token=${token}` });
    expect(first.status).toBe(303);
    expect(first.headers['location']).toBe('/');
    const cookie = String(first.headers['set-cookie']);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    const sent = cookie.split(';')[0]!;
    expect((await send(origin, { path: '/', headers: { Cookie: sent } })).status).toBe(200);
    expect((await send(origin, { path: '/api/tracks', headers: { Cookie: sent } })).status).toBe(200);
    // The token does not excuse a foreign page: a change still needs the studio's own Origin.
    const put = await send(origin, { method: 'PUT', path: `/api/tracks/${LANG}/cues/1`, headers: { Cookie: sent, 'Content-Type': 'application/json', Origin: 'http://evil.example' }, body: '{"comment":"x","revision":"x"}' });
    expect(put.status).toBe(403);
  });
});
