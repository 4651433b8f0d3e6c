import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readLimits, redisGate, usedCharacters, writeLimits } from '../../src/workers/limits.js';
import { connectRedis } from '../../src/workers/redis.js';
import { startRedis, type RedisServer } from '../helpers/redis-server.js';

let server: RedisServer;
let redis: Redis;

beforeAll(async () => {
  server = await startRedis();
  redis = await connectRedis(server.url);
}, 60_000);

afterAll(async () => {
  redis?.disconnect();
  await server?.stop();
});

/** One request through the gate, DeepL billing `billed` of it. */
async function bill(jobId: string, billed: number): Promise<void> {
  const permit = await redisGate(redis, jobId).acquire(billed);
  await permit.settle(billed);
}

describe('the catalog budget', () => {
  it('counts what was billed under either period, so switching from per month to per day and back overspends nothing', async () => {
    await redis.flushall();
    await writeLimits(redis, { budget: { characters: 6000, period: 'month' } });
    await bill('film-a', 5000);
    expect(await usedCharacters(redis, 'month')).toBe(5000);

    // A per-day budget counts what was billed today before it was set.
    await writeLimits(redis, { budget: { characters: 6000, period: 'day' } });
    expect(await usedCharacters(redis, 'day')).toBe(5000);
    await bill('film-b', 900);
    await expect(redisGate(redis, 'film-b').acquire(200)).rejects.toMatchObject({ code: 'DEEPL_BUDGET' });

    // Back to the month: what was billed under the day budget counts in the month.
    await writeLimits(redis, { budget: { characters: 6000, period: 'month' } });
    expect(await readLimits(redis)).toMatchObject({ budget: { characters: 6000, period: 'month' } });
    expect(await usedCharacters(redis, 'month')).toBe(5900);
    await expect(redisGate(redis, 'film-c').acquire(101)).rejects.toMatchObject({ code: 'DEEPL_BUDGET', message: expect.stringContaining('5900 billed so far') });
    await bill('film-c', 100);
  });

  it('holds what a request in flight reserved against the budget, whatever period was set when it left', async () => {
    await redis.flushall();
    await writeLimits(redis, { budget: { characters: 1000, period: 'day' } });
    const inFlight = await redisGate(redis, 'film-a').acquire(800);
    await writeLimits(redis, { budget: { characters: 1000, period: 'month' } });
    await expect(redisGate(redis, 'film-b').acquire(300)).rejects.toMatchObject({ code: 'DEEPL_BUDGET', message: expect.stringContaining('800 held by requests in flight') });
    await inFlight.settle(800);
    expect(await usedCharacters(redis, 'month')).toBe(800);
    expect(await usedCharacters(redis, 'day')).toBe(800);
  });
});
