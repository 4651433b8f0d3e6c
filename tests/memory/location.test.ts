import { describe, expect, it } from 'vitest';
import { hideSecrets, isPostgresLocation, memoryIdentity, publicLocation } from '../../src/memory/location.js';
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

describe('memoryIdentity', () => {
  const env = { USER: 'ops' };
  it('names a Postgres memory by its server and database, as the driver resolves them, never by its password', () => {
    expect(memoryIdentity('postgres://subloc:s3cret@db-host:5432/subloc', env)).toBe('the Postgres database subloc on db-host:5432');
    expect(memoryIdentity('postgresql://subloc@DB-HOST/subloc?sslmode=require', env)).toBe('the Postgres database subloc on db-host:5432');
    // Its own local database of the same name is another memory: a worker there would bill the films again.
    expect(memoryIdentity('postgres://subloc@localhost/subloc', env)).toBe('the Postgres database subloc on localhost:5432');
    expect(memoryIdentity('postgres://subloc@127.0.0.1:5432/subloc', env)).toBe('the Postgres database subloc on localhost:5432');
    // No database in the URL: PGDATABASE, else the user's name, as the driver connects.
    expect(memoryIdentity('postgres://alice@db-host/', env)).toBe('the Postgres database alice on db-host:5432');
    expect(memoryIdentity('postgres://alice@db-host/', { ...env, PGDATABASE: 'tm' })).toBe('the Postgres database tm on db-host:5432');
    expect(memoryIdentity('postgres://alice@db-host/alice', env)).toBe(memoryIdentity('postgres://alice@db-host/', env));
    expect(memoryIdentity('postgres://u@h/my%20db', env)).toBe('the Postgres database my db on h:5432');
    expect(memoryIdentity('postgres://u:p@ss@h/tm', env)).not.toContain('p@ss');
  });

  it('names an SQLite memory by its file', () => {
    expect(memoryIdentity('/srv/films/.subloc/memory.sqlite', env)).toBe('the SQLite file /srv/films/.subloc/memory.sqlite');
  });
});
