// Query budgets per caller: each API token, each signed-in user and each anonymous client
// address has a bucket of points that refills continuously; an operation takes its cost
// (http/cost.ts). In memory per instance; the scale-out issue moves buckets to Redis behind
// the same interface.
import type { Viewer } from '../auth/viewer.ts';

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
  take(key: string, points: number, limit: number, now: Date): Budget;
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

export function createInMemoryRateLimiter(): RateLimiter {
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

/** The budget as the `x-ratelimit-*` headers every metered response carries (reset in Unix seconds). */
export function rateLimitHeaders(budget: Budget): Record<string, string> {
  return {
    'x-ratelimit-limit': String(budget.limit),
    'x-ratelimit-remaining': String(budget.remaining),
    'x-ratelimit-reset': String(Math.ceil(budget.resetAt.getTime() / 1000)),
  };
}
