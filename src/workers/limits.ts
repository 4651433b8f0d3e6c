import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Redis } from 'ioredis';
import { SublocError } from '../errors.js';
import type { DeepLGate, DeepLPermit } from '../translate/deepl/index.js';
import { KEYS } from './keys.js';

export const PERIODS = ['month', 'day'] as const;
export type BudgetPeriod = (typeof PERIODS)[number];

/** DeepL's limits as every worker reads them from Redis: one account, one rate, one budget. */
export interface CatalogLimits {
  /** DeepL requests per second, all workers together. */
  rate?: number;
  budget?: { characters: number; period: BudgetPeriod };
}

/** What `catalog enqueue` or `catalog resume` changes: a figure sets a limit, `null` lifts it, a key left out keeps it. */
export interface LimitsChange {
  rate?: number | null;
  budget?: CatalogLimits['budget'] | null;
}

/** Typed for a limit that is lifted: there is no other way to clear one once set. */
const NONE = 'none';

const isNone = (text: string) => text.trim().toLowerCase() === NONE;

/** `--rate <requests/s>`: a positive number, or `none` (null). */
export function parseRate(text: string): number | null {
  if (isNone(text)) return null;
  // Decimal only: Number() also reads `0x10` (16) and `1e3`, which nobody types for a rate.
  const rate = /^\s*(\d+(\.\d*)?|\.\d+)\s*$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isFinite(rate) || rate <= 0) throw new SublocError('USAGE', `--rate \`${text}\` is not a request rate; expected a positive number of DeepL requests per second, e.g. 5 or 0.5, or ${NONE} to lift the limit`);
  return rate;
}

/** `--budget 500000/month`: whole characters per month or per day, or `none` (null). */
export function parseBudget(text: string): NonNullable<CatalogLimits['budget']> | null {
  if (isNone(text)) return null;
  const match = /^\s*(\d+)\s*\/\s*(\w+)\s*$/.exec(text);
  const period = match?.[2] as BudgetPeriod | undefined;
  if (match === null || period === undefined || !PERIODS.includes(period)) {
    throw new SublocError('USAGE', `--budget \`${text}\` is not a character budget; expected characters per ${PERIODS.join(' or per ')}, e.g. 500000/month, or ${NONE} to lift the budget`);
  }
  return { characters: Number(match[1]), period };
}

/** The budget period a time falls in, in UTC: `2026-12` or `2026-12-06`. */
export function periodOf(period: BudgetPeriod, at: Date): string {
  const iso = at.toISOString();
  return period === 'month' ? iso.slice(0, 7) : iso.slice(0, 10);
}

export async function readLimits(redis: Redis): Promise<CatalogLimits> {
  const [rate, budget, period] = await redis.hmget(KEYS.settings, 'rate', 'budget', 'period');
  return {
    ...(rate === null ? {} : { rate: Number(rate) }),
    ...(budget === null ? {} : { budget: { characters: Number(budget), period: (period ?? 'month') as BudgetPeriod } }),
  };
}

/** Sets or lifts what is given, keeps the rest: every worker reads the new figures at its next request. */
export async function writeLimits(redis: Redis, change: LimitsChange): Promise<void> {
  const fields: Record<string, string> = {};
  const lifted: string[] = [];
  if (change.rate === null) lifted.push('rate');
  else if (change.rate !== undefined) fields['rate'] = String(change.rate);
  if (change.budget === null) lifted.push('budget', 'period');
  else if (change.budget !== undefined) {
    fields['budget'] = String(change.budget.characters);
    fields['period'] = change.budget.period;
  }
  const settings = redis.multi();
  if (Object.keys(fields).length > 0) settings.hset(KEYS.settings, fields);
  if (lifted.length > 0) settings.hdel(KEYS.settings, ...lifted);
  await settings.exec();
}

/** Characters DeepL billed in the budget's current period. */
export async function usedCharacters(redis: Redis, period: BudgetPeriod, at = new Date()): Promise<number> {
  return Number((await redis.get(KEYS.used(periodOf(period, at)))) ?? 0);
}

/**
 * The global request rate as a sliding window of request times in one sorted
 * set, on Redis's clock (one clock for every machine): a request may leave
 * when fewer than `max` left in the last `window` ms; else the answer is how
 * long to wait. Atomic, as every Lua script on Redis is.
 */
