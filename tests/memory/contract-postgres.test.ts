import { afterAll, beforeAll } from 'vitest';
import { startPostgres, type PostgresServer } from '../helpers/postgres-server.js';
import { memoryContract } from './contract.js';

let server: PostgresServer;
beforeAll(async () => {
  server = await startPostgres();
}, 120_000);
afterAll(async () => {
  await server?.stop();
});

memoryContract('Postgres', () => server.createDatabase());
