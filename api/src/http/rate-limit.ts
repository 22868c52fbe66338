// Query budgets per caller: each API token, each signed-in user and each anonymous client
// address has a bucket of points that refills continuously; an operation takes its cost
// (http/cost.ts). In memory per instance by default; with REDIS_URL the buckets live in Redis
// (one Lua script per take, so concurrent instances cannot both spend the same points).
import type { Viewer } from '../auth/viewer.ts';
import type { RedisConnection } from '../redis.ts';

export interface Budget {
  /** Points a full bucket holds (and refills per hour). */
  limit: number;
  remaining: number;
  /** When the bucket will be full again. */
  resetAt: Date;
  /** Whether the operation was admitted (and charged). */
  allowed: boolean;
  /** Seconds until the refused operation's cost is available again. */
  retryAfterSeconds: number;
}

export interface RateLimiter {
  take(key: string, points: number, limit: number, now: Date): Budget | Promise<Budget>;
}

export const BUDGETS = {
  /** Points per hour for an API token, a signed-in user, an anonymous address. */
  token: 2_000_000,
  user: 2_000_000,
  anonymous: 500_000,
} as const;

export function budgetFor(viewer: Viewer, clientAddress: string): { key: string; limit: number } {
  if (viewer.credential.kind === 'token') return { key: `token:${viewer.credential.tokenId}`, limit: BUDGETS.token };
  if (viewer.user) return { key: `user:${viewer.user.id}`, limit: BUDGETS.user };
  return { key: `address:${clientAddress}`, limit: BUDGETS.anonymous };
}

/** Buckets unused for an hour are full again and forgotten. */
const MAX_BUCKETS = 100_000;

export function createInMemoryRateLimiter(): RateLimiter & { take(...args: Parameters<RateLimiter['take']>): Budget } {
  const buckets = new Map<string, { points: number; at: number }>();
  return {
    take(key, points, limit, now) {
      const at = now.getTime();
      const perMs = limit / 3_600_000;
      const bucket = buckets.get(key);
      const current = bucket ? Math.min(limit, bucket.points + (at - bucket.at) * perMs) : limit;
      const allowed = points <= current;
      const remaining = allowed ? current - points : current;
      if (remaining >= limit) buckets.delete(key);
      else {
        if (!buckets.has(key) && buckets.size >= MAX_BUCKETS) {
          // Forget the oldest bucket: it is the fullest by now.
          const oldest = buckets.keys().next().value;
          if (oldest !== undefined) buckets.delete(oldest);
        }
        buckets.delete(key);
        buckets.set(key, { points: remaining, at });
      }
      return {
        limit,
        remaining: Math.floor(remaining),
        resetAt: new Date(at + Math.ceil((limit - remaining) / perMs)),
        allowed,
        retryAfterSeconds: allowed ? 0 : Math.ceil((points - current) / perMs / 1000),
      };
    },
  };
}

// Token bucket in one round trip: refill since the last take, charge if the points are there.
// Numbers go back as strings (Redis would truncate Lua numbers to integers).
const TAKE_SCRIPT = `
local cost = tonumber(ARGV[1])
local limit = tonumber(ARGV[2])
local now = tonumber(ARGV[3])
local perMs = limit / 3600000
local bucket = redis.call('HMGET', KEYS[1], 'p', 'a')
local current = limit
if bucket[1] then current = math.min(limit, tonumber(bucket[1]) + (now - tonumber(bucket[2])) * perMs) end
local allowed = 0
local remaining = current
if cost <= current then
  allowed = 1
  remaining = current - cost
end
if remaining >= limit then
  redis.call('DEL', KEYS[1])
else
  redis.call('HSET', KEYS[1], 'p', tostring(remaining), 'a', tostring(now))
  redis.call('PEXPIRE', KEYS[1], 3600000)
end
return { allowed, tostring(remaining), tostring(current) }
`;

/**
 * Buckets shared by every instance. While Redis is unreachable each instance falls back to
 * its own in-memory buckets (callers are still limited, per instance) rather than refusing
 * or admitting everything.
 */
export function createRedisRateLimiter(
  connection: RedisConnection,
  onError: (message: string) => void = (message) => console.error(message),
): RateLimiter {
  const fallback = createInMemoryRateLimiter();
  let failing = false;
  return {
    async take(key, points, limit, now) {
      const at = now.getTime();
      let reply: [number, string, string];
      try {
        reply = (await connection.commands.eval(
          TAKE_SCRIPT,
          1,
          `${connection.prefix}budget:${key}`,
          points,
          limit,
          at,
        )) as [number, string, string];
        failing = false;
      } catch (error) {
        if (!failing) onError(`query budgets: Redis unavailable, counting in memory (${String(error)})`);
        failing = true;
        return fallback.take(key, points, limit, now);
      }
      const allowed = reply[0] === 1;
      const remaining = Number(reply[1]);
      const current = Number(reply[2]);
      const perMs = limit / 3_600_000;
      return {
        limit,
        remaining: Math.floor(remaining),
        resetAt: new Date(at + Math.ceil((limit - remaining) / perMs)),
        allowed,
        retryAfterSeconds: allowed ? 0 : Math.ceil((points - current) / perMs / 1000),
      };
    },
  };
}

/** The budget as the `x-ratelimit-*` headers every metered response carries (reset in Unix seconds). */
export function rateLimitHeaders(budget: Budget): Record<string, string> {
  return {
    'x-ratelimit-limit': String(budget.limit),
    'x-ratelimit-remaining': String(budget.remaining),
    'x-ratelimit-reset': String(Math.ceil(budget.resetAt.getTime() / 1000)),
  };
}
