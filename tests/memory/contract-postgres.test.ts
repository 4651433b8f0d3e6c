import { postgresPerFile } from '../helpers/postgres-fixture.js';
import { memoryContract } from './contract.js';

const postgres = postgresPerFile();

memoryContract('Postgres', () => postgres.server.createDatabase());
