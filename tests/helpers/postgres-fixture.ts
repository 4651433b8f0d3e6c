import { afterAll, beforeAll } from 'vitest';
import { startPostgres, type PostgresServer } from './postgres-server.js';

/** One PostgreSQL server for the test file, started before its first test and stopped after its last. */
export function postgresPerFile(): { server: PostgresServer } {
  const fixture = {} as { server: PostgresServer };
  beforeAll(async () => {
    fixture.server = await startPostgres();
  }, 120_000);
  afterAll(async () => {
    await fixture.server?.stop();
  });
  return fixture;
}
