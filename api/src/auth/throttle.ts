// Sign-in throttling: failures are counted per email and per client address in a sliding
// window. In memory, per instance: the scale-out issue moves it to Redis.

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