const TAKE_SLOT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local window = tonumber(ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', '(' .. (now - window))
if redis.call('ZCARD', KEYS[1]) < tonumber(ARGV[1]) then
  redis.call('ZADD', KEYS[1], now, ARGV[3])
  redis.call('PEXPIRE', KEYS[1], window + 1000)
  return 0
end
local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
return tonumber(oldest[2]) + window - now + 1
`;

/**
 * Reserves ARGV[2] characters for the request ARGV[1] unless what was billed
 * and what requests in flight reserved would pass the budget ARGV[3] with
 * them: 1 taken, 0 refused; with what was billed. A worker killed
 * mid-request never settles its reservation, and its budget must come back:
 * it lapses after ARGV[4] ms, and at once when the same job runs again (ids
 * starting ARGV[5], the job's, but not ARGV[6], this run's): BullMQ gives a
 * job to another worker only once its own has stopped renewing it.
 */
const RESERVE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local lapsed = redis.call('ZRANGEBYSCORE', KEYS[3], '-inf', now)
for _, id in ipairs(redis.call('HKEYS', KEYS[2])) do
  if string.sub(id, 1, #ARGV[5]) == ARGV[5] and string.sub(id, 1, #ARGV[6]) ~= ARGV[6] then table.insert(lapsed, id) end
end
for _, id in ipairs(lapsed) do
  redis.call('HDEL', KEYS[2], id)
  redis.call('ZREM', KEYS[3], id)
end
local used = tonumber(redis.call('GET', KEYS[1]) or '0')
local reserved = 0
for _, n in ipairs(redis.call('HVALS', KEYS[2])) do reserved = reserved + tonumber(n) end
local n = tonumber(ARGV[2])
local limit = tonumber(ARGV[3])
if limit >= 0 and used + reserved + n > limit then return {0, used, reserved} end
redis.call('HSET', KEYS[2], ARGV[1], n)
redis.call('ZADD', KEYS[3], now + tonumber(ARGV[4]), ARGV[1])
for _, key in ipairs(KEYS) do redis.call('PEXPIRE', key, 40 * 86400 * 1000) end
return {1, used, reserved}
`;

/**
 * The request's reservation gone, what DeepL billed for it counted in the
 * budget period and in the other one (KEYS[5]): a budget switched from per
 * day to per month, or back, still counts what was billed before.
 */
const SETTLE = `
redis.call('HDEL', KEYS[2], ARGV[1])
redis.call('ZREM', KEYS[3], ARGV[1])
redis.call('INCRBY', KEYS[1], ARGV[2])
redis.call('HINCRBY', KEYS[4], ARGV[3], ARGV[2])
redis.call('INCRBY', KEYS[5], ARGV[2])
redis.call('PEXPIRE', KEYS[5], 40 * 86400 * 1000)
return 1
`;

/**
 * Longer than any one request with its retries (five attempts of at
 * most 10 s, about 10 s of backoff between them): a reservation older than
 * this belongs to a worker that died.
 */
const RESERVATION_MS = 5 * 60_000;

/** A rate as `max` requests in any `window` ms: whole requests per second, or one per 1/rate s below 1. */
function windowOf(rate: number): { max: number; window: number } {
  const max = Math.max(1, Math.floor(rate));
  return { max, window: Math.ceil((1000 * max) / rate) };
}

async function takeSlot(redis: Redis, rate: number): Promise<void> {
  const { max, window } = windowOf(rate);
  const member = randomUUID();
  for (;;) {
    const wait = Number(await redis.eval(TAKE_SLOT, 1, KEYS.requests, max, window, member));
    if (wait <= 0) return;
    await sleep(wait);
  }
}

export function budgetMessage(budget: NonNullable<CatalogLimits['budget']>, used: number, asked: number, held = 0): string {
  const inFlight = held > 0 ? `, ${held} held by requests in flight` : '';
  return (
    `the DeepL budget of ${budget.characters} characters per ${budget.period} is reached (${used} billed so far${inFlight}, a request of ${asked} more refused): ` +
    'the queue is paused; the drafts received so far are kept. Raise it with `subloc catalog resume --budget <n>/' + budget.period + '`, or resume when the next period starts'
  );
}

/**
 * The DeepL gate of one catalog job: the global rate and budget held in
 * Redis across every worker, and what the job billed counted under its id
 * (every attempt, for `catalog status`). The limits are read at each request,
 * so `catalog resume --budget` takes effect on the next one.
 */
export function redisGate(redis: Redis, jobId: string): DeepLGate {
  // Reservations are named after the job and this run of it (a job id holds no space: see keys.ts).
  const job = `${jobId} `;
  const run = `${job}${randomUUID()} `;
  return {
    async acquire(characters) {
      const limits = await readLimits(redis);
      const at = new Date();
      const kind = limits.budget?.period ?? 'month';
      const keys = [KEYS.used(periodOf(kind, at)), KEYS.reserved, KEYS.reservedUntil];
      const other = KEYS.used(periodOf(kind === 'month' ? 'day' : 'month', at));
      const id = `${run}${randomUUID()}`;
      const [taken, billed, held] = (await redis.eval(RESERVE, keys.length, ...keys, id, characters, limits.budget?.characters ?? -1, RESERVATION_MS, job, run)) as [number, number, number];
      if (taken === 0) throw new SublocError('DEEPL_BUDGET', budgetMessage(limits.budget!, billed, characters, held));
      let settled = false;
      const permit: DeepLPermit = {
        async settle(billedCharacters) {
          if (settled) return;
          settled = true;
          await redis.eval(SETTLE, 5, ...keys, KEYS.billed, other, id, billedCharacters, jobId);
        },
      };
      try {
        if (limits.rate !== undefined) await takeSlot(redis, limits.rate);
      } catch (error) {
        await permit.settle(0);
        throw error;
      }
      return permit;
    },
  };
}
