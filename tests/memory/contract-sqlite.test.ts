import { join } from 'node:path';
import { tempDir } from '../helpers/cli.js';
import { memoryContract } from './contract.js';

memoryContract('SQLite', async () => join(tempDir('subloc-memory-'), 'memory.sqlite'));
