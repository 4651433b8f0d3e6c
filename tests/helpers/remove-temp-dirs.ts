import { afterAll } from 'vitest';
import { removeTempDirs } from './temp-dir.js';

// Vitest ends its workers without the `exit` event, so each test file removes its own folders.
afterAll(removeTempDirs);
