import { describe, expect, it } from 'vitest';
import { hideSecrets, isPostgresLocation, publicLocation } from '../../src/memory/location.js';
import { itReturns } from '../helpers/examples.js';

describe('a memory location', () => {
  describe('is a Postgres one only for a postgres:// or postgresql:// URL', () => {
    itReturns('%j is one: %s', isPostgresLocation, [
      ['postgres://db/memory', true],
      ['PostgreSQL://db/memory', true],
      ['/film/postgres://x', false],
      ['postgres.sqlite', false],
      [':memory:', false],
    ]);
  });

  describe('shows a URL without its password, however it is written', () => {
    itReturns('%j shows as %j', publicLocation, [
      ['postgres://tm:s3cret@db:5432/memory', 'postgres://tm@db:5432/memory'],
      ['postgres://tm:p%40ss%2Fw@db/memory?sslmode=require', 'postgres://tm@db/memory?sslmode=require'],
      // A password with a raw `@` in it: the last `@` before the host ends it.
      ['postgres://tm:a@b@db/memory', 'postgres://tm@db/memory'],
      // `/`, `?` or `#` in a password nobody percent-encoded: the URL cannot be parsed, and the password must still not show.
      ['postgres://tm:se/cret@db:5432/memory', 'postgres://tm@db:5432/memory'],
      ['postgres://tm:se?cr#et@db/memory', 'postgres://tm@db/memory'],
      ['postgres://db/memory?user=tm&password=s3cret&sslpassword=k3y', 'postgres://db/memory?user=tm&password=***&sslpassword=***'],
      ['postgres://tm@db/memory', 'postgres://tm@db/memory'],
      ['/film/.subloc/memory.sqlite', '/film/.subloc/memory.sqlite'],
    ]);
  });

  it('hides the password in any text, written or decoded', () => {
    const url = 'postgres://tm:p%40ss%2Fw@db/memory';
    expect(hideSecrets(`connect ${url} failed for p@ss/w`, url)).toBe('connect postgres://tm:***@db/memory failed for ***');
    expect(hideSecrets('no secret here', '/film/memory.sqlite')).toBe('no secret here');
    const raw = 'postgres://tm:se/cretXYZ@db/memory';
    expect(hideSecrets(`\`${raw}\` is not a Postgres URL subloc can read`, raw)).not.toContain('se/cretXYZ');
  });
});
