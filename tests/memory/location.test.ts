import { describe, expect, it } from 'vitest';
import { hideSecrets, isPostgresLocation, publicLocation } from '../../src/memory/location.js';

describe('a memory location', () => {
  it('is a Postgres one only for a postgres:// or postgresql:// URL', () => {
    expect(isPostgresLocation('postgres://db/memory')).toBe(true);
    expect(isPostgresLocation('PostgreSQL://db/memory')).toBe(true);
    expect(isPostgresLocation('/film/postgres://x')).toBe(false);
    expect(isPostgresLocation('postgres.sqlite')).toBe(false);
    expect(isPostgresLocation(':memory:')).toBe(false);
  });

  it('shows a URL without its password, however it is written', () => {
    expect(publicLocation('postgres://tm:s3cret@db:5432/memory')).toBe('postgres://tm@db:5432/memory');
    expect(publicLocation('postgres://tm:p%40ss%2Fw@db/memory?sslmode=require')).toBe('postgres://tm@db/memory?sslmode=require');
    // A password with a raw `@` in it: the last `@` before the host ends it.
    expect(publicLocation('postgres://tm:a@b@db/memory')).toBe('postgres://tm@db/memory');
    expect(publicLocation('postgres://db/memory?user=tm&password=s3cret&sslpassword=k3y')).toBe('postgres://db/memory?user=tm&password=***&sslpassword=***');
    expect(publicLocation('postgres://tm@db/memory')).toBe('postgres://tm@db/memory');
    expect(publicLocation('/film/.subloc/memory.sqlite')).toBe('/film/.subloc/memory.sqlite');
  });

  it('hides the password in any text, written or decoded', () => {
    const url = 'postgres://tm:p%40ss%2Fw@db/memory';
    expect(hideSecrets(`connect ${url} failed for p@ss/w`, url)).toBe('connect postgres://tm:***@db/memory failed for ***');
    expect(hideSecrets('no secret here', '/film/memory.sqlite')).toBe('no secret here');
  });
});
