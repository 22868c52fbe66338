// Sign-in throttling: failures are counted per email and per client address in a sliding
// window. In memory, per instance, by default; with REDIS_URL the windows are sorted sets in
// Redis, so a guesser cannot multiply their tries by the number of instances.
import type { RedisConnection } from '../redis.ts';

export interface ThrottleSettings {
  maxFailures: number;
  windowMs: number;
}

/** Per account: a password guesser gets 10 tries per 15 minutes for one email. */
export const PER_ACCOUNT: ThrottleSettings = { maxFailures: 10, windowMs: 15 * 60 * 1000 };
/** Per client address: higher, since a whole office may sit behind one address. */
export const PER_ADDRESS: ThrottleSettings = { maxFailures: 100, windowMs: 15 * 60 * 1000 };

export class FailureThrottle {
  private readonly failures = new Map<string, number[]>();
  private readonly settings: ThrottleSettings;

  constructor(settings: ThrottleSettings) {
    this.settings = settings;
  }

  private recent(key: string, now: number): number[] {
    const list = (this.failures.get(key) ?? []).filter((t) => t > now - this.settings.windowMs);
    if (list.length === 0) this.failures.delete(key);
    else this.failures.set(key, list);
    return list;
  }

  /** Seconds until another attempt is allowed; 0 when allowed now. */
  retryAfterSeconds(keys: readonly string[], now: number): number {
    let wait = 0;
    for (const key of keys) {
      const list = this.recent(key, now);
      if (list.length >= this.settings.maxFailures) {
        wait = Math.max(wait, Math.ceil((list[0]! + this.settings.windowMs - now) / 1000));
      }
    }
    return wait;
  }

  recordFailure(keys: readonly string[], now: number): void {
    for (const key of keys) {
      const list = this.recent(key, now);
      list.push(now);
      this.failures.set(key, list);
    }
    // Bound memory under a flood of distinct keys: drop the oldest entries.
    if (this.failures.size > 100_000) {
      for (const key of [...this.failures.keys()].slice(0, 10_000)) this.failures.delete(key);
    }
  }

  reset(keys: readonly string[]): void {
    for (const key of keys) this.failures.delete(key);
  }
}

/** One sliding-window throttle, in memory or in Redis. */
export interface SignInThrottle {
  retryAfterSeconds(keys: readonly string[], now: number): Promise<number>;
  recordFailure(keys: readonly string[], now: number): Promise<void>;
  reset(keys: readonly string[]): Promise<void>;
}

/** Per account and per client address (services/user.service.ts). */
export interface SignInThrottles {
  account: SignInThrottle;
  address: SignInThrottle;
}

export function inMemoryThrottle(settings: ThrottleSettings): SignInThrottle {
  const throttle = new FailureThrottle(settings);
  return {
    retryAfterSeconds: async (keys, now) => throttle.retryAfterSeconds(keys, now),
    recordFailure: async (keys, now) => throttle.recordFailure(keys, now),
    reset: async (keys) => throttle.reset(keys),
  };
}

export function inMemoryThrottles(): SignInThrottles {
  return { account: inMemoryThrottle(PER_ACCOUNT), address: inMemoryThrottle(PER_ADDRESS) };
}

/**
 * Failures as scores of a sorted set per key, trimmed to the window on every look. While
 * Redis is unreachable this instance counts in memory instead (still throttled, per instance).
 */
export function redisThrottle(
  connection: RedisConnection,
  name: string,
  settings: ThrottleSettings,
  onError: (message: string) => void = (message) => console.error(message),
): SignInThrottle {
  const fallback = inMemoryThrottle(settings);
  const keyOf = (key: string) => `${connection.prefix}signin:${name}:${key}`;
  let failing = false;
  async function guarded<T>(work: () => Promise<T>, local: () => Promise<T>): Promise<T> {
    try {
      const result = await work();
      failing = false;
      return result;
    } catch (error) {
      if (!failing) onError(`sign-in throttling: Redis unavailable, counting in memory (${String(error)})`);
      failing = true;
      return local();
    }
  }
  return {
    retryAfterSeconds: (keys, now) =>
      guarded(
        async () => {
          let wait = 0;
          for (const key of keys) {
            const reply = await connection.commands
              .multi()
              .zremrangebyscore(keyOf(key), '-inf', now - settings.windowMs)
              .zcard(keyOf(key))
              .zrange(keyOf(key), 0, 0, 'WITHSCORES')
              .exec();
            if (!reply || reply.some(([error]) => error)) throw new Error('MULTI failed');
            const count = Number(reply[1]![1]);
            const oldest = Number((reply[2]![1] as string[])[1] ?? now);
            if (count >= settings.maxFailures) {
              wait = Math.max(wait, Math.ceil((oldest + settings.windowMs - now) / 1000));
            }
          }
          return wait;
        },
        () => fallback.retryAfterSeconds(keys, now),
      ),
    recordFailure: (keys, now) =>
      guarded(
        async () => {
          const multi = connection.commands.multi();
          for (const key of keys) {
            multi.zadd(keyOf(key), now, `${now}:${Math.random().toString(36).slice(2)}`);
            multi.pexpire(keyOf(key), settings.windowMs);
          }
          await multi.exec();
        },
        () => fallback.recordFailure(keys, now),
      ),
    reset: (keys) =>
      guarded(
        async () => {
          if (keys.length > 0) await connection.commands.del(...keys.map(keyOf));
        },
        () => fallback.reset(keys),
      ),
  };
}

export function redisThrottles(connection: RedisConnection, onError?: (message: string) => void): SignInThrottles {
  return {
    account: redisThrottle(connection, 'account', PER_ACCOUNT, onError),
    address: redisThrottle(connection, 'address', PER_ADDRESS, onError),
  };
}
