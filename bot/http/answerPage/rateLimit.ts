// A per-key fixed-window request counter, in process, that bounds guessing of answer codes.
/**
 * A fixed-window request counter per key, IN PROCESS: each instance of the bot counts on its own, so behind N
 * instances a client gets up to N times the limit. That is enough for its purpose here — to make guessing answer
 * codes pointless and to stop a script from hammering one link — without a shared store. Old windows are swept
 * as new keys arrive, so memory stays bounded by the traffic of one window.
 */
export class RateLimiter {
  private readonly windows = new Map<string, { count: number; resetAt: number }>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly now: () => number = () => Date.now(),
  ) {}

  /** Counts one request for `key`: allowed, or refused with the seconds to wait. */
  hit(key: string): { allowed: true } | { allowed: false; retryAfterSeconds: number } {
    const now = this.now();
    let window = this.windows.get(key);
    if (!window || window.resetAt <= now) {
      if (!window && this.windows.size >= 10_000) this.sweep(now);
      window = { count: 0, resetAt: now + this.windowMs };
      this.windows.set(key, window);
    }
    window.count += 1;
    if (window.count <= this.limit) return { allowed: true };
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((window.resetAt - now) / 1000)) };
  }

  private sweep(now: number): void {
    for (const [key, window] of this.windows) if (window.resetAt <= now) this.windows.delete(key);
  }
}
