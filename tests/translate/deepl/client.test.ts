import { describe, expect, it } from 'vitest';
import { SublocError } from '../../../src/errors.js';
import { createDeepLConnection } from '../../../src/translate/deepl/client.js';

describe('createDeepLConnection', () => {
  it('reads the key and server from the environment only', () => {
    const c = createDeepLConnection({ env: { DEEPL_AUTH_KEY: 'k:fx', DEEPL_SERVER_URL: 'http://127.0.0.1:9' } });
    expect(c.serverUrl).toBe('http://127.0.0.1:9');
    expect(createDeepLConnection({ env: { DEEPL_AUTH_KEY: 'k:fx' } }).serverUrl).toBe('https://api-free.deepl.com');
    expect(createDeepLConnection({ env: { DEEPL_AUTH_KEY: 'k' } }).serverUrl).toBe('https://api.deepl.com');
  });

  it('refuses a server address with a user name or password, never showing them, and one that is no http(s) address', () => {
    const withPassword = () => createDeepLConnection({ env: { DEEPL_AUTH_KEY: 'k:fx', DEEPL_SERVER_URL: 'https://proxy-user:hunter2@deepl.example.com/' } });
    expect(withPassword).toThrow('DEEPL_SERVER_URL (https://***@deepl.example.com) holds a user name or password');
    expect(withPassword).not.toThrow(/hunter2|proxy-user/);
    expect(() => createDeepLConnection({ env: { DEEPL_AUTH_KEY: 'k:fx', DEEPL_SERVER_URL: 'api.deepl.com' } })).toThrow('DEEPL_SERVER_URL is `api.deepl.com`; expected an http:// or https:// address');
    expect(() => createDeepLConnection({ env: { DEEPL_AUTH_KEY: 'k:fx', DEEPL_SERVER_URL: 'ftp://deepl.example.com' } })).toThrow('expected an http:// or https:// address');
  });

  it('never shows a key that was put in DEEPL_SERVER_URL, swapped or pasted on the wrong line', () => {
    const key = '279a2e9d-83b3-c416-7e2d-f721593e42a0:fx';
    for (const [authKey, server] of [
      [key, key],
      [key, `a${key.slice(1)}`],
      [key, `api-free.deepl.com/${key}`],
      [key, `ftp://${key.replace(':fx', '')}.example.com`],
      ['other:fx', key],
    ] as const) {
      const connect = () => createDeepLConnection({ env: { DEEPL_AUTH_KEY: authKey, DEEPL_SERVER_URL: server } });
      expect(connect).toThrow(/DEEPL_SERVER_URL/);
      expect(connect).not.toThrow(/f721593e42a0/);
    }
  });

  it('refuses to start without a key, saying which variable to set', () => {
    expect(() => createDeepLConnection({ env: {} })).toThrow(SublocError);
    expect(() => createDeepLConnection({ env: {} })).toThrow(/DEEPL_AUTH_KEY is not set/);
  });

  it('redacts the key and the auth header from any text', () => {
    const c = createDeepLConnection({ env: { DEEPL_AUTH_KEY: 'abc-123:fx' } });
    expect(c.redact('key abc-123:fx and header DeepL-Auth-Key abc-123:fx')).toBe('key [redacted] and header DeepL-Auth-Key [redacted]');
    expect(JSON.stringify({ ...c, client: undefined })).not.toContain('abc-123');
  });
});
