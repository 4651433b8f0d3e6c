import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { UnitClaims } from '../pipeline/unit-claims.js';
import { KEYS } from './keys.js';

/** Each key for the owner ARGV[1] for ARGV[2] ms: 1 where it holds the key now (taken, or held already and renewed), 0 where another owner does. */
const CLAIM = `
local held = {}
for i, key in ipairs(KEYS) do
  if redis.call('SET', key, ARGV[1], 'NX', 'PX', ARGV[2]) then
    held[i] = 1
  elseif redis.call('GET', key) == ARGV[1] then
    redis.call('PEXPIRE', key, ARGV[2])
    held[i] = 1
  else
    held[i] = 0
  end
end
return held
`;

/** The owner's keys renewed for ARGV[2] ms; keys it lost are left alone. */
const RENEW = `
for _, key in ipairs(KEYS) do
  if redis.call('GET', key) == ARGV[1] then redis.call('PEXPIRE', key, ARGV[2]) end
end
return 0
`;

/** The owner's keys deleted; another owner's are left alone. */
const RELEASE = `
for _, key in ipairs(KEYS) do
  if redis.call('GET', key) == ARGV[1] then redis.call('DEL', key) end
end
return 0
`;

export interface RedisClaimsOptions {
  /**
   * Who holds the claims: the catalog job's id, so the job run again after
   * its worker died holds its earlier claims at once instead of waiting them
   * out (BullMQ runs one attempt of a job at a time). @default a new id
   */
  owner?: string;
  /**
   * How long a claim lasts unless renewed, in ms: a worker that dies
   * mid-draft holds its units this long at most. Renewed every third of it
   * while held. @default 60000
   */
  lifetimeMs?: number;
  /** How often a run looks again for units another run holds, in ms. @default 1000 */
  pollMs?: number;
}

/** Keys per command: one Lua call holds Redis for all its keys. */
const KEYS_A_CALL = 500;

/**
 * The unit claims of one catalog job run, held in Redis for every worker on
 * the memory: taken atomically (SET NX), renewed while the run drafts, and
 * given back by the run, or lapsing if its worker dies.
 */
export function redisClaims(redis: Redis, options: RedisClaimsOptions = {}): UnitClaims {
  const lifetime = options.lifetimeMs ?? 60_000;
  const owner = options.owner ?? randomUUID();
  const held = new Set<string>();
  let renewing: NodeJS.Timeout | undefined;

  const run = async (script: string, keys: readonly string[]): Promise<number[]> => {
    const out: number[] = [];
    for (let i = 0; i < keys.length; i += KEYS_A_CALL) {
      const part = keys.slice(i, i + KEYS_A_CALL).map(KEYS.claim);
      const answer = (await redis.eval(script, part.length, ...part, owner, lifetime)) as number[] | number;
      if (Array.isArray(answer)) out.push(...answer);
    }
    return out;
  };

  // A claim lapsing under a run that still drafts would let another run bill the unit too.
  const renew = (): void => {
    if (held.size === 0) {
      clearInterval(renewing);
      renewing = undefined;
      return;
    }
    run(RENEW, [...held]).catch(() => {
      // Redis away: the claims lapse and another run may draft the units as well; the run itself goes on.
    });
  };

  return {
    pollMs: options.pollMs ?? 1000,
    async claim(keys) {
      const answer = await run(CLAIM, keys);
      const taken = keys.map((_, i) => answer[i] === 1);
      keys.forEach((key, i) => {
        if (taken[i]) held.add(key);
      });
      if (held.size > 0 && renewing === undefined) {
        renewing = setInterval(renew, Math.max(1, Math.floor(lifetime / 3)));
        renewing.unref();
      }
      return taken;
    },
    async release(keys) {
      const ours = keys.filter((key) => held.has(key));
      for (const key of ours) held.delete(key);
      if (ours.length > 0) await run(RELEASE, ours);
    },
  };
}
