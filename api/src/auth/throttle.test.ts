// The sliding window itself, on an injected clock: what the sign-in tests cannot wait for.
import { describe, expect, it } from 'vitest';
import { FailureThrottle } from './throttle.ts';

describe('a sign-in failure throttle', () => {
  it('refuses once the window holds the most failures, until the oldest leaves it', () => {
    const throttle = new FailureThrottle({ maxFailures: 3, windowMs: 60_000 });
    const key = ['someone@example.jp'];
    throttle.recordFailure(key, 0);
    throttle.recordFailure(key, 10_000);
    expect(throttle.retryAfterSeconds(key, 10_000)).toBe(0);
    throttle.recordFailure(key, 20_000);
    expect(throttle.retryAfterSeconds(key, 20_000)).toBe(40);
    expect(throttle.retryAfterSeconds(key, 59_999)).toBe(1);
    // The first failure has left the window: two remain, so one more try is allowed.
    expect(throttle.retryAfterSeconds(key, 60_000)).toBe(0);
    expect(throttle.retryAfterSeconds(['someone-else@example.jp'], 20_000)).toBe(0);
  });

  it('forgets a key on reset', () => {
    const throttle = new FailureThrottle({ maxFailures: 1, windowMs: 60_000 });
    throttle.recordFailure(['a'], 0);
    expect(throttle.retryAfterSeconds(['a'], 0)).toBe(60);
    throttle.reset(['a']);
    expect(throttle.retryAfterSeconds(['a'], 0)).toBe(0);
  });
});
